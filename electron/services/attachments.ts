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
      const rec = ctx.record(id);
      ctx.sideOf(rec, p);
      const bytes = Buffer.from(data, 'base64');
      const mismatch = fileTypeMismatch(mime, bytes);
      if (mismatch) throw new AppFailure('invalid_input', `${mismatch} Attach it under its real type, or check where it came from.`);
      const keep = (blob: Buffer): string => {
        try {
          return blobs.put(blob);
        } catch (err) {
          throw new AppFailure(
            'storage_failed',
            `The file could not be kept on this computer (${(err as Error).message}). Check the free disk space and try again.`,
          );
        }
      };
      // A confidential request's files are sealed to its two departments, as its text is.
      if (ctx.confidential.isConfidential(rec.create!.fields.toDepartment, rec.create!.fields.typeId ?? '') && store.sealedContent(id)) {
        const sealed = ctx.confidential.sealFile(actorOf(p), id, rec.create!.fields.toDepartment, { name, mime, size: bytes.length }, bytes);
        store.commit(actorOf(p), { type: 'request.sealedAttach', target: id, fields: { ...sealed.fields, sha256: keep(sealed.blob) } });
        return ctx.changed(id);
      }
      store.commit(actorOf(p), { type: 'request.attach', target: id, fields: { name, size: bytes.length, sha256: keep(bytes), mime } });
      return ctx.changed(id);
    },

    getAttachment: async ({ id, attachment }) => {
      // Only the request's operations are needed here, not its clocks or links (once a join has copied them).
      await store.whenOpenable(id);
      const request = store.detail(id, ctx.profile().department);
      if (!request) throw ctx.notFound();
      const held = request.attachments.find((a) => a.id === attachment);
      if (!held) throw new AppFailure('not_found', 'That attachment is not on this request.');
      const opened = held.sealed ? ctx.confidential.openFile(id, held.sealed) : null;
      if (held.sealed && !opened) {
        throw new AppFailure(
          'forbidden',
          `This file is sealed for ${request.fromDepartment} and ${request.toDepartment}, and this computer holds no key for it.`,
        );
      }
      const found = opened ? { ...held, name: opened.name, mime: opened.mime } : held;
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
      if (opened) {
        const plain = ctx.confidential.openFileBytes(id, opened.fileKey, bytes);
        if (!plain)
          throw new AppFailure(
            'invalid_input',
            `“${visibleText(opened.name)}” was not opened: its sealed bytes were changed. Ask ${visibleText(found.actor.user)} to attach it again.`,
          );
        bytes = plain;
        found.size = opened.size;
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
