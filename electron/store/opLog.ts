import { closeSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Operation } from '../../shared/model/operations.js';

export interface OpLogContents {
  ops: Operation[];
  /** Complete lines that could not be parsed; kept in the file, reported, never applied. */
  damagedLines: number;
}

/**
 * The local, durable operation log: one JSON operation per line, appended and fsynced before a
 * change is acknowledged. A torn last line (the process died mid-write, so it was never
 * acknowledged) is cut off on open.
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
        ops.push(JSON.parse(line) as Operation);
      } catch {
        damagedLines++;
      }
    }
    return { ops, damagedLines };
  }

  append(ops: readonly Operation[]): void {
    if (this.closed) throw new Error(`The operation log ${this.file} is closed; nothing was written.`);
    if (ops.length === 0) return;
    const buf = Buffer.from(ops.map((op) => `${JSON.stringify(op)}\n`).join(''), 'utf8');
    let written = 0;
    while (written < buf.length) written += writeSync(this.fd, buf, written);
    fsyncSync(this.fd);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }
}

/** Makes a newly created file's directory entry durable too (a no-op where the OS refuses it). */
function syncDirectory(dir: string): void {
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
