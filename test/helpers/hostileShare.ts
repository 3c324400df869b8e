import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { signedMessage } from '../../electron/sync/format/signature.js';
import { keyFromSeed, publishDevice } from './keys.js';
import { dirname, relative } from 'node:path';
import { ShareLayout } from '../../electron/sync/format/layout.js';

/**
 * Writes what an attacker with write access to the share would: a segment file whose operation
 * lines are any text (crafted bytes, not what this build would encode), with a header and a
 * trailer that check, so only what the lines mean can refuse it.
 */
export function writeCraftedSegment(share: string, device: string, first: number, lines: readonly string[]): string {
  const body = Buffer.from(lines.map((l) => `${l}\n`).join(''), 'utf8');
  const header = { interdesk: 'segment', v: 1, device, first, last: first + lines.length - 1 };
  const hash = createHash('sha256').update(body).digest('hex');
  // Signed with the key its device.json publishes, as the attacker's own machine would.
  const key = keyFromSeed(device);
  const trailer = { count: lines.length, bytes: body.length, sha256: hash, sig: key.sign(signedMessage(JSON.stringify(header), hash)) };
  const layout = new ShareLayout(share);
  const path = layout.segmentPath(device, first);
  mkdirSync(dirname(path), { recursive: true });
  if (!existsSync(layout.deviceFile(device))) publishDevice(layout, device, key, { user: 'Mallory', department: 'Sales' });
  writeFileSync(path, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), body, Buffer.from(`${JSON.stringify(trailer)}\n`)]));
  return path;
}

/** Operation lines as JSON text, for `writeCraftedSegment`. */
export const asLines = (ops: readonly object[]) => ops.map((op) => JSON.stringify(op));

/** A file as the sync's problems name it: from the share's Interdesk folder. */
export const asNamed = (share: string, path: string) => relative(new ShareLayout(share).root, path);
