import type { Actor } from '../../shared/core/actor.js';
import type { SealedContentOp } from '../../shared/ops/operations.js';
import type { OperationDraft, RequestStore } from '../store/requestStore.js';
import { departmentLock, openContent, openSealed, sealContent, sealTo } from '../sync/format/sealing.js';
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

  /** The operation that seals `text` for request `id` from `actor`'s department to `provider`; says what to do when the provider cannot receive one yet. */
  seal(actor: Actor, id: string, provider: string, text: RequestText): OperationDraft {
    const { roster } = this.store;
    // The requesting department's key is this person's to make; the provider's lock is whatever its members published.
    const own = this.notes.writingKey(actor, actor.department);
    const ownLock = departmentLock(own.secret).lock;
    const theirs = [...roster.departmentKeys(provider)].reverse().find((k) => k.lock);
    if (!theirs?.lock) {
      throw new AppFailure(
        'invalid_input',
        `${provider} cannot receive confidential requests yet: none of its members' computers has synced with this version of Interdesk. Try again after one of them has opened Interdesk.`,
      );
    }
    const { contentKey, box } = sealContent(id, JSON.stringify(text));
    const seals = {
      [actor.department]: { key: own.keyId, sealed: sealTo(ownLock, contentKey) },
      [provider]: { key: theirs.keyId, sealed: sealTo(theirs.lock, contentKey) },
    };
    return { type: 'request.sealedContent', target: id, fields: { seals, box } };
  }

  /** The sealed text, opened with a key this computer holds for one of the two departments; null when it holds none. */
  open(op: SealedContentOp): RequestText | null {
    for (const [department, seal] of Object.entries(op.fields.seals)) {
      const secret = this.notes.secret(department, seal.key);
      if (!secret) continue;
      const { lock, privateKey } = departmentLock(secret);
      const contentKey = openSealed(privateKey, lock, seal.sealed);
      const text = contentKey && openContent(contentKey, op.target, op.fields.box);
      const parsed = text ? asRequestText(text) : null;
      if (parsed) return parsed;
    }
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
