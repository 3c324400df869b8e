import { closeSync, fstatSync, fsyncSync, ftruncateSync, openSync, readSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Operation } from '../../shared/ops/operations.js';
import { parseOperation } from '../../shared/ops/operationSchema.js';
import { fromScan, parseOrNull } from './unseparatedLines.js';
import type { LinePartsOptions } from './lineParts.js';
import { lineParts } from './lineParts.js';
import { PRIVATE_FILE_MODE, makePrivateDir, writeAll } from './durableFile.js';

/**
 * Between two operations of a batch line: a comma and a tab. JSON.stringify never writes a raw
 * tab (and no UTF-8 sequence contains the byte), so a tab in a line can only be this boundary:
 * a request's operations are cut out of a big pulled line by a byte search, without scanning it.
 * Lines written before this (comma only) are still read, by a scan.
 */
export const OP_SEPARATOR = ',\t';
const TAB = 0x09;

/** A batch as one log line. */
function encodeBatch(ops: readonly Operation[]): Buffer {
  return Buffer.from(`[${ops.map((op) => JSON.stringify(op)).join(OP_SEPARATOR)}]\n`, 'utf8');
}

/** Where a reader may start: the end of what a snapshot already covers. */
export interface LogPosition {
  bytes: number;
  lineOffsets: number[];
}

/**
 * The local, durable operation log: one JSON array of operations per line — a batch that is
 * applied whole or not at all (a local change, or one segment pulled from the share). A torn
 * last line (the process died mid-write, so it was never acknowledged) is cut off on open.
 * Lines are numbered from 0; a request's detail is read back by line number.
 */
export class OpLog {
  private closed = false;

  private constructor(
    private fd: number,
    readonly file: string,
    /** Start offset of every line, in order. */
    readonly lineOffsets: number[],
    private end: number,
  ) {}

  /**
   * Opens the log and calls `onLine` for every complete line after `resume` (all of them when
   * there is none, or when the file no longer reaches it).
   *
   * The log is cut at the first line that is not whole JSON, and everything after it dropped:
   * only lines never fsynced can be damaged (a power cut may write a file's pages in any order),
   * and every fsync covers all lines before it, so what is dropped was never acknowledged —
   * pulled batches the next sync reads again. Keeping later lines instead would leave a gap in
   * a device's operations that its cursor would never go back for.
   */
  static open(dir: string, onLine: (values: unknown[], line: number) => void, resume?: LogPosition): { log: OpLog; damagedLines: number; resumed: boolean } {
    makePrivateDir(dir);
    const file = join(dir, 'operations.jsonl');
    const fd = openSync(file, 'a+', PRIVATE_FILE_MODE);
    syncDirectory(dir);
    const size = fstatSync(fd).size;
    const resumed = !!resume && resume.bytes <= size && endsLineAt(fd, resume.bytes);
    const offsets = resumed ? [...resume!.lineOffsets] : [];
    let damagedLines = 0;
    const complete = scanLines(fd, resumed ? resume!.bytes : 0, size, (text, start) => {
      let ops: unknown[];
      try {
        ops = JSON.parse(text) as unknown[];
        if (!Array.isArray(ops)) throw new Error('not a batch');
      } catch {
        damagedLines++;
        return false;
      }
      offsets.push(start);
      onLine(ops, offsets.length - 1);
      return true;
    });
    if (complete < size) {
      ftruncateSync(fd, complete);
      fsyncSync(fd);
    }
    return { log: new OpLog(fd, file, offsets, complete), damagedLines, resumed };
  }

  get bytes(): number {
    return this.end;
  }

  get lineCount(): number {
    return this.lineOffsets.length;
  }

  /**
   * Appends one batch as one line and answers its line number. Durable (the default) means
   * fsynced before this returns. `line` is the batch already encoded (a JSON array and "\n"),
   * when the caller has it from a segment, so it is not serialised again.
   */
  append(ops: readonly Operation[], { durable = true, line }: { durable?: boolean; line?: Buffer | undefined } = {}): number {
    if (this.closed) throw new Error(`The operation log ${this.file} is closed; nothing was written.`);
    const buf = line ?? encodeBatch(ops);
    writeAll(this.fd, buf, this.end);
    if (durable) fsyncSync(this.fd);
    this.lineOffsets.push(this.end);
    this.end += buf.length;
    return this.lineOffsets.length - 1;
  }

  sync(): void {
    if (!this.closed) fsyncSync(this.fd);
  }

  /** The operations on the given lines, each checked again (one that fails is left out, as the fold left it out). */
  readLines(lines: readonly number[]): Operation[] {
    const out: Operation[] = [];
    for (const line of lines) for (const value of JSON.parse(this.lineText(line)) as unknown[]) pushChecked(out, value);
    return out;
  }

  /** A line's operations in parts, for a long pass over the log (see `lineParts`). */
  linePartsOf(line: number, options: LinePartsOptions = {}): Iterable<Operation[]> {
    const buf = this.lineBytes(line);
    // No separator: a line of one operation, or one written before separators.
    return buf.indexOf(TAB) < 0 ? [this.readLines([line])] : lineParts(buf, options);
  }

  /** A line's bytes and the offset where it ends, or null past the last line. */
  lineAt(line: number): { bytes: Buffer; end: number } | null {
    if (line < 0 || line >= this.lineOffsets.length) return null;
    const bytes = this.lineBytes(line);
    return { bytes, end: this.lineOffsets[line]! + bytes.length };
  }

  private lineText(line: number): string {
    return this.lineBytes(line).toString('utf8');
  }

  private lineBytes(line: number): Buffer {
    const start = this.lineOffsets[line]!;
    const stop = line + 1 < this.lineOffsets.length ? this.lineOffsets[line + 1]! : this.end;
    const buf = Buffer.allocUnsafe(stop - start);
    readFully(this.fd, buf, start);
    return buf;
  }

  /**
   * The operations on one request in some lines. A pulled segment is one line of up to thousands
   * of operations; only those that mention the id are parsed: found by a byte search for the id
   * and cut out between the separators around it (`OP_SEPARATOR`).
   */
  readTarget(lines: readonly number[], target: string): Operation[] {
    const out: Operation[] = [];
    const needle = Buffer.from(`"${target}"`);
    for (const line of lines) {
      const buf = this.lineBytes(line);
      let hit = buf.indexOf(needle);
      if (hit < 0) continue;
      // No separator: a line of one operation (small), or one written before separators.
      if (buf.indexOf(TAB) < 0) {
        out.push(...fromScan(buf.toString('utf8'), target));
        continue;
      }
      while (hit >= 0) {
        const before = buf.lastIndexOf(TAB, hit);
        const start = before < 0 ? 1 : before + 1;
        const after = buf.indexOf(TAB, hit);
        // The op ends before ",\t", or before "]\n" for the last one.
        const end = after < 0 ? buf.length - 2 : after - 1;
        const op = parseOperation(parseOrNull(buf.toString('utf8', start, end)));
        if (op?.target === target) out.push(op);
        hit = after < 0 ? -1 : buf.indexOf(needle, after);
      }
    }
    return out;
  }

  readAll(): Operation[] {
    return this.readLines(this.lineOffsets.map((_, i) => i));
  }

  /**
   * Replaces the whole log with `ops` (a rare event: re-identification after a clone). The new
   * file is complete and fsynced before it takes the old one's name.
   */
  replaceWith(ops: readonly Operation[], onLine: (ops: Operation[], line: number) => void): OpLog {
    const tmp = `${this.file}.rewrite`;
    const fd = openSync(tmp, 'w', PRIVATE_FILE_MODE);
    const offsets: number[] = [];
    let at = 0;
    for (let i = 0; i < ops.length; i += 1000) {
      const batch = ops.slice(i, i + 1000);
      const buf = encodeBatch(batch);
      writeAll(fd, buf, at);
      offsets.push(at);
      onLine(batch, offsets.length - 1);
      at += buf.length;
    }
    fsyncSync(fd);
    closeSync(fd);
    this.close();
    renameSync(tmp, this.file);
    syncDirectory(dirname(this.file));
    return new OpLog(openSync(this.file, 'a+'), this.file, offsets, at);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }
}

function pushChecked(out: Operation[], value: unknown): void {
  const op = parseOperation(value);
  if (op) out.push(op);
}

function readFully(fd: number, buf: Buffer, position: number): void {
  let read = 0;
  while (read < buf.length) {
    const n = readSync(fd, buf, read, buf.length - read, position + read);
    if (n === 0) throw new Error('The operation log is shorter than its index; reopen Interdesk.');
    read += n;
  }
}

function endsLineAt(fd: number, bytes: number): boolean {
  if (bytes === 0) return true;
  const one = Buffer.alloc(1);
  return readSync(fd, one, 0, 1, bytes - 1) === 1 && one[0] === 0x0a;
}

/**
 * Calls `onLine` for each complete line in [from, size) until it answers false; answers where
 * the lines it accepted end.
 */
function scanLines(fd: number, from: number, size: number, onLine: (text: string, start: number) => boolean): number {
  const CHUNK = 8 << 20;
  let buf = Buffer.allocUnsafe(CHUNK);
  let carry = 0; // bytes of an unfinished line at the front of buf
  let carryStart = from;
  let pos = from;
  while (pos < size) {
    if (carry === buf.length) {
      const bigger = Buffer.allocUnsafe(buf.length * 2);
      buf.copy(bigger, 0, 0, carry);
      buf = bigger;
    }
    const n = readSync(fd, buf, carry, Math.min(buf.length - carry, size - pos), pos);
    if (n === 0) break;
    pos += n;
    const filled = carry + n;
    let lineStart = 0;
    for (let nl = buf.indexOf(0x0a, 0); nl !== -1 && nl < filled; nl = buf.indexOf(0x0a, nl + 1)) {
      if (!onLine(buf.toString('utf8', lineStart, nl), carryStart + lineStart)) return carryStart + lineStart;
      lineStart = nl + 1;
    }
    carry = filled - lineStart;
    buf.copy(buf, 0, lineStart, filled);
    carryStart += lineStart;
  }
  return carryStart;
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
