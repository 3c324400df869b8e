import { closeSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Operation } from '../../shared/model/operations.js';

export interface OpLogContents {
  ops: Operation[];
  /** Complete lines that could not be parsed; kept in the file, reported, never applied. */
  damagedLines: number;
}

/**
 * The local, durable operation log: one JSON array of operations per line — a batch that is
 * applied whole or not at all (a local change, or one segment pulled from the share). Each line
 * is appended and fsynced before the change is acknowledged; a torn last line (the process died
 * mid-write, so it was never acknowledged) is cut off on open.
 */
export class OpLog {
  private closed = false;

  private constructor(
    private readonly fd: number,
    readonly file: string,
  ) {}

  static open(dir: string): { log: OpLog; contents: OpLogContents } {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'operations.jsonl');
    const fd = openSync(file, 'a+');
    const contents = OpLog.recover(fd, file);
    syncDirectory(dir);
    return { log: new OpLog(fd, file), contents };
  }

  private static recover(fd: number, file: string): OpLogContents {
    const bytes = readFileSync(file);
    const complete = bytes.lastIndexOf(0x0a) + 1;
    if (complete < bytes.length) {
      ftruncateSync(fd, complete);
      fsyncSync(fd);
    }
    const ops: Operation[] = [];
    let damagedLines = 0;
    for (const line of bytes.subarray(0, complete).toString('utf8').split('\n')) {
      if (!line) continue;
      try {
        ops.push(...(JSON.parse(line) as Operation[]));
      } catch {
        damagedLines++;
      }
    }
    return { ops, damagedLines };
  }

  /**
   * Appends one batch as one line: after a crash it is there whole or not at all. Durable (the
   * default) means fsynced before this returns. `raw` is the operations' JSON text when the
   * caller already has it (read from a segment), so it is not serialised again.
   */
  append(ops: readonly Operation[], { durable = true, raw }: { durable?: boolean; raw?: readonly string[] | undefined } = {}): void {
    if (this.closed) throw new Error(`The operation log ${this.file} is closed; nothing was written.`);
    if (ops.length === 0) return;
    writeAll(this.fd, Buffer.from(raw ? `[${raw.join(',')}]\n` : `${JSON.stringify(ops)}\n`, 'utf8'));
    if (durable) fsyncSync(this.fd);
  }

  sync(): void {
    if (!this.closed) fsyncSync(this.fd);
  }

  /**
   * Replaces the whole log with `ops` (a rare event: re-identification after a clone). The new
   * file is complete and fsynced before it takes the old one's name.
   */
  replaceWith(ops: readonly Operation[]): OpLog {
    const dir = dirname(this.file);
    const tmp = `${this.file}.rewrite`;
    const fd = openSync(tmp, 'w');
    for (let i = 0; i < ops.length; i += 1000) {
      writeAll(fd, Buffer.from(`${JSON.stringify(ops.slice(i, i + 1000))}\n`, 'utf8'));
    }
    fsyncSync(fd);
    closeSync(fd);
    this.close();
    renameSync(tmp, this.file);
    syncDirectory(dir);
    return new OpLog(openSync(this.file, 'a+'), this.file);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }
}

function writeAll(fd: number, buf: Buffer): void {
  let written = 0;
  while (written < buf.length) written += writeSync(fd, buf, written);
}

/** Makes a newly created file's directory entry durable too (a no-op where the OS refuses it). */
export function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Windows cannot open or fsync a directory; NTFS journals the entry itself.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
