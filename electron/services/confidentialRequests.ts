import type { Actor } from '../../shared/core/actor.js';
import type { SealedAttachOp, SealedContentOp } from '../../shared/ops/operations.js';
import type { OperationDraft, RequestStore } from '../store/requestStore.js';
import { departmentLock, openContent, openFileAbout, openFileBytes, openSealed, sealContent, sealFile, sealTo } from '../sync/format/sealing.js';
import type { ConfidentialNotes } from './confidentialNotes.js';
import { AppFailure } from './failure.js';

/** What a confidential request says, sealed (docs/sync.md §Confidential requests). */
export interface RequestText {
  title: string;
  details: string;
  form: Record<string, string>;
}

/** What a confidential request's creation says on the share instead of its title. */
export const CONFIDENTIAL_TITLE = 'Confidential request';

/**
 * Requests of a type its department marks confidential (docs/sync.md §Confidential requests): the
 * title, details and form answers are sealed under a key of the request's own, and that key
 * sealed to the lock of each of the two departments, so their members (and nobody else) read it.
 */
export class ConfidentialRequests {
  constructor(
    private readonly store: RequestStore,
    private readonly notes: ConfidentialNotes,
  ) {}

  /** Whether a request of `typeId` to `provider` is sealed on this share. */
  isConfidential(provider: string, typeId: string): boolean {
    return this.notes.inForce && this.store.config.confidentialTypes(provider).includes(typeId);
  }

  /**
   * What a new request of `typeId` to `provider` shows in its creation, and the sealed text beside
   * it when its type is confidential (then the creation says only that it is).
   */
  forCreation(actor: Actor, id: string, provider: string, typeId: string, text: RequestText): { shown: RequestText; sealed: OperationDraft | null } {
    if (!this.isConfidential(provider, typeId)) return { shown: text, sealed: null };
    return { shown: { title: CONFIDENTIAL_TITLE, details: '', form: {} }, sealed: this.seal(actor, id, provider, text) };
  }

  /** The operation that seals `text` for request `id` from `actor`'s department to `provider`; says what to do when the provider cannot receive one yet. */
  seal(actor: Actor, id: string, provider: string, text: RequestText): OperationDraft {
    const { contentKey, box } = sealContent(id, JSON.stringify(text));
    return { type: 'request.sealedContent', target: id, fields: { seals: this.sealKey(actor, provider, contentKey), box } };
  }

  /** The sealed text, opened with a key this computer holds for one of the two departments; null when it holds none. */
  open(op: SealedContentOp): RequestText | null {
    const contentKey = this.openKey(op.fields.seals);
    const text = contentKey && openContent(contentKey, op.target, op.fields.box);
    return text ? asRequestText(text) : null;
  }

  /**
   * A file for confidential request `id`: the bytes to keep and send as its blob (encrypted), and
   * the operation's fields but for the blob's hash.
   */
  sealFile(
    actor: Actor,
    id: string,
    provider: string,
    file: SealedFileAbout,
    bytes: Buffer,
  ): { blob: Buffer; fields: Omit<SealedAttachOp['fields'], 'sha256'> } {
    const { fileKey, blob, box } = sealFile(id, bytes, JSON.stringify(file));
    return { blob, fields: { size: blob.length, seals: this.sealKey(actor, provider, fileKey), box } };
  }

  /** A sealed file's name, type and size, and its key; null when this computer holds no key for it. */
  openFile(requestId: string, sealed: { seals: SealedAttachOp['fields']['seals']; box: string }): (SealedFileAbout & { fileKey: Buffer }) | null {
    const fileKey = this.openKey(sealed.seals);
    const about = fileKey && openFileAbout(fileKey, requestId, sealed.box);
    const parsed = about ? asFileAbout(about) : null;
    return parsed && fileKey ? { ...parsed, fileKey } : null;
  }

  /** A sealed file's bytes from its blob, or null when they do not open (changed, or another request's). */
  openFileBytes(requestId: string, fileKey: Buffer, blob: Buffer): Buffer | null {
    return openFileBytes(fileKey, requestId, blob);
  }

  /**
   * `key` sealed to the lock of `actor`'s department (when this person is a member of it: a
   * newcomer's own department could not open it anyway) and to `provider`'s newest lock.
   */
  private sealKey(actor: Actor, provider: string, key: Buffer): Record<string, { key: string; sealed: string }> {
    const { roster } = this.store;
    const theirs = [...roster.departmentKeys(provider)].reverse().find((k) => k.lock);
    if (!theirs?.lock) {
      throw new AppFailure(
        'invalid_input',
        `${provider} cannot receive confidential requests yet: none of its members' computers has synced with this version of Interdesk. Try again after one of them has opened Interdesk.`,
      );
    }
    // Someone left since that lock was made: they could still open what is sealed to it.
    const leftAt = roster.lastRemoval(provider);
    if (leftAt !== null && theirs.hlc <= leftAt) {
      throw new AppFailure(
        'invalid_input',
        `${provider} is changing its key after someone left it: nothing confidential is sealed to the old one. Try again after one of its members' computers has synced.`,
      );
    }
    const seals = { [provider]: { key: theirs.keyId, sealed: sealTo(theirs.lock, key) } };
    const own = this.store.ownKey;
    if (own && roster.departmentsOf(own).includes(actor.department)) {
      const mine = this.notes.writingKey(actor, actor.department);
      seals[actor.department] = { key: mine.keyId, sealed: sealTo(departmentLock(mine.secret).lock, key) };
    }
    return seals;
  }

  /** The key in `seals`, opened with a department key this computer holds. */
  private openKey(seals: Record<string, { key: string; sealed: string }>): Buffer | null {
    for (const [department, seal] of Object.entries(seals)) {
      const secret = this.notes.secret(department, seal.key);
      if (!secret) continue;
      const { lock, privateKey } = departmentLock(secret);
      const key = openSealed(privateKey, lock, seal.sealed);
      if (key) return key;
    }
    return null;
  }
}

/** What a sealed file's box says of it. */
export interface SealedFileAbout {
  name: string;
  mime: string;
  size: number;
}

function asFileAbout(json: string): SealedFileAbout | null {
  try {
    const v = JSON.parse(json) as Partial<SealedFileAbout> | null;
    if (!v || typeof v.name !== 'string' || typeof v.mime !== 'string' || !Number.isSafeInteger(v.size)) return null;
    return { name: v.name.slice(0, 500), mime: v.mime.slice(0, 200), size: v.size! };
  } catch {
    return null;
  }
}

/** A sealed text as its writer made it; anything else (a crafted box whose key someone holds) is not shown. */
function asRequestText(json: string): RequestText | null {
  try {
    const v = JSON.parse(json) as Partial<RequestText> | null;
    if (!v || typeof v.title !== 'string' || typeof v.details !== 'string' || !v.form || typeof v.form !== 'object') return null;
    const form = Object.entries(v.form).filter((e): e is [string, string] => typeof e[1] === 'string');
    return { title: v.title.slice(0, 1000), details: v.details.slice(0, 100_000), form: Object.fromEntries(form.slice(0, 30)) };
  } catch {
    return null;
  }
}
