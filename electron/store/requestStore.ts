import { HlcClock } from '../../shared/model/hlc.js';
import type { Operation } from '../../shared/model/operations.js';
import { operationId, parseOperationId } from '../../shared/model/operations.js';
import type { Actor } from '../../shared/model/request.js';
import { Replica } from '../../shared/model/replica.js';
import { OpLog } from './opLog.js';

/** An operation as a caller describes it; the store gives it its id, clock and actor. */
export type OperationDraft = Operation extends infer O
  ? O extends Operation
    ? Pick<O, 'type' | 'target' | 'fields'>
    : never
  : never;

export interface RequestStoreOptions {
  dir: string;
  deviceId: string;
  now?: () => number;
}

/**
 * The local replica: the durable operation log plus its fold in memory. `commit` returns only
 * after the operation is on disk, so an acknowledged change survives a crash.
 */
export class RequestStore {
  readonly replica = new Replica();
  readonly damagedLines: number;
  private readonly clock: HlcClock;
  private seq = 0;

  private constructor(
    private readonly log: OpLog,
    private readonly deviceId: string,
    ops: Operation[],
    damagedLines: number,
    now: () => number,
  ) {
    this.clock = new HlcClock(deviceId, now);
    this.damagedLines = damagedLines;
    for (const op of ops) {
      this.replica.apply(op);
      this.clock.observe(op.hlc);
      const id = parseOperationId(op.id);
      if (id.deviceId === deviceId && id.seq > this.seq) this.seq = id.seq;
    }
  }

  static open({ dir, deviceId, now = Date.now }: RequestStoreOptions): RequestStore {
    const { log, contents } = OpLog.open(dir);
    return new RequestStore(log, deviceId, contents.ops, contents.damagedLines, now);
  }

  commit(actor: Actor, draft: OperationDraft): Operation {
    const op = {
      ...draft,
      id: operationId(this.deviceId, this.seq + 1),
      hlc: this.clock.now(),
      actor: { ...actor },
    } as Operation;
    this.log.append([op]);
    this.seq++;
    this.replica.apply(op);
    return op;
  }

  close(): void {
    this.log.close();
  }
}
