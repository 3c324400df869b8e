/** Lines appended since the last snapshot before a new one is worth writing. */
const SNAPSHOT_AFTER_OPS = 20_000;
/** How long the app must be quiet after a big pull before the snapshot is written. */
const QUIET_MS = 2_000;

/**
 * When the local snapshot (store/snapshot.json, for a fast start) is written: after a pull that
 * brought much, once the app has been quiet for a moment, and at close when anything came in.
 * Failing to write one costs a slower start, never an error.
 */
export class LocalSnapshots {
  private opsSince = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly write: () => void) {}

  counted(ops: number): void {
    this.opsSince += ops;
  }

  written(): void {
    this.opsSince = 0;
  }

  /** The last snapshot says something no longer true (an audit it marks pending has ended): close writes a new one. */
  stale(): void {
    this.opsSince = Math.max(this.opsSince, 1);
  }

  /** A pull has ended: a snapshot follows a quiet moment, when much has come in. */
  pulled(): void {
    if (this.opsSince < SNAPSHOT_AFTER_OPS || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.tryWrite();
    }, QUIET_MS);
    this.timer.unref();
  }

  /** At close: answers whether a snapshot was due (and tried). */
  close(): boolean {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.opsSince === 0) return false;
    this.tryWrite();
    return true;
  }

  private tryWrite(): void {
    try {
      this.write();
    } catch (err) {
      console.warn(`Interdesk: no snapshot written (${(err as Error).message}); the next start reads the whole log.`);
    }
  }
}
