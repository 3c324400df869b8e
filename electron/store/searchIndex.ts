import { boundedGarbage } from './boundedGarbage.js';
import type { RequestOperation } from '../../shared/ops/operations.js';
import { isRequestOperation } from '../../shared/ops/operations.js';
import { type NoteOpener, TextIndex } from '../../shared/model/textIndex.js';
import type { OpLog } from './opLog.js';
import { dropTextIndex, loadTextIndex, saveTextIndex } from './textIndexFile.js';

export interface SearchIndexHost {
  dir: string;
  deviceId(): string;
  log(): OpLog;
  closed(): boolean;
  /** Opens sealed notes this machine may read, so their words are found (docs/sync.md §Confidential notes). */
  openNote: NoteOpener;
}

/**
 * The word index for search, over its life: built from the log on first use (the one saved at the
 * last quit, then the lines after it, a line at a time, yielding between lines so the app answers
 * meanwhile), kept up to date as operations are folded, saved with every snapshot and at quit.
 */
export class SearchIndex {
  private text: TextIndex | null = null;
  private building: Promise<TextIndex> | null = null;
  /** How many log lines the saved index covers (-1: none saved by this process). */
  private savedLines = -1;
  /** Moves on every reset: a build begun before one does not become the index. */
  private generation = 0;

  constructor(private readonly host: SearchIndexHost) {}

  reset(): void {
    this.generation++;
    this.text = null;
    this.building = null;
    this.savedLines = -1;
  }

  /** The index is no longer right for the log (the log was rewritten): forget the saved one too. */
  drop(): void {
    dropTextIndex(this.host.dir);
    this.reset();
  }

  get(): Promise<TextIndex> {
    if (this.text) return Promise.resolve(this.text);
    return (this.building ??= this.build());
  }

  /** The index if it is built, else null (callers that cannot wait search row text only). */
  ready(): TextIndex | null {
    return this.text;
  }

  /** An operation folded into the queue: lines appended during a build are read by the build itself. */
  add(op: RequestOperation): void {
    this.text?.add(op, this.host.openNote);
  }

  private async build(): Promise<TextIndex> {
    const generation = this.generation;
    const log = this.host.log();
    const saved = loadTextIndex(this.host.dir, this.host.deviceId(), (line) => log.lineAt(line));
    const index = saved?.index ?? new TextIndex();
    // The words of every request come in as the log is read: garbage the heap would otherwise hold.
    const collect = boundedGarbage(log.bytes);
    for (let line = saved?.lines ?? 0; line < log.lineCount; line++) {
      for (const part of log.linePartsOf(line)) {
        if (log !== this.host.log() || this.host.closed()) throw new Error('The store was closed or rewritten while search was being prepared; search again.');
        for (const op of part) if (isRequestOperation(op)) index.add(op, this.host.openNote);
        collect();
        // A part is a thousand operations (a few ms): yield after each, so calls waiting on the main process go first.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }

    if (generation !== this.generation) return this.get();
    this.text = index;
    this.building = null;
    this.savedLines = saved?.lines ?? -1;
    return index;
  }

  /** Keeps the index for the next start, when it holds lines the saved one does not. */
  save(): void {
    const log = this.host.log();
    const lines = log.lineCount;
    if (!this.text || this.savedLines === lines) return;
    try {
      saveTextIndex(this.host.dir, this.host.deviceId(), { lines, bytes: log.bytes, lastLine: log.lineAt(lines - 1)?.bytes ?? Buffer.alloc(0) }, this.text);
      this.savedLines = lines;
    } catch (err) {
      console.warn(`Interdesk: the search index was not saved (${(err as Error).message}); the next start builds it again.`);
    }
  }
}
