import { createHash } from 'node:crypto';
import type { Operation } from '../../shared/ops/operations.js';
import { parseOperationId } from '../../shared/ops/operations.js';

/** A device's history as an upgrade statement covers it (docs/sync.md §Upgrading a share): operations 1..through, and their digest. */
export interface Coverage {
  through: number;
  sha256: string;
}

/**
 * The digest of one device's history, fed its operations in order 1, 2, 3…: the statement's
 * `sha256` when the admin wrote it, and each reader's check of what it holds.
 */
export class HistoryDigest {
  private readonly hash = createHash('sha256');
  /** The next operation number it expects. */
  next = 1;

  /** Feeds `op` (number `seq`); answers false when it is not the next one (a gap: the digest cannot go on). */
  add(op: Operation, seq: number): boolean {
    if (seq < this.next) return true; // held twice (a fold again): already in
    if (seq > this.next) return false;
    this.hash.update(`${JSON.stringify(op)}\n`);
    this.next++;
    return true;
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

/** What this machine holds of an upgrade statement: what it covers, and what each device's history turned out to be. */
export interface CoverageState {
  covers?: Record<string, Coverage>;
  /** Per covered device, once its whole covered history was held: whether it was what the statement says. */
  coverVerdicts?: Record<string, 'same' | 'differs'>;
}

/**
 * The history an upgrade statement covers (docs/sync.md §Upgrading a share), checked as it is
 * folded: each covered device's operations 1..through, in order, against the statement's digest.
 * Until its whole history is held a device's covered operations count; a history found to differ
 * (a file changed on the share after the statement) counts no more, and the reader says so.
 */
export class CoverageCheck {
  private readonly running = new Map<string, HistoryDigest>();

  constructor(
    private readonly state: () => CoverageState,
    /** A device's whole covered history was held and compared. */
    private readonly decided: (device: string, verdict: 'same' | 'differs') => void,
  ) {}

  /** Whether operation `seq` of `device` is history the statement covers (and not found to differ). */
  covers(device: string, seq: number): boolean {
    const { covers, coverVerdicts } = this.state();
    const c = coverOf(covers, device);
    return !!c && seq <= c.through && coverVerdicts?.[device] !== 'differs';
  }

  /** Feeds an operation folded here; cheap when the share has no statement, or the device is not covered or already decided. */
  see(op: Operation): void {
    const { covers, coverVerdicts } = this.state();
    if (!covers) return;
    const { deviceId, seq } = parseOperationId(op.id);
    const c = coverOf(covers, deviceId);
    if (!c || seq > c.through || coverVerdicts?.[deviceId]) return;
    let digest = this.running.get(deviceId);
    if (!digest) this.running.set(deviceId, (digest = new HistoryDigest()));
    // Out of order (a log that holds a device's history otherwise than 1, 2, 3…): the next full pass decides.
    if (!digest.add(op, seq)) return void this.running.delete(deviceId);
    if (digest.next <= c.through) return;
    this.running.delete(deviceId);
    this.decided(deviceId, digest.digest() === c.sha256 ? 'same' : 'differs');
  }

  /** Before a pass over the whole log: every unfinished digest starts again from operation 1. */
  restart(): void {
    this.running.clear();
  }

  /** Whether a device whose covered history is all held here has no verdict yet (a pass over the log decides it). */
  undecided(held: (device: string) => number): boolean {
    const { covers, coverVerdicts } = this.state();
    return Object.entries(covers ?? {}).some(([device, c]) => !coverVerdicts?.[device] && held(device) >= c.through);
  }
}

/** What the statement covers of `device`: its own entry only (a device folder may be named "constructor"). */
const coverOf = (covers: Record<string, Coverage> | undefined, device: string): Coverage | undefined =>
  covers && Object.hasOwn(covers, device) ? covers[device] : undefined;
