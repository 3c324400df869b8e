import { fileTypeMismatch } from '../../shared/core/fileType.js';
import { visibleText } from '../../shared/core/text.js';
import type { Handlers } from './dispatch.js';
import { AppFailure } from './failure.js';
import type { ServiceContext } from './serviceContext.js';
import { actorOf } from './serviceContext.js';

/** Files on a request: kept here by content hash, on the share for the others, fetched when opened. */
export function createAttachmentHandlers(ctx: ServiceContext): Pick<Handlers, 'addAttachment' | 'getAttachment'> {
  const { store, blobs, sync } = ctx;
  return {
    addAttachment: ({ id, name, mime, data }) => {
      const p = ctx.profile();
      ctx.sideOf(ctx.record(id), p);
      const bytes = Buffer.from(data, 'base64');
      const mismatch = fileTypeMismatch(mime, bytes);
      if (mismatch) throw new AppFailure('invalid_input', `${mismatch} Attach it under its real type, or check where it came from.`);
      let hash: string;
      try {
        hash = blobs.put(bytes);
      } catch (err) {
        throw new AppFailure(
          'storage_failed',
          `The file could not be kept on this computer (${(err as Error).message}). Check the free disk space and try again.`,
        );
      }
      store.commit(actorOf(p), { type: 'request.attach', target: id, fields: { name, size: bytes.length, sha256: hash, mime } });
      return ctx.changed(id);
    },

    getAttachment: async ({ id, attachment }) => {
      // Only the request's operations are needed here, not its clocks or links (once a join has copied them).
      await store.whenOpenable(id);
      const request = store.detail(id, ctx.profile().department);
      if (!request) throw ctx.notFound();
      const found = request.attachments.find((a) => a.id === attachment);
      if (!found) throw new AppFailure('not_found', 'That attachment is not on this request.');
      let bytes = blobs.get(found.sha256);
      if (!bytes) {
        bytes = await sync.fetchBlob(found.sha256);
        if (bytes) blobs.keep(found.sha256, bytes);
      }
      if (!bytes) {
        throw new AppFailure(
          'not_found',
          `“${found.name}” has not reached this computer yet: the shared folder does not have it (still copying?). Try again after the next sync.`,
        );
      }
      // The operation came from the share: what it says of the file is checked against the file.
      const wrong =
        bytes.length !== found.size
          ? `The file is ${bytes.length.toLocaleString('en')} bytes, but its attachment says ${found.size.toLocaleString('en')}.`
          : fileTypeMismatch(found.mime, bytes);
      if (wrong)
        throw new AppFailure('invalid_input', `“${visibleText(found.name)}” was not opened: ${wrong} Ask ${visibleText(found.actor.user)} to attach it again.`);
      return { name: found.name, mime: found.mime, data: bytes.toString('base64') };
    },
  };
}
