import type { RequestDetail } from '../../shared/model/request.js';
import { requestKey } from '../../shared/model/request.js';
import type { IndexEntry } from '../../shared/model/queueIndex.js';
import { summarize } from '../../shared/model/replica.js';
import type { RequestSla } from '../../shared/model/requestSla.js';
import type { ChainTurn } from '../../shared/model/slaEvents.js';
import { providerOf } from '../../shared/model/transfers.js';
import type { ChainFields } from '../../shared/ops/chainFields.js';

interface ChainViewDeps {
  request(id: string): IndexEntry | undefined;
  clocksOf(e: IndexEntry, at: Date): RequestSla | null;
  turnOf(e: IndexEntry): ChainTurn | undefined;
}

/** A chain's steps as its parent's page shows them, each from its own request as this machine has it. */
export function chainView(chain: ChainFields, { request, clocksOf, turnOf }: ChainViewDeps, at: Date): NonNullable<RequestDetail['chain']> {
  const steps = chain.steps.map((s) => {
    const e = request(s.request);
    const turn = e?.create ? turnOf(e) : undefined;
    return {
      step: s.step,
      id: s.request,
      key: requestKey(s.request),
      department: e?.create ? providerOf(e) : s.department,
      title: s.title,
      status: e?.status?.value ?? null,
      neededBy: e?.create ? summarize(e).neededBy : null,
      waitingFor: turn && turn.at === null ? turn.waitingFor : null,
      resolution: e?.create ? (clocksOf(e, at)?.resolution ?? null) : null,
    };
  });
  return { template: chain.template, name: chain.name, anchor: chain.anchor, steps };
}
