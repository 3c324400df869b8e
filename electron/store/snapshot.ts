import { OPERATION_TYPES } from '../../shared/ops/operations.js';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ConfigDump } from '../../shared/model/configState.js';
import type { Operation, RosterOperation } from '../../shared/ops/operations.js';
import type { Refusal } from '../../shared/model/requestRules.js';
import type { IndexEntry } from '../../shared/model/queueIndex.js';
import { writeFileDurably } from './durableFile.js';
import type { LogPosition } from './opLog.js';

/**
 * The folded state up to a point in the local log, so a start reads the snapshot and only the
 * log after it. Derived data only: deleting it costs a slower start, never data.
 */
export interface Snapshot {
  version: 6;
  deviceId: string;
  position: LogPosition;
  opCount: number;
  /** See FoldedState: operations passed over, of a newer build's types and of none. */
  foreign: number;
  unreadable: number;
  /** The operation types the writing build folded: a build that knows more reads the log again when some were passed over. */
  knownTypes: string[];
  /** An adopted share snapshot's audit had not ended: the next start audits the index again. */
  auditPending: boolean;
  /** The device clock's latest value, so new operations sort after everything folded in. */
  clock: string;
  maxSeqs: [string, number][];
  own: Operation[];
  entries: IndexEntry[];
  /** Everyone seen acting for each department. */
  people: [string, string[]][];
  config: ConfigDump;
  configLines: number[];
  /** The roster's operations (few: people joining and leaving). */
  roster: RosterOperation[];
  /** The latest changes the rules passed over, for admins. */
  refusals: Refusal[];
}

const file = (dir: string) => join(dir, 'snapshot.json');

export function loadSnapshot(dir: string, deviceId: string): Snapshot | null {
  try {
    const s = JSON.parse(readFileSync(file(dir), 'utf8')) as Snapshot;
    if (s.version !== 6 || s.deviceId !== deviceId) return null;
    // Operations passed over as a newer build's may be this build's to fold: read the log again.
    const knowsMore = OPERATION_TYPES.some((type) => !s.knownTypes.includes(type));
    return s.foreign > 0 && knowsMore ? null : s;
  } catch {
    return null;
  }
}

/**
 * Written in slices: one JSON string of 100,000 entries would be the largest allocation of the
 * app's life (hundreds of MB at the moment it quits). The file is the same JSON either way.
 */
export function saveSnapshot(dir: string, snapshot: Snapshot): void {
  const { entries, ...head } = snapshot;
  writeFileDurably(
    file(dir),
    (function* () {
      yield `${JSON.stringify(head).slice(0, -1)},"entries":[`;
      for (let i = 0; i < entries.length; i += SLICE)
        yield (i ? ',' : '') +
          entries
            .slice(i, i + SLICE)
            .map((e) => JSON.stringify(e))
            .join(',');
      yield ']}';
    })(),
  );
}

const SLICE = 2_000;

export function dropSnapshot(dir: string): void {
  rmSync(file(dir), { force: true });
}
