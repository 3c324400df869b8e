import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { TextIndex } from '../../shared/model/textIndex.js';
import { writeFileDurably } from './durableFile.js';
import { sha256 } from './sha256.js';

/**
 * The search index as of a point in the local log, so a start loads it (tens of milliseconds)
 * instead of reading every operation again (seconds at a million). Derived data like the
 * snapshot: a missing, damaged or outdated file costs one rebuild, never a wrong answer.
 *
 * Layout: a JSON header line, a JSON line of request ids, then the word counts and the word
 * hashes as 32-bit integers in the machine's byte order (the file never leaves the machine).
 */
interface Header {
  interdesk: 'text-index';
  version: 1;
  deviceId: string;
  /** Log lines it covers, the byte where they end, and the SHA-256 of the last of them. */
  lines: number;
  bytes: number;
  lastLine: string;
  requests: number;
  hashes: number;
}

/** Where the saved index stops in the log; a reader checks the log still says the same there. */
export interface CoveredLog {
  lines: number;
  bytes: number;
  /** The bytes of the last line covered (empty when none is). */
  lastLine: Buffer;
}

const file = (dir: string) => join(dir, 'text-index.bin');

export function saveTextIndex(dir: string, deviceId: string, covered: CoveredLog, index: TextIndex): void {
  const { ids, counts, hashes } = index.dump();
  const header: Header = {
    interdesk: 'text-index',
    version: 1,
    deviceId,
    lines: covered.lines,
    bytes: covered.bytes,
    lastLine: sha256(covered.lastLine),
    requests: ids.length,
    hashes: hashes.length,
  };
  const head = Buffer.from(`${JSON.stringify(header)}\n${JSON.stringify(ids)}\n`, 'utf8');
  writeFileDurably(file(dir), [
    head,
    new Uint8Array(counts.buffer, counts.byteOffset, counts.byteLength),
    new Uint8Array(hashes.buffer, hashes.byteOffset, hashes.byteLength),
  ]);
}

/**
 * The saved index and how many log lines it covers, or null when there is none this log can
 * continue from: another device's, or the log no longer holds the same line where it stopped.
 */
export function loadTextIndex(
  dir: string,
  deviceId: string,
  lineAt: (line: number) => { bytes: Buffer; end: number } | null,
): { index: TextIndex; lines: number } | null {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file(dir));
  } catch {
    return null;
  }
  try {
    const headEnd = bytes.indexOf(0x0a);
    const idsEnd = bytes.indexOf(0x0a, headEnd + 1);
    const header = JSON.parse(bytes.toString('utf8', 0, headEnd)) as Header;
    if (header.interdesk !== 'text-index' || header.version !== 1 || header.deviceId !== deviceId) return null;
    if (header.lines > 0) {
      const last = lineAt(header.lines - 1);
      if (!last || last.end !== header.bytes || sha256(last.bytes) !== header.lastLine) return null;
    }
    const ids = JSON.parse(bytes.toString('utf8', headEnd + 1, idsEnd)) as string[];
    // Copied out so the integers are aligned, whatever the length of the text before them.
    const numbers = new Uint32Array(header.requests + header.hashes);
    const from = idsEnd + 1;
    if (bytes.length - from !== numbers.byteLength) return null;
    Buffer.from(numbers.buffer).set(bytes.subarray(from));
    return { index: TextIndex.restore({ ids, counts: numbers.subarray(0, header.requests), hashes: numbers.subarray(header.requests) }), lines: header.lines };
  } catch {
    return null;
  }
}

export function dropTextIndex(dir: string): void {
  rmSync(file(dir), { force: true });
}
