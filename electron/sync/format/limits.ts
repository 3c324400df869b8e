/**
 * How big each kind of file on the share may be (docs/sync.md §Limits). A file is measured before
 * it is read, so a crafted 100 MB line costs a stat, not 100 MB of memory and a frozen window.
 * Each limit is far above what any honest build writes.
 */
export const MAX_FORMAT_FILE_BYTES = 16 * 1024;
export const MAX_DEVICE_FILE_BYTES = 16 * 1024;
/** An upgrade statement names every device of the share: about 130 bytes each, 10,000 devices at most. */
export const MAX_UPGRADE_FILE_BYTES = 2 * 1024 * 1024;
/** Writers stop a segment at 4 MB or 5,000 operations (push.ts); one operation is at most ~1.2 MB. */
export const MAX_SEGMENT_BYTES = 16 * 1024 * 1024;
export const MAX_OPS_PER_SEGMENT = 10_000;
/** Packers stop a pack at 8 MB or 50,000 operations (packer.ts), past 8 MB by one file at most; six read ahead stay under 100 MB. */
export const MAX_PACK_BYTES = 16 * 1024 * 1024;
export const MAX_OPS_PER_PACK = 100_000;
/** A snapshot of 1,000,000 operations is 83 MB. */
export const MAX_SNAPSHOT_BYTES = 1024 * 1024 * 1024;

/** Thrown by `ShareFs.readFile` for a file past its limit: like a bad file, it has "not arrived". */
export class FileTooLarge extends Error {
  readonly code = 'EFBIG';
  /** Why, without the file's name (for a sentence that already names it). */
  readonly reason: string;
  constructor(
    path: string,
    /** How large the file is (what was measured). */
    readonly size: number,
    max: number,
  ) {
    const reason = `it is ${size.toLocaleString('en')} bytes, more than the ${max.toLocaleString('en')} such a file may be`;
    super(`${path}: ${reason}`);
    this.reason = reason;
  }
}
