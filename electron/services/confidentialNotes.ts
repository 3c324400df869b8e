import type { Actor } from '../../shared/core/actor.js';
import type { Comment } from '../../shared/model/request.js';
import type { DepartmentKey } from '../../shared/model/roster.js';
import { MAX_SEALS_PER_OPERATION } from '../../shared/ops/operationSchema.js';
import { ROSTER_TARGET } from '../../shared/ops/operations.js';
import type { OperationDraft, RequestStore } from '../store/requestStore.js';
import type { DeviceKey } from '../sync/deviceKey.js';
import { departmentLock, newDepartmentKey, openNote, sealNote, sealTo } from '../sync/format/sealing.js';

/**
 * Internal notes on a share with a roster, sealed to their department (docs/sync.md
 * §Confidential notes). This computer publishes its seal key, opens the department keys sealed to
 * it, makes a department's key when it has none (or none since a member left), and seals the keys
 * it holds to members who lack them. The share and every local log hold only sealed text.
 */
export class ConfidentialNotes {
  /** Department keys opened here, by department and key id; never written anywhere. */
  private readonly opened = new Map<string, Buffer>();
  /** The keys sealed to this computer when last looked: one more means notes search could not read before. */
  private sealedHere: Set<string>;

  constructor(
    private readonly store: RequestStore,
    private readonly key: Pick<DeviceKey, 'sealKey' | 'openSealed'>,
  ) {
    this.sealedHere = this.keysSealedHere();
    store.noteOpener = (op) => {
      const secret = this.secret(op.actor.department, op.fields.key);
      return secret && openNote(secret, op.target, op.actor.department, op.fields.box);
    };
  }

  /** Whether notes are sealed on this share: only where a roster says who is in a department. */
  get inForce(): boolean {
    return this.store.roster.inForce && this.store.ownKey !== null;
  }

  /** The operation that seals `body` as a note of `actor`'s department on request `id`; makes the department's key first when needed. */
  seal(actor: Actor, id: string, body: string): { key: string; box: string } {
    const { keyId, secret } = this.writingKey(actor, actor.department);
    return { key: keyId, box: sealNote(secret, id, actor.department, body) };
  }

  /** The note as this computer may show it: opened, or locked when no key it holds opens it. */
  open(note: Comment, requestId: string): Comment {
    if (!note.sealed) return note;
    const { sealed, ...rest } = note;
    const secret = this.secret(note.actor.department, sealed.key);
    const body = secret ? openNote(secret, requestId, note.actor.department, sealed.box) : null;
    return body === null ? { ...rest, body: '', locked: true } : { ...rest, body };
  }

  /**
   * Keeps the keys moving: publishes this computer's seal key once, and seals every key of its
   * departments it holds to the members who lack it (someone just admitted, or a key another
   * member made at the same time). Cheap when there is nothing to do; run after each pull.
   */
  keep(actor: Actor): void {
    if (!this.inForce) return;
    const { roster } = this.store;
    const own = this.store.ownKey!;
    const sealed = this.keysSealedHere();
    if ([...sealed].some((k) => !this.sealedHere.has(k) && !this.opened.has(k))) this.store.forgetSearchIndex();
    this.sealedHere = sealed;
    // Setup publishes it with the request to join (or the creator's lead role); a computer set up
    // by a build before sealing publishes it here, once it is on the roster.
    const me = roster.people().find((p) => p.key === own);
    const publish = me && (me.members.length || me.leads.length || me.asking.length) ? this.sealKeyDraft() : [];
    if (publish.length) this.store.commitAll(actor, publish);
    for (const department of roster.departmentsOf(own)) {
      for (const k of roster.departmentKeys(department)) {
        const secret = this.secret(department, k.keyId);
        if (secret) this.sealToMissing(actor, department, k, secret);
      }
      // A department that receives confidential requests has a current key with its lock, so anyone
      // can seal to it: made here when it has none (or none since someone left); a lock published
      // for a key made before locks. A key this computer does not hold yet waits for a colleague's seal.
      if (!this.store.config.confidentialTypes(department).length) continue;
      const keys = roster.departmentKeys(department);
      const newest = keys[keys.length - 1];
      const leftAt = roster.lastRemoval(department);
      if (!newest || (leftAt !== null && newest.hlc <= leftAt)) this.writingKey(actor, department);
      else if (!newest.lock) {
        const secret = this.secret(department, newest.keyId);
        if (secret) this.store.commit(actor, lockDraft(department, newest.keyId, secret));
      }
    }
  }

  /** Publishing this computer's seal key, unless the roster has it: none or one draft, to go with the first roster change. */
  sealKeyDraft(): OperationDraft[] {
    const own = this.store.ownKey;
    if (!own || !this.store.roster.inForce || this.store.roster.sealKeyOf(own) === this.key.sealKey) return [];
    return [{ type: 'roster.sealKey', target: ROSTER_TARGET, fields: { sealKey: this.key.sealKey } }];
  }

  /**
   * The key to seal with for `department` (one of this person's): its newest one this computer
   * holds, unless someone left since it was made; else a new one, sealed to the members, with its
   * lock.
   */
  writingKey(actor: Actor, department: string): { keyId: string; secret: Buffer } {
    const { roster } = this.store;
    const keys = roster.departmentKeys(department);
    const newest = keys[keys.length - 1];
    const leftAt = roster.lastRemoval(department);
    const secret = newest && (leftAt === null || newest.hlc > leftAt) ? this.secret(department, newest.keyId) : null;
    if (newest && secret) return { keyId: newest.keyId, secret };
    const made = newDepartmentKey();
    this.opened.set(`${department}\n${made.keyId}`, made.secret);
    const sealed: Record<string, string> = { [this.store.ownKey!]: sealTo(this.key.sealKey, made.secret) };
    for (const member of roster.membersOf(department)) {
      const sealKey = roster.sealKeyOf(member);
      if (sealKey && !sealed[member]) sealed[member] = sealTo(sealKey, made.secret);
    }
    this.commitSeals(actor, department, made.keyId, sealed, lockDraft(department, made.keyId, made.secret));
    return made;
  }

  private sealToMissing(actor: Actor, department: string, k: DepartmentKey, secret: Buffer): void {
    const { roster } = this.store;
    const sealed: Record<string, string> = {};
    for (const member of roster.membersOf(department)) {
      const sealKey = roster.sealKeyOf(member);
      if (sealKey && !k.sealed.has(member)) sealed[member] = sealTo(sealKey, secret);
    }
    if (Object.keys(sealed).length) this.commitSeals(actor, department, k.keyId, sealed);
  }

  /** The copies of a key in operations of at most MAX_SEALS_PER_OPERATION, in one batch with what goes with them (a new key's lock). */
  private commitSeals(actor: Actor, department: string, keyId: string, sealed: Record<string, string>, ...besides: OperationDraft[]): void {
    const entries = Object.entries(sealed);
    const drafts: OperationDraft[] = [];
    for (let i = 0; i < entries.length; i += MAX_SEALS_PER_OPERATION) {
      const fields = { department, keyId, sealed: Object.fromEntries(entries.slice(i, i + MAX_SEALS_PER_OPERATION)) };
      drafts.push({ type: 'roster.departmentKey', target: ROSTER_TARGET, fields });
    }
    this.store.commitAll(actor, [...drafts, ...besides]);
  }

  /** "department\nkeyId" of every department key with a copy sealed to this computer's person. */
  private keysSealedHere(): Set<string> {
    const own = this.store.ownKey;
    const out = new Set<string>();
    if (!own || !this.store.roster.inForce) return out;
    for (const department of this.store.roster.departmentsOf(own))
      for (const k of this.store.roster.departmentKeys(department)) if (k.sealed.has(own)) out.add(`${department}\n${k.keyId}`);
    return out;
  }

  /** A department key this computer holds: one of the copies sealed to its person opens it. */
  secret(department: string, keyId: string): Buffer | null {
    const known = this.opened.get(`${department}\n${keyId}`);
    if (known) return known;
    const own = this.store.ownKey;
    const k = own ? this.store.roster.departmentKeys(department).find((x) => x.keyId === keyId) : undefined;
    for (const copy of (own && k?.sealed.get(own)) || []) {
      const secret = this.key.openSealed(copy);
      if (secret) {
        this.opened.set(`${department}\n${keyId}`, secret);
        return secret;
      }
    }
    return null;
  }
}

/** Publishing a department key's lock, which anyone seals confidential requests to. */
const lockDraft = (department: string, keyId: string, secret: Buffer): OperationDraft => ({
  type: 'roster.departmentLock',
  target: ROSTER_TARGET,
  fields: { department, keyId, lock: departmentLock(secret).lock },
});
