import { MAX_PACK_BYTES, MAX_SEGMENT_BYTES } from './format/limits.js';
import type { Source } from './format/deviceFiles.js';
import type { ShareLayout } from './format/layout.js';
import type { SegmentFile } from './format/segment.js';
import { readSegmentFile } from './format/segment.js';

/** Where a device's segment or pack is on the share, and how it is read: what a pull and a join share. */
export function sourcePath(layout: ShareLayout, device: string, source: Source): string {
  return 'pack' in source ? layout.packPath(device, source.name) : layout.segmentPath(device, source.segment);
}

/**
 * A file read ahead is allowed this much: sixteen read ahead hold at most 64 MB however they are
 * crafted, and a larger honest one (a big pack) is read again when its turn comes.
 */
export const READ_AHEAD_BYTES = 4 * 1024 * 1024;

/**
 * A segment or a pack, read no further than its kind may be long (and, read ahead, than
 * READ_AHEAD_BYTES), its signature checked off the main thread against `key` when there is one.
 */
export function readOperationFile(
  read: (path: string, maxBytes: number) => Promise<Buffer | null>,
  path: string,
  ahead = false,
  key: string | null = null,
): Promise<SegmentFile | null> {
  const max = path.endsWith('.pack') ? MAX_PACK_BYTES : MAX_SEGMENT_BYTES;
  return readSegmentFile(read, path, max, ahead ? READ_AHEAD_BYTES : max, key);
}

/** Whether a file read ahead must be read again now that it is needed (see READ_AHEAD_BYTES). */
export const isDeferred = (file: SegmentFile | null): boolean => file?.deferred === true;
