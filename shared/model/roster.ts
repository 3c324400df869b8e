import type { Operation, RosterOperation, RosterRole } from '../ops/operations.js';
import { parseOperationId } from '../ops/operations.js';

/**
 * The share's roster (docs/sync.md §Roster): which keys — devices, each one person's — are
 * admins, department leads and members, and when. It is folded from roster operations in clock
 * order, each judged by what its author's key held just before it: the share's root key is the
 * first admin; admins appoint leads and admins; leads (or admins) admit and remove members of
 * their department. Every reader that holds the same operations and pinned the same keys folds
 * the same roster, so rights "at the time of an operation" are the same everywhere.
 *
 * Seal keys, department keys and their locks (§Confidential notes, §Confidential requests) are
 * folded in the same pass, since they count only from someone who was a member then: one fold,
 * so one file (over 300 lines on purpose).
 */

/** What the fold asks before it folds an operation: whether the device that wrote it held the right then. */
export interface Authority {
  /** False while the share has no roster (a share from before keys): every rule about people is then off. */
  readonly inForce: boolean;
  /** Whether `op`'s device was a member (or lead) of the department it acts for, when it acted. */
  actsFor(op: Operation, department?: string): boolean;
  /** Whether `op`'s device led `department` (or was an admin) when it acted. */
  leads(op: Operation, department: string): boolean;
  /** Whether `op` was written by the share's root (the seed must be). */
  byRoot(op: Operation): boolean;
  /** `op` with its author named as the roster names its key, whatever name its writer typed. */
  proven<T extends Operation>(op: T): T;
}

/** Before a roster is in force: everyone may do everything, as before keys. */
export const NO_ROSTER: Authority = { inForce: false, actsFor: () => true, leads: () => true, byRoot: () => true, proven: (op) => op };

type Interval = [from: string, to: string | null];

/** A person (a key) as the roster knows them now, for the People screen. */
export interface RosterPerson {
  key: string;
  name: string;
  devices: string[];
  admin: boolean;
  leads: string[];
  members: string[];
  /** Departments asked to join and not yet answered. */
  asking: string[];
  /** Removed from everything (a lost laptop): nothing it signs after counts. */
  removed: boolean;
}

/** A roster change its author had no right to make, for admins. */
export interface RosterRefusal {
  id: string;
  hlc: string;
  type: string;
  why: string;
}

/** A department's key for confidential notes, as the roster holds it: sealed copies per person key. */
export interface DepartmentKey {
  keyId: string;
  /** When it was made (the clock of its first operation): the newest is the one to write with. */
  hlc: string;
  /** Sealed copies by person key; more than one when several members sealed it to the same person. */
  sealed: Map<string, string[]>;
  /** Its lock (docs/sync.md §Confidential requests): what anyone seals to for the department's members; the first published counts. */
  lock?: string;
}

/** Sealed copies kept per person and key: a member can only add noise, not take copies away. */
const MAX_SEALS_KEPT = 4;

const roleKey = (role: RosterRole, department?: string) => (role === 'admin' ? 'admin' : `${role}:${department}`);

const deviceOf = (op: Operation) => parseOperationId(op.id).deviceId;

/** What `signer` answers for history from before the roster: it counts as it did then. */
const COVERED = Symbol('covered by the upgrade statement');

export class Roster implements Authority {
  private readonly ops: RosterOperation[] = [];
  private readonly ids = new Set<string>();
  private dirty = true;
  /** Moves on every change to the roster (caches of what it decides key on it). */
  version = 0;
  private grants = new Map<string, Map<string, Interval[]>>();
  private peopleNow = new Map<string, RosterPerson>();
  /** The name each key asked under or was admitted as: an operation's author is shown by it. */
  private namesNow = new Map<string, string>();
  private refusedNow: RosterRefusal[] = [];
  private sealKeysNow = new Map<string, string>();
  private departmentKeysNow = new Map<string, DepartmentKey[]>();
  /** Per department, the clock of the latest removal of one of its members or leads. */
  private removalsNow = new Map<string, string>();

  constructor(
    /** The share's root key (format.json, pinned), or null on a share without one. */
    private readonly rootKey: () => string | null,
    /** The key this machine pinned for a device folder (its own included), or null/undefined when it has none. */
    private readonly keyOf: (device: string) => string | null | undefined,
    /** Whether operation `seq` of `device` is history an upgrade statement covers: it counts as it did before keys. */
    private readonly covered: (device: string, seq: number) => boolean = () => false,
  ) {}

  get root(): string | null {
    return this.rootKey();
  }

  get inForce(): boolean {
    return this.root !== null;
  }

  /** The root or a key was pinned since the roster was folded: fold it again. */
  changed(): void {
    this.dirty = true;
    this.version++;
  }

  /** Adds a roster operation; answers whether it was new. */
  add(op: RosterOperation): boolean {
    if (this.ids.has(op.id)) return false;
    this.ids.add(op.id);
    let at = this.ops.length;
    while (at > 0 && later(this.ops[at - 1]!, op)) at--;
    this.ops.splice(at, 0, op);
    this.dirty = true;
    this.version++;
    return true;
  }

  /** Every roster operation held, in clock order (a share snapshot carries them). */
  operations(): readonly RosterOperation[] {
    return this.ops;
  }

  actsFor(op: Operation, department = op.actor.department): boolean {
    if (!this.inForce) return true;
    const key = this.signer(op);
    if (key === COVERED) return true;
    return !!key && (this.holds(key, roleKey('member', department), op.hlc) || this.holds(key, roleKey('lead', department), op.hlc));
  }

  leads(op: Operation, department: string): boolean {
    if (!this.inForce) return true;
    const key = this.signer(op);
    if (key === COVERED) return true;
    return !!key && (this.holds(key, roleKey('lead', department), op.hlc) || this.holds(key, 'admin', op.hlc));
  }

  byRoot(op: Operation): boolean {
    if (!this.inForce) return true;
    const key = this.signer(op);
    return key === COVERED || key === this.root;
  }

  /**
   * The key pinned for the device that wrote `op` (null when none), or COVERED for history an
   * upgrade statement covers (docs/sync.md §Upgrading a share): one parse of its id per question.
   */
  private signer(op: Operation): string | null | typeof COVERED {
    const { deviceId, seq } = parseOperationId(op.id);
    return this.covered(deviceId, seq) ? COVERED : (this.keyOf(deviceId) ?? null);
  }

  proven<T extends Operation>(op: T): T {
    if (!this.inForce) return op;
    this.settle();
    const key = this.keyOf(deviceOf(op));
    const name = key ? this.namesNow.get(key) : undefined;
    return name === undefined || name === op.actor.user ? op : { ...op, actor: { ...op.actor, user: name } };
  }

  /** The people on the roster now, and those asking to join, by name. */
  people(): RosterPerson[] {
    this.settle();
    return [...this.peopleNow.values()].sort((a, b) => a.name.localeCompare(b.name) || a.key.localeCompare(b.key));
  }

  /** The departments `key` belongs to now (lead or member). */
  departmentsOf(key: string): string[] {
    this.settle();
    const p = this.peopleNow.get(key);
    return p && !p.removed ? [...new Set([...p.leads, ...p.members])].sort() : [];
  }

  /** The key `person` published for sealing secrets to it, if any. */
  sealKeyOf(person: string): string | undefined {
    this.settle();
    return this.sealKeysNow.get(person);
  }

  /** The department's keys for confidential notes, oldest first. */
  departmentKeys(department: string): readonly DepartmentKey[] {
    this.settle();
    return this.departmentKeysNow.get(department) ?? [];
  }

  /** The keys of the people who are members (or leads) of `department` now. */
  membersOf(department: string): string[] {
    this.settle();
    return [...this.peopleNow.values()].filter((p) => !p.removed && (p.members.includes(department) || p.leads.includes(department))).map((p) => p.key);
  }

  /** When someone last left `department` (or was removed from everything): a key made before then is not written with again. */
  lastRemoval(department: string): string | null {
    this.settle();
    return this.removalsNow.get(department) ?? null;
  }

  refusals(): RosterRefusal[] {
    this.settle();
    return this.refusedNow;
  }

  private holds(key: string, role: string, hlc: string): boolean {
    this.settle();
    const intervals = this.grants.get(key)?.get(role);
    if (!intervals) return false;
    for (const [from, to] of intervals) if (from < hlc && (to === null || hlc < to)) return true;
    return false;
  }

  /** Folds the operations in clock order, each judged by what its author held just before it. */
  private settle(): void {
    if (!this.dirty) return;
    this.dirty = false;
    const root = this.root;
    this.grants = new Map();
    this.peopleNow = new Map();
    this.namesNow = new Map();
    this.refusedNow = [];
    this.sealKeysNow = new Map();
    this.departmentKeysNow = new Map();
    this.removalsNow = new Map();
    if (root) {
      this.open(root, 'admin', '');
      this.person(root, 'the share’s creator').admin = true;
    }
    for (const op of this.ops) {
      const author = this.keyOf(deviceOf(op));
      const why = author ? this.refusal(op, author) : 'its device has no key';
      if (why) {
        this.refusedNow.push({ id: op.id, hlc: op.hlc, type: op.type, why });
        continue;
      }
      this.fold(op, author!);
    }
  }

  private refusal(op: RosterOperation, author: string): string | null {
    if (op.type === 'roster.ask' || op.type === 'roster.sealKey') return null;
    if (op.type === 'roster.departmentKey' || op.type === 'roster.departmentLock') {
      const { department, keyId } = op.fields;
      for (const [other, keys] of this.departmentKeysNow)
        if (other !== department && keys.some((k) => k.keyId === keyId)) return `that key belongs to ${other}`;
      return this.holds(author, roleKey('member', department), op.hlc) || this.holds(author, roleKey('lead', department), op.hlc)
        ? null
        : `only a member of ${department} may keep its key for confidential notes`;
    }
    const { role, department } = op.fields;
    const admin = this.holds(author, 'admin', op.hlc);
    if (role === 'admin' || role === 'lead') return admin ? null : `only an admin may appoint or remove ${role === 'admin' ? 'admins' : 'leads'}`;
    if (op.type === 'roster.revoke' && op.fields.role === 'all') return admin ? null : 'only an admin may remove a person from everything';
    return admin || this.holds(author, roleKey('lead', department), op.hlc)
      ? null
      : `only a lead of ${department} (or an admin) may admit or remove its members`;
  }

  private fold(op: RosterOperation, author: string): void {
    if (op.type === 'roster.sealKey') {
      this.sealKeysNow.set(author, op.fields.sealKey);
      return;
    }
    if (op.type === 'roster.departmentLock') {
      const key = this.departmentKeysNow.get(op.fields.department)?.find((k) => k.keyId === op.fields.keyId);
      if (key) key.lock ??= op.fields.lock;
      return;
    }
    if (op.type === 'roster.departmentKey') {
      const { department, keyId, sealed } = op.fields;
      const keys = this.departmentKeysNow.get(department) ?? [];
      let key = keys.find((k) => k.keyId === keyId);
      if (!key) keys.push((key = { keyId, hlc: op.hlc, sealed: new Map() }));
      this.departmentKeysNow.set(department, keys);
      for (const [person, copy] of Object.entries(sealed)) {
        const copies = key.sealed.get(person) ?? [];
        if (copies.length < MAX_SEALS_KEPT && !copies.includes(copy)) copies.push(copy);
        key.sealed.set(person, copies);
      }
      return;
    }
    if (op.type === 'roster.ask') {
      const p = this.person(author, op.fields.name);
      p.name = op.fields.name;
      this.namesNow.set(author, op.fields.name);
      p.devices = [...new Set([...p.devices, deviceOf(op)])];
      for (const d of op.fields.departments) if (!p.members.includes(d) && !p.leads.includes(d) && !p.asking.includes(d)) p.asking.push(d);
      return;
    }
    const { key } = op.fields;
    const p = this.person(key, op.type === 'roster.grant' ? op.fields.name : undefined);
    if (op.type === 'roster.grant') {
      const { role, department } = op.fields;
      this.namesNow.set(key, op.fields.name);
      this.open(key, roleKey(role, department), op.hlc);
      if (role === 'admin') p.admin = true;
      else (role === 'lead' ? p.leads : p.members).push(department!);
      p.asking = p.asking.filter((d) => d !== department);
      p.removed = false;
      return;
    }
    const { role, department } = op.fields;
    if (role === 'all') {
      for (const d of [...p.leads, ...p.members]) this.removalsNow.set(d, op.hlc);
      for (const [name] of this.grants.get(key) ?? []) this.close(key, name, op.hlc);
      Object.assign(p, { admin: false, leads: [], members: [], asking: [], removed: true });
      return;
    }
    this.close(key, roleKey(role, department), op.hlc);
    if (role !== 'admin' && (p.leads.includes(department!) || p.members.includes(department!))) this.removalsNow.set(department!, op.hlc);
    if (role === 'admin') p.admin = false;
    else if (role === 'lead') p.leads = p.leads.filter((d) => d !== department);
    else {
      // Removing a member, or refusing one who asked.
      p.members = p.members.filter((d) => d !== department);
      p.asking = p.asking.filter((d) => d !== department);
    }
  }

  private person(key: string, name?: string): RosterPerson {
    let p = this.peopleNow.get(key);
    if (!p)
      this.peopleNow.set(key, (p = { key, name: name ?? key.slice(0, 8), devices: [], admin: false, leads: [], members: [], asking: [], removed: false }));
    else if (name) p.name = name;
    return p;
  }

  private open(key: string, role: string, from: string): void {
    let roles = this.grants.get(key);
    if (!roles) this.grants.set(key, (roles = new Map()));
    const list = roles.get(role) ?? [];
    if (!list.some(([, to]) => to === null)) list.push([from, null]);
    roles.set(role, list);
  }

  private close(key: string, role: string, at: string): void {
    for (const interval of this.grants.get(key)?.get(role) ?? []) if (interval[1] === null) interval[1] = at;
  }
}

const later = (a: Operation, b: Operation) => a.hlc > b.hlc || (a.hlc === b.hlc && a.id > b.id);
