import { describe, expect, it } from 'vitest';
import { FoldedState } from '../../electron/store/foldedState.js';
import { OpLog } from '../../electron/store/opLog.js';
import { SnapshotAudit } from '../../electron/store/snapshotAudit.js';
import { QueueIndex } from '../../shared/model/queueIndex.js';
import type { Operation } from '../../shared/ops/operations.js';
import { REQUEST_A, REQUEST_B, commentOp, createOp, statusOp } from '../helpers/ops.js';
import { undoAfterEach } from '../helpers/undo.js';

const { cleanup, tempDir } = undoAfterEach();
const T = Date.UTC(2026, 10, 23, 9);

/** A log and its folded state, as a store holds them after a join adopted an index; the audit steps only when told. */
function joined(history: Operation[][]) {
  const { log } = OpLog.open(tempDir('interdesk-audit-'), () => undefined);
  cleanup.push(() => log.close());
  const folded = new FoldedState(
    'me',
    () => T,
    () => undefined,
  );
  for (const ops of history) folded.fold(ops, log.append(ops), 'me');
  const steps: (() => void)[] = [];
  let closed = false;
  const audit = new SnapshotAudit({
    log: () => log,
    folded: () => folded,
    closed: () => closed,
    workMs: -1,
    rest: () => new Promise<void>((go) => steps.push(go)),
  });
  /** Lets the audit take one more step; answers once it is waiting again (or done). */
  const step = async () => {
    steps.shift()?.();
    await new Promise((r) => setImmediate(r));
  };
  const commit = (ops: Operation[]) => folded.fold(ops, log.append(ops), 'me');
  /** Steps until the audit has ended. */
  const finish = async (done: Promise<unknown>) => {
    let ended = false;
    void done.then(() => (ended = true));
    while (!ended) await step();
    return done;
  };
  const close = () => {
    closed = true;
    log.close();
  };
  return { log, folded, audit, step, commit, finish, close };
}

const history = [
  [createOp(REQUEST_A, 'dev-b', 1, T), createOp(REQUEST_B, 'dev-b', 2, T + 1)],
  [statusOp(REQUEST_A, 'dev-b', 3, T + 2, 'acknowledged'), commentOp(REQUEST_B, 'dev-b', 4, T + 3, 'On it')],
];

describe('the audit of an adopted share snapshot', () => {
  it('does not start on a store closed before the sync cycle that joined had ended', async () => {
    const { audit, close } = joined(history);
    let release: () => void = () => {};
    const done = audit.start(new Promise<void>((resolve) => (release = resolve)));
    close();
    release();
    expect(await done).toEqual({ stopped: true });
  });

  it('keeps its own fold in step with the live queue once caught up, so a change made meanwhile is no difference', async () => {
    // Sixteen requests, so each part holds several and its comparison spans several steps.
    const ids = Array.from({ length: 16 }, (_, i) => `00000000-0000-4000-8000-0000000000${i.toString(16).padStart(2, '0')}`);
    const { folded, audit, step, commit } = joined([ids.map((id, i) => createOp(id, 'dev-b', i + 1, T + i))]);
    const done = audit.start();
    let ended = false;
    void done.then(() => (ended = true));
    // The app in use: a change to one of the requests every third step of the audit (it folds one
    // line a step here), so changes land while every part is being compared.
    for (let i = 0, seq = 1; !ended; i++) {
      if (i % 3 === 0) commit([commentOp(ids[seq % ids.length]!, 'me', seq, T + 100 + seq, `Note ${seq++}`)]);
      await step();
    }
    expect(await done).toEqual({ sound: true });
    expect(folded.shadow).toBeNull();
  });

  it('a change made before it caught up is folded from the log like the rest', async () => {
    const { audit, commit, finish } = joined(history);
    const done = audit.start();
    commit([commentOp(REQUEST_A, 'me', 1, T + 10, 'Thanks')]);
    expect(await finish(done)).toEqual({ sound: true });
  });

  it('an entry the history contradicts is found, and the history’s fold becomes the queue', async () => {
    const { folded, audit, finish } = joined(history);
    // As a tampered snapshot would have it: one request's status changed.
    folded.index.entry(REQUEST_A)!.status = { ...folded.index.entry(REQUEST_A)!.status!, value: 'declined' };
    const done = audit.start();
    expect(await finish(done)).toEqual({ sound: false, request: REQUEST_A });
    expect(folded.index.entry(REQUEST_A)!.status!.value).toBe('acknowledged');
  });

  it('whichever part of the requests holds a contradicted entry, the fold of the whole history becomes the queue', async () => {
    const ids = Array.from({ length: 16 }, (_, i) => `00000000-0000-4000-8000-0000000000${i.toString(16).padStart(2, '0')}`);
    const lines = [ids.map((id, i) => createOp(id, 'dev-b', i + 1, T + i)), ids.map((id, i) => statusOp(id, 'dev-b', 17 + i, T + 100 + i, 'acknowledged'))];
    for (const tampered of ids) {
      const { folded, audit, finish } = joined(lines);
      folded.index.entry(tampered)!.status = { ...folded.index.entry(tampered)!.status!, value: 'declined' };
      expect(await finish(audit.start())).toEqual({ sound: false, request: tampered });
      expect(ids.map((id) => folded.index.entry(id)?.status?.value)).toEqual(ids.map(() => 'acknowledged'));
    }
  });

  it('a request the history holds and the adopted queue left out is found', async () => {
    const { folded, audit, finish } = joined(history);
    folded.index = QueueIndex.restore(
      folded.index.dump().filter((e) => e.id !== REQUEST_B),
      folded.index.dumpPeople(),
    );
    expect(await finish(audit.start())).toEqual({ sound: false, request: REQUEST_B });
    expect(folded.index.entry(REQUEST_B)?.commentCount).toBe(1);
  });

  it('an operation whose request its bytes do not say for certain is audited with its own request only', async () => {
    const { log, folded, audit, finish } = joined(history);
    // Written by another build with an escape in its target: parsed on every pass, folded on its own request's.
    const escaped = `{"target":"\\u0030${REQUEST_A.slice(1)}","type":"request.comment","fields":{"body":"y"},"actor":{"user":"Eve","department":"Engineering"},"hlc":"000000000007000:000000:e","id":"e:2"}`;
    const line = log.append([], { durable: false, line: Buffer.from(`[${escaped}]\n`) });
    folded.fold(log.readLines([line]), line, 'me');
    expect(await finish(audit.start())).toEqual({ sound: true });
  });
});
