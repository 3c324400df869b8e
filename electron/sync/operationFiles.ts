import { MAX_PACK_BYTES, MAX_SEGMENT_BYTES } from './format/limits.js';
import type { Source } from './format/deviceFiles.js';
import type { ShareLayout } from './format/layout.js';
import type { SegmentFile } from './format/segment.js';
import { readSegmentFile } from './format/segment.js';

/** Where a device's segment or pack is on the share, and how it is read: what a pull and a join share. */
export function sourcePath(layout: ShareLayout, device: string, source: Source): string {
  return 'pack' in source ? layout.packPath(device, source.name) : layout.segmentPath(device, source.segment);
}

/** A segment or a pack, read no further than its kind may be long. */
export function readOperationFile(read: (path: string, maxBytes: number) => Promise<Buffer | null>, path: string): Promise<SegmentFile | null> {
  return readSegmentFile(read, path, path.endsWith('.pack') ? MAX_PACK_BYTES : MAX_SEGMENT_BYTES);
}
