/**
 * Reads files before they are asked for, a few at a time. A network share answers each read
 * after some milliseconds; reading one segment at a time made a first sync wait that long for
 * each of hundreds of segments (15.5 s instead of 6.6 s at 20 ms a read, 1M operations).
 *
 * `planned` is the order the files will most likely be asked for; asking for one drops the
 * reads planned before it (the puller skipped them) and starts the next ones.
 */
export class ReadAhead<T> {
  private readonly window = new Map<string, Promise<T>>();
  private readonly at = new Map<string, number>();
  private next = 0;

  constructor(
    private readonly planned: readonly string[],
    /** `ahead`: read before it is asked for (the reader may allow it less). */
    private readonly read: (path: string, ahead: boolean) => Promise<T>,
    private readonly depth: number,
    /** A file read ahead that must be read again when asked for (larger than reading ahead allows). */
    private readonly deferred: (value: T) => boolean = () => false,
  ) {
    planned.forEach((path, i) => this.at.set(path, i));
    this.fill();
  }

  /** The file's contents, from a read already under way when there is one. */
  take(path: string): Promise<T> {
    const early = this.window.get(path);
    const taken = early ? early.then((v) => (this.deferred(v) ? this.read(path, false) : v)) : this.read(path, false);
    this.window.delete(path);
    const i = this.at.get(path);
    if (i !== undefined) {
      for (const [p] of this.window) if (this.at.get(p)! < i) this.window.delete(p);
      this.next = Math.max(this.next, i + 1);
    }
    this.fill();
    return taken;
  }

  /** Starts reading a file outside the plan that will likely be asked for next. */
  hint(path: string): void {
    if (!this.window.has(path)) this.window.set(path, this.started(path));
  }

  private fill(): void {
    while (this.window.size < this.depth && this.next < this.planned.length) {
      const path = this.planned[this.next++]!;
      if (!this.window.has(path)) this.window.set(path, this.started(path));
    }
  }

  private started(path: string): Promise<T> {
    const p = this.read(path, true);
    p.catch(() => undefined); // a read nobody takes must not fail loudly; whoever takes it sees the error
    return p;
  }
}
