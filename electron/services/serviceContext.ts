import type { Config, Membership, Session } from '../../shared/contract/api.js';
import { keyFingerprint } from '../sync/format/signature.js';
import type { Actor, Profile } from '../../shared/core/actor.js';
import type { SyncStatus } from '../../shared/core/syncStatus.js';
import type { Side } from '../../shared/core/status.js';
import { defaultDepartmentConfig } from '../../shared/config/department.js';
import type { IndexEntry } from '../../shared/model/queueIndex.js';
import { linksOf } from '../../shared/model/replica.js';
import { chainView } from './chainView.js';
import type { Attachment, RequestDetail, RequestSummary } from '../../shared/model/request.js';
import { requestKey } from '../../shared/model/request.js';
import type { ComputedSla } from '../../shared/model/requestSla.js';
import { requestSla } from '../../shared/model/requestSla.js';
import type { LinkKind } from '../../shared/core/links.js';
import { visibleText } from '../../shared/core/text.js';
import { reopenUntil as reopenWindow } from '../../shared/model/reopenWindow.js';
import { providerOf } from '../../shared/model/transfers.js';
import type { SealedContentOp } from '../../shared/ops/operations.js';
import type { BlobStore } from '../store/blobs.js';
import type { RequestStore } from '../store/requestStore.js';
import type { ConfidentialNotes } from './confidentialNotes.js';
import type { ConfidentialRequests } from './confidentialRequests.js';
import { CONFIDENTIAL_TITLE } from './confidentialRequests.js';
import type { EventBus } from './events.js';
import { AppFailure } from './failure.js';
import { createDepartmentLookup } from './departmentLookup.js';
import type { SettingsStore } from './settings.js';

/** What the services need of the sync engine. */
export interface SyncControl {
  status(): SyncStatus;
  syncNow(): Promise<SyncStatus>;
  /** An attachment's bytes from the share, checked; null when they are not there (yet). */
  fetchBlob(hash: string): Promise<Buffer | null>;
  /** People of a department whose computers are on the share (whether or not they have acted yet). */
  colleagues(department: string): string[];
  /** Turns roles on for a share made before keys: this machine becomes its first admin ('taken': another was first). */
  turnOnRoles(): Promise<'done' | 'taken'>;
}

export interface ServiceDeps {
  settings: SettingsStore;
  store: RequestStore;
  blobs: BlobStore;
  sync: SyncControl;
  events: EventBus;
  /** Internal notes sealed to their department, on a share with a roster. */
  notes: ConfidentialNotes;
  /** Requests of confidential types, sealed to their two departments. */
  confidential: ConfidentialRequests;
  paths: { dataDir: string; defaultSharePath: string };
  now?: () => number;
  /** The zone a new department's calendar starts in: this machine's. */
  timeZone?: string;
}

export const actorOf = (p: Profile): Actor => ({ user: p.name, department: p.department });

/**
 * What every family of handlers (session, requests, departments) reads the same way: who is using
 * this computer, the departments and their configuration, a request and which side of it a person
 * is on, and a request's page as the person's department may see it.
 */
export function createServiceContext(deps: ServiceDeps) {
  const { settings, store, sync, events, paths } = deps;
  const now = deps.now ?? Date.now;
  const timeZone = deps.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const { departments, departmentConfig, clocksOf, turnOf, statusOf, withChains, knownDepartment } = createDepartmentLookup(store);

  /** With "why is it due then", for a request's page. */
  const slaOf = (e: IndexEntry): ComputedSla | null => (e.chain ? null : requestSla(e.create!, e, departmentConfig(providerOf(e)), new Date(now()), turnOf(e)));

  /** Who work can be assigned to: everyone seen acting for the department, and everyone whose computer says they are in it. */
  const members = (department: string): string[] => {
    const seen = store.index.members(department);
    const more = sync.colleagues(department).filter((name) => !seen.includes(name));
    return more.length ? [...seen, ...more].sort((a, b) => a.localeCompare(b)) : seen;
  };

  const config = (): Config => ({
    departments: departments().map((name) => ({
      name,
      config: departmentConfig(name) ?? defaultDepartmentConfig(name, timeZone),
      confidentialTypes: store.config.confidentialTypes(name),
      service: store.config.servicePage(name),
      templates: store.config.templates(name),
    })),
  });

  /** This computer's person on the roster, or null when the share has none (made before keys). */
  const membership = (): Membership | null => {
    const roster = store.roster;
    const key = store.ownKey;
    if (!roster.inForce || !key) return null;
    const me = roster.people().find((p) => p.key === key);
    const departments = roster.departmentsOf(key);
    const leads = me && !me.removed ? [...me.leads].sort() : [];
    const admin = !!me && !me.removed && me.admin;
    const waiting = roster
      .people()
      .filter((p) => p.key !== key)
      .reduce((n, p) => n + p.asking.filter((d) => admin || leads.includes(d)).length, 0);
    return {
      verified: departments.length > 0,
      departments,
      leads,
      admin,
      asking: me ? [...me.asking].sort() : [],
      fingerprint: keyFingerprint(key),
      waiting,
    };
  };

  /**
   * Refuses a change the fold would pass over because this computer's person is not a member of
   * the department they act for, with what to do about it (the fold decides either way).
   */
  const mustBeMember = (p: Profile): void => {
    const m = membership();
    if (m && !m.departments.includes(p.department)) {
      throw new AppFailure(
        'forbidden',
        m.asking.includes(p.department)
          ? `You are not a member of ${p.department} yet: a lead of ${p.department} approves you on the People screen. Until then you can send requests.`
          : `You are not a member of ${p.department}. Ask to join it on the People screen.`,
      );
    }
  };

  const session = (): Session => {
    const s = settings.read();
    return {
      profile: s.profile,
      membership: membership(),
      deviceId: store.deviceId,
      departments: departments(),
      sharePath: s.sharePath,
      defaultSharePath: paths.defaultSharePath,
      dataDir: paths.dataDir,
    };
  };

  const profile = (): Profile => {
    const p = settings.read().profile;
    if (!p) throw new AppFailure('not_set_up', 'Interdesk is not set up on this computer yet. Finish the first-run setup first.');
    return p;
  };

  const notFound = () =>
    new AppFailure('not_found', 'That request does not exist on this computer (yet). If it was just created elsewhere, wait for the next sync.');

  const record = (id: string): IndexEntry => {
    const rec = store.request(id);
    if (!rec) throw notFound();
    return rec;
  };

  const sideOf = (rec: IndexEntry, p: Profile): Side => {
    mustBeMember(p);
    const { fromDepartment } = rec.create!.fields;
    const toDepartment = providerOf(rec);
    if (p.department === toDepartment) return 'provider';
    if (p.department === fromDepartment) return 'requester';
    throw new AppFailure(
      'forbidden',
      `Only ${toDepartment} (providing) and ${fromDepartment} (requesting) can change this request; you are in ${p.department}.`,
    );
  };

  /** A confidential request's title, details and form as this computer may show them: opened, or locked. */
  const unsealed = (sealed: SealedContentOp): Pick<RequestDetail, 'confidential'> & Partial<Pick<RequestDetail, 'title' | 'details' | 'form'>> => {
    const text = deps.confidential.open(sealed);
    return text ? { confidential: 'open', title: visibleText(text.title), details: text.details, form: text.form } : { confidential: 'locked' };
  };

  /**
   * A queue row's title for a confidential request, opened here when a key allows (kept until the
   * request or the roster changes); null for any other request.
   */
  const sealedTitles = new Map<string, { key: string; shown: Pick<RequestSummary, 'title' | 'confidential'> | null }>();
  const confidentialRow = (e: IndexEntry): Pick<RequestSummary, 'title' | 'confidential'> | null => {
    if (e.create?.fields.title !== CONFIDENTIAL_TITLE || !store.roster.inForce) return null;
    const key = `${e.lastHlc}|${store.roster.version}`;
    const cached = sealedTitles.get(e.id);
    if (cached?.key === key) return cached.shown;
    const sealed = store.sealedContent(e.id);
    const text = sealed && deps.confidential.open(sealed);
    const shown = sealed
      ? text
        ? { title: visibleText(text.title), confidential: 'open' as const }
        : { title: CONFIDENTIAL_TITLE, confidential: 'locked' as const }
      : null;
    sealedTitles.set(e.id, { key, shown });
    return shown;
  };

  /** A file as the window may show it: a sealed one with its name, type and size when a key here opens it, else locked; never its seals. */
  const openedFile = (a: Attachment, id: string): Attachment => {
    if (!a.sealed) return a;
    const { sealed, ...rest } = a;
    const about = deps.confidential.openFile(id, sealed);
    return about ? { ...rest, name: visibleText(about.name), mime: about.mime, size: about.size } : { ...rest, locked: true };
  };

  /** Until when the requester may reopen a done request (reopenWindow.ts), in its current provider's days. */
  const reopenUntil = (e: IndexEntry): string | null =>
    reopenWindow(e, departmentConfig(providerOf(e))?.calendar, store.config.servicePage(providerOf(e)).reopenDays, now());

  /** The request as the user's department may see it, with both ends of its links and who it can be assigned to. */
  const detail = (id: string): RequestDetail => {
    const found = store.detail(id, profile().department, (e) => slaOf(e));
    if (!found) throw notFound();
    const { sealedContent, ...d } = found;
    if (sealedContent) Object.assign(d, unsealed(sealedContent));
    const describe = (kind: LinkKind, direction: 'to' | 'from', other: string) => {
      const o = store.request(other);
      return { kind, direction, other, key: requestKey(other), title: o?.create?.fields.title ?? null, status: o?.status?.value ?? null };
    };
    const inbound = store.index.linking(id).flatMap((from) => {
      const e = store.request(from);
      return e
        ? linksOf(e)
            .filter((l) => l.other === id)
            .map((l) => describe(l.kind, 'from', from))
        : [];
    });
    const until = reopenUntil(store.request(id)!);
    const e = store.request(id)!;
    const occurrence = e.create!.fields.occurrence;
    // Named by its schedule as it stands now (a schedule since removed from the list by its id).
    const schedule = occurrence && store.config.schedules(e.create!.fields.fromDepartment).find((s) => s.id === occurrence.schedule);
    return {
      ...d,
      ...(e.chain ? { status: statusOf(e), chain: chainView(e.chain.value, { request: (r) => store.request(r), clocksOf, turnOf }, new Date(now())) } : {}),
      ...(until ? { reopenUntil: until } : {}),
      ...(occurrence ? { recurring: { schedule: occurrence.schedule, name: schedule?.name ?? occurrence.schedule, date: occurrence.date } } : {}),
      notes: d.notes.map((n) => deps.notes.open(n, id)),
      attachments: d.attachments.map((a) => openedFile(a, id)),
      links: [...d.links.map((l) => describe(l.kind, 'to', l.other)), ...inbound],
      members: members(d.toDepartment),
    };
  };

  /**
   * A request was changed here: the window hears of it, and the caller gets its page (once a join
   * under way has copied the history behind it: until then its log lines are not all here).
   */
  const changed = async (id: string): Promise<RequestDetail> => {
    events.emit({ name: 'requestsChanged', payload: { ids: withChains([id]) } });
    await store.whenOpenable(id);
    return detail(id);
  };

  /** A request's page, once a join under way has copied the history behind it. */
  const opened = async (id: string): Promise<RequestDetail> => {
    await store.whenOpenable(id);
    return detail(id);
  };

  return {
    ...deps,
    now,
    timeZone,
    departments,
    departmentConfig,
    clocksOf,
    turnOf,
    statusOf,
    withChains,
    confidentialRow,
    members,
    config,
    session,
    membership,
    mustBeMember,
    profile,
    knownDepartment,
    notFound,
    record,
    sideOf,
    detail,
    reopenUntil,
    opened,
    changed,
  };
}

export type ServiceContext = ReturnType<typeof createServiceContext>;
