// Over 300 lines on purpose: one model of the whole system, whose steps (each a kind of change a
// machine makes, a delivery, a pack, time) act on the same devices and share, and whose final
// checks compare every machine's every fold; split, each part would need the whole state anyway.
import { parseOperation } from '../../shared/ops/operationSchema.js';
import { chainStepOf, turnOf } from '../../shared/model/chains.js';
import { decodePack, encodePack } from '../../electron/sync/format/pack.js';
import fc from 'fast-check';
import type { OperationDraft } from '../../electron/store/requestStore.js';
import { canonicalState } from '../../shared/model/canonical.js';
import { HlcClock } from '../../shared/ops/hlc.js';
import { DEFAULT_POLICY, defaultConfigs } from '../../shared/config/department.js';
import type { Operation, RequestOperation } from '../../shared/ops/operations.js';
import { CONFIG_TARGET, ROSTER_TARGET, isRequestOperation, isRosterOperation } from '../../shared/ops/operations.js';
import type { RosterRole } from '../../shared/ops/operations.js';
import { Roster } from '../../shared/model/roster.js';
import { QueueIndex } from '../../shared/model/queueIndex.js';
import { Replica, linksOf, sealedContentOf, summarize, toSummary, watchersOf } from '../../shared/model/replica.js';
import type { RequestSummary } from '../../shared/model/request.js';
import { PRIORITIES } from '../../shared/core/priority.js';
import { STATUSES } from '../../shared/core/status.js';
import { weekdays } from '../../shared/sla/calendar.js';
import { defaultServicePage } from '../../shared/config/servicePage.js';
import { newColleague } from './templates.js';
import { scrubs } from './schedules.js';
import { occurrenceId } from '../../shared/config/recurrence.js';
import { dueAsks } from '../../shared/model/recurringAsks.js';
import { requestSla } from '../../shared/model/requestSla.js';
import { allowedTransitions } from '../../shared/core/status.js';

/**
 * A model of the whole system: devices that act on what they have seen, write batches
 * (segments) to a share, and read them back in any order, duplicated, delayed, or not at all
 * while partitioned. After the network heals, every replica must hold the same state.
 */
interface Device {
  id: string;
  department: string;
  replica: Replica;
  /** What the app's queues fold, fed in this device's own arrival order. */
  index: QueueIndex;
  clock: HlcClock;
  seq: number;
  outbox: Operation[];
  /** Every operation it holds, in arrival order (what its log would hold). */
  held: Operation[];
}

type Step =
  | { kind: 'create'; device: number }
  | { kind: 'status'; device: number; pick: number; to: number }
  | { kind: 'comment'; device: number; pick: number }
  | { kind: 'priority'; device: number; pick: number; to: number }
  | { kind: 'assign'; device: number; pick: number; to: number }
  | { kind: 'watch'; device: number; pick: number; on: boolean }
  | { kind: 'link'; device: number; pick: number; other: number; duplicate: boolean; on: boolean }
  | { kind: 'config'; device: number; variant: number }
  /** A newer build's changes: a type this build does not know, and a field it does not know on one it does. */
  | { kind: 'future'; device: number; pick: number }
  | { kind: 'flush'; device: number }
  /** The device rolls all its segments on the share into one pack, and its small segments go (docs/sync.md §Packs). */
  | { kind: 'pack'; device: number }
  | { kind: 'deliver'; device: number; segment: number; times: number }
  /** A roster change racing with what it allows or forbids: a grant or revocation of `role` in `department` for `subject`'s key, by whoever (often without the right). */
  | { kind: 'roster'; device: number; subject: number; role: number; department: number; revoke: boolean }
  /** A seal key published, or a department's key made or sealed to someone (by anyone: outsiders' are refused). */
  | { kind: 'keys'; device: number; subject: number; department: number; variant: number }
  /** A recurring request written (by the share's root or this device), or this device's creator asking for what is due. */
  | { kind: 'recur'; device: number; variant: number }
  | { kind: 'tick'; ms: number };

const DEPARTMENTS = ['Sales', 'Engineering', 'IT'];
/** Text of base64url's alphabet and a given length, different per seed: the model's ciphertexts (the fold never opens them). */
const sealedText = (seed: string, length: number) =>
  Buffer.from(seed.repeat(Math.ceil(length / seed.length) + 1))
    .toString('base64url')
    .slice(0, length);
const keyIdOf = (n: number) => sealedText(`key ${n}`, 22);
const ROLES: readonly RosterRole[] = ['member', 'lead', 'admin'];
/** Each model device's key, as readers pin it; dev0's is the share's root. */
const keyOf = (device: string): string | undefined => (/^dev\d$/.test(device) ? `${'k'.repeat(42)}${device.slice(3)}` : undefined);
const ROOT = keyOf('dev0')!;

function simulate(deviceCount: number, steps: Step[], partitioned: boolean[]): string[] {
  let wall = Date.UTC(2026, 10, 23, 8);
  const devices: Device[] = Array.from({ length: deviceCount }, (_, i) => {
    const replica = new Replica(new Roster(() => ROOT, keyOf));
    const index = new QueueIndex();
    index.authority = replica.roster;
    return {
      id: `dev${i}`,
      department: DEPARTMENTS[i % DEPARTMENTS.length]!,
      replica,
      index,
      clock: new HlcClock(`dev${i}`, () => wall),
      seq: 0,
      outbox: [],
      held: [],
    };
  });
  const segments: Operation[][] = [];
  let requests = 0;

  const commit = (d: Device, op: OperationDraft) => {
    // dev0 and dev3 are one person's two machines (and so on): their watches race on one register.
    const person = `person ${Number(d.id.slice(3)) % DEPARTMENTS.length}`;
    const full = { ...op, id: `${d.id}:${++d.seq}`, hlc: d.clock.now(), actor: { user: person, department: d.department } } as Operation;
    apply(d, full);
    d.outbox.push(full);
  };
  /** As FoldedState does: requests the rules found must be folded again, from what is held of them. */
  const settle = (d: Device) => {
    for (const id of [...d.index.stale])
      d.index.refold(
        id,
        d.held.filter((o) => o.target === id).map((o) => ({ op: o as RequestOperation, line: 0 })),
      );
  };
  const apply = (d: Device, op: Operation) => {
    if (!d.replica.apply(op)) return;
    if (isRosterOperation(op)) {
      // A roster change may judge folded changes differently: everything is folded again.
      d.index = new QueueIndex();
      d.index.authority = d.replica.roster;
      for (const o of d.held) d.index.apply(o as RequestOperation, 0);
      settle(d);
      return;
    }
    if (!isRequestOperation(op)) return;
    d.index.apply(op, 0);
    d.held.push(op);
    settle(d);
  };
  const receive = (d: Device, ops: Operation[]) => {
    for (const op of ops) {
      // As a segment is read: from its JSON, checked (unknown fields dropped, unknown types kept).
      const read = parseOperation(JSON.parse(JSON.stringify(op)));
      if (!read) throw new Error(`The model wrote an operation no reader takes: ${JSON.stringify(op)}`);
      d.clock.observe(read.hlc);
      apply(d, read);
    }
  };

  // The share's creator (dev0) admits every device into its department first, a department's second
  // and later machines as its leads (so configuration edits race between machines that may make
  // them); the steps then race roster changes (granted and revoked, by whoever) with the changes they allow or forbid.
  for (const [i, m] of devices.entries()) {
    const role = i >= DEPARTMENTS.length ? 'lead' : 'member';
    commit(devices[0]!, { type: 'roster.grant', target: ROSTER_TARGET, fields: { key: keyOf(m.id)!, name: m.id, role, department: m.department } });
  }
  for (const step of steps) {
    if (step.kind === 'tick') {
      wall += step.ms;
      continue;
    }
    const d = devices[step.device % deviceCount]!;
    const known = [...d.replica.requests()];
    switch (step.kind) {
      case 'create': {
        const to = DEPARTMENTS.find((x) => x !== d.department)!;
        const target = `req-${++requests}`;
        commit(d, {
          type: 'request.create',
          target,
          fields: {
            type: 'T',
            title: target,
            details: '',
            priority: 'P3',
            neededBy: '2026-12-01T16:00:00.000Z',
            fromDepartment: d.department,
            toDepartment: to,
          },
        });
        break;
      }
      case 'status': {
        const rec = known[step.pick % Math.max(1, known.length)];
        if (!rec) break;
        const side = toSummary(rec).toDepartment === d.department ? 'provider' : rec.create!.fields.fromDepartment === d.department ? 'requester' : null;
        const moves = side ? allowedTransitions(rec.status!.value, side) : [];
        const to = moves[step.to % Math.max(1, moves.length)] ?? STATUSES[step.to % STATUSES.length]!;
        // Now and then a resumption by a reply, from whichever side: only the requester's counts.
        if (step.to === 5) commit(d, { type: 'request.status', target: rec.id, fields: { status: 'in_progress', resumedByReply: true } });
        // And the provider (as this device sees it) hands it over to the third department, from a machine of the
        // provider that may not have the request yet, racing with what others do meanwhile.
        else if (step.pick % 4 === 1) {
          const provider = toSummary(rec).toDepartment;
          const by = devices.find((x) => x.department === provider);
          const to = DEPARTMENTS.find((x) => x !== provider && x !== rec.create!.fields.fromDepartment)!;
          if (by) commit(by, { type: 'request.transfer', target: rec.id, fields: { toDepartment: to, typeId: 'general', type: 'General request' } });
        }
        // And an answer to "would you choose them again?", from whichever side, whatever the status: the requester's latest counts.
        else if (step.to === 7) commit(d, { type: 'request.rate', target: rec.id, fields: { again: step.pick % 2 === 0, comment: `from ${d.id}` } });
        // And a reopening, from whichever side, whatever the status: only the requester's counts, and the clocks run on after done.
        else if (step.to === 6) commit(d, { type: 'request.status', target: rec.id, fields: { status: 'in_progress', note: 'Still broken', reopened: true } });
        else commit(d, { type: 'request.status', target: rec.id, fields: { status: to } });
        break;
      }
      case 'comment': {
        const rec = known[step.pick % Math.max(1, known.length)];
        // Every third is an internal note: it must fold the same everywhere and never count as a reply.
        if (rec)
          commit(d, {
            type: 'request.comment',
            target: rec.id,
            fields: step.pick % 3 === 0 ? { body: `note from ${d.id}`, internal: true } : { body: `from ${d.id}` },
          });
        // And every seventh a chain on it (as a launch writes one, naming requests this machine knows as its steps, the second waiting
        // for the first), from whichever side: only the requesting side's counts, and every machine derives the same turns.
        if (rec && step.pick % 7 === 3 && known.length > 1) {
          const steps = known.slice(0, 2).map((k, i) => ({
            step: `s${i}`,
            request: k.id,
            department: k.create!.fields.toDepartment,
            title: `Step ${i}`,
            waitsFor: i ? ['s0'] : [],
          }));
          commit(d, { type: 'request.chain', target: rec.id, fields: { template: 'visit', name: `Visit from ${d.id}`, anchor: '2026-12-01', steps } });
        }
        // And every sixth a sealed note: only its department sees it, the same on every replica.
        if (rec && step.pick % 6 === 0)
          commit(d, { type: 'request.sealedNote', target: rec.id, fields: { key: keyIdOf(step.pick), box: sealedText(`${d.id}:${d.seq}`, 60) } });
        // And every fifth a confidential request's sealed text, by either side or a stranger: the requesting side's latest counts.
        if (rec && step.pick % 5 === 0) {
          const seal = { key: keyIdOf(step.pick), sealed: sealedText(`${d.id}:${d.seq}`, 123) };
          const seals = { [rec.create!.fields.fromDepartment]: seal, [rec.create!.fields.toDepartment]: seal };
          commit(d, { type: 'request.sealedContent', target: rec.id, fields: { seals, box: sealedText(`content ${d.id}:${d.seq}`, 80) } });
          // A sealed file beside it: part of the request's history and files, as any file.
          commit(d, {
            type: 'request.sealedAttach',
            target: rec.id,
            fields: { sha256: 'c'.repeat(64), size: step.pick, seals, box: sealedText(`file ${d.id}:${d.seq}`, 60) },
          });
        }
        break;
      }
      case 'priority': {
        const rec = known[step.pick % Math.max(1, known.length)];
        if (rec) commit(d, { type: 'request.priority', target: rec.id, fields: { priority: PRIORITIES[step.to % PRIORITIES.length]! } });
        // Dates proposed and accepted race with each other and with the priority: a proposal, or an
        // acceptance of the latest proposal this device knows (or of the creation's date), from either side or a stranger.
        if (rec && step.to % 3 === 0)
          commit(d, {
            type: 'request.proposeDate',
            target: rec.id,
            fields: { neededBy: new Date(Date.UTC(2026, 11, 2 + step.pick)).toISOString(), reason: `from ${d.id}` },
          });
        if (rec && step.to % 3 === 1) {
          const proposals = Object.entries(rec.dates?.proposals ?? {}).sort((a, b) => (a[1].hlc < b[1].hlc ? 1 : -1));
          commit(d, { type: 'request.acceptDate', target: rec.id, fields: { proposal: proposals[0]?.[0] ?? rec.create!.id } });
        }
        break;
      }
      case 'assign': {
        const rec = known[step.pick % Math.max(1, known.length)];
        if (rec) commit(d, { type: 'request.assign', target: rec.id, fields: { assignee: step.to % 3 === 0 ? null : `person ${step.to}` } });
        // And corrections racing per field, from either side or a stranger: the requester's latest per field counts.
        if (rec && step.to % 4 === 1) commit(d, { type: 'request.edit', target: rec.id, fields: { field: 'title', value: `title by ${d.id}:${d.seq}` } });
        if (rec && step.to % 4 === 2)
          commit(d, {
            type: 'request.edit',
            target: rec.id,
            fields: { field: step.to % 8 === 2 ? 'details' : 'form.order', value: step.to % 3 ? `${d.id}` : '' },
          });
        break;
      }
      case 'watch': {
        const rec = known[step.pick % Math.max(1, known.length)];
        if (rec) commit(d, { type: 'request.watch', target: rec.id, fields: { watching: step.on } });
        // And now and then an escalation, from either side or a stranger: the requester's count, latest reason wins.
        if (rec && step.pick % 4 === 0) commit(d, { type: 'request.escalate', target: rec.id, fields: { reason: `late, says ${d.id}:${d.seq}` } });
        // And hand-overs, from either side or a stranger, racing with each other, with dates proposed and accepted and with
        // every other change: who may change the request moves with each hand-over that counts.
        if (rec && step.pick % 5 === 2) {
          const to = DEPARTMENTS[(step.pick + d.seq) % DEPARTMENTS.length]!;
          commit(d, { type: 'request.transfer', target: rec.id, fields: { toDepartment: to, typeId: 'general', type: 'General request' } });
        }
        break;
      }
      case 'link': {
        const rec = known[step.pick % Math.max(1, known.length)];
        const other = known[step.other % Math.max(1, known.length)];
        if (rec && other)
          commit(d, { type: 'request.link', target: rec.id, fields: { kind: step.duplicate ? 'duplicate' : 'parent', other: other.id, linked: step.on } });
        break;
      }
      case 'config': {
        // Seeds from different machines (different zones) and edits of calendars and policies race.
        const zone = ['Europe/Berlin', 'America/New_York', 'Asia/Tokyo'][Math.floor(step.variant / 3) % 3]!;
        if (step.variant % 3 === 0) commit(d, { type: 'config.seed', target: CONFIG_TARGET, fields: { departments: defaultConfigs(zone) } });
        else if (step.variant % 5 === 2)
          // A department's templates, by a lead or not, racing with the rest of the configuration.
          commit(d, {
            type: 'config.templates',
            target: CONFIG_TARGET,
            fields: { department: d.department, templates: step.variant % 2 ? [{ ...newColleague(), name: `New colleague ${step.variant}` }] : [] },
          });
        else if (step.variant % 11 === 4)
          // A service page, by a lead or not, racing with the rest of the configuration.
          commit(d, {
            type: 'config.service',
            target: CONFIG_TARGET,
            fields: { department: d.department, page: { ...defaultServicePage(d.department), reopenDays: step.variant % 10 } },
          });
        else if (step.variant % 7 === 1)
          // Which types are confidential, by a lead or not, racing with other edits.
          commit(d, { type: 'config.confidential', target: CONFIG_TARGET, fields: { department: d.department, types: step.variant % 2 ? ['general'] : [] } });
        else if (step.variant % 3 === 1)
          commit(d, {
            type: 'config.department',
            target: CONFIG_TARGET,
            fields: {
              department: d.department,
              section: 'calendar',
              value: { timeZone: zone, week: weekdays(step.variant % 2 ? '09:00-17:00' : '07:00-19:00'), closures: [] },
            },
          });
        else
          commit(d, {
            type: 'config.department',
            target: CONFIG_TARGET,
            fields: { department: 'Engineering', section: 'policy', value: { ...DEFAULT_POLICY, atRisk: [0.25 + (step.variant % 5) / 10, 0.9] } },
          });
        break;
      }
      case 'recur': {
        if (step.variant % 3 === 0) {
          // This device's department's, weekly to another, 1–3 working days ahead, now and then paused or skipping Wednesday; by the root (who may) or this device.
          const v = Math.floor(step.variant / 3);
          const by = v % 2 ? devices[0]! : d;
          const schedule = scrubs({
            id: `s${v % 2}`,
            department: DEPARTMENTS.find((x) => x !== d.department)!,
            typeId: 'general',
            answers: {},
            recurrence: { every: 'weeks', n: 1, weekday: 1 + (v % 3) },
            start: '2026-11-01',
            aheadDays: 1 + (v % 4),
            paused: v % 5 === 4,
            skips: v % 4 === 1 ? ['2026-11-25'] : [],
          });
          commit(by, { type: 'config.schedule', target: CONFIG_TARGET, fields: { department: d.department, schedule } });
          // Saved, the root's machine syncs: its changes (its grants, a seed) are on the share for the others to read.
          if (by === devices[0]) segments.push(by.outbox.splice(0));
          break;
        }
        // The share's root seeds the configuration now and then (the first seed counts), so schedules have calendars to fall in.
        if (step.variant % 3 === 2)
          commit(devices[0]!, { type: 'config.seed', target: CONFIG_TARGET, fields: { departments: defaultConfigs('Europe/Berlin') } });
        // Or this device syncs first (unless partitioned): it reads every segment on the share, and its creator runs after it.
        if (step.variant % 3 === 1 && !partitioned[step.device % deviceCount]) for (const seg of segments) receive(d, seg);
        // The minute passes on every machine of this device's department: each one's creator asks, as the app's does, for
        // what its own configuration says is due and it has not seen asked for (partitioned machines ask for the same).
        for (const x of devices.filter((m) => m.department === d.department))
          for (const ask of dueAsks(x.replica.config, x.department, new Date(wall), (id) => x.index.get(id)?.create != null)) {
            commit(x, {
              type: 'request.create',
              target: ask.id,
              fields: {
                type: ask.type.name,
                typeId: ask.schedule.typeId,
                title: ask.schedule.title,
                details: '',
                priority: ask.schedule.priority,
                neededBy: ask.neededBy.toISOString(),
                fromDepartment: x.department,
                toDepartment: ask.schedule.department,
                occurrence: { schedule: ask.schedule.id, date: ask.date },
              },
            });
          }
        break;
      }
      case 'future': {
        const rec = known[step.pick % Math.max(1, known.length)];
        if (!rec) break;
        commit(d, { type: 'request.forecast', target: rec.id, fields: { level: 2, to: { department: 'IT' } } } as unknown as OperationDraft);
        commit(d, { type: 'request.comment', target: rec.id, fields: { body: 'Escalated', mood: 'calm' } } as unknown as OperationDraft);
        break;
      }
      case 'flush':
        if (d.outbox.length) segments.push(d.outbox.splice(0));
        break;
      case 'pack': {
        const own = segments.filter((seg) => seg[0]!.id.startsWith(`${d.id}:`));
        if (own.length < 2) break;
        // Through the real format: the segments' lines, packed, and read back as any reader does.
        const lines = own.map((seg) => Buffer.from(seg.map((op) => `${JSON.stringify(op)}\n`).join('')));
        const first = Number(own[0]![0]!.id.split(':')[1]);
        const bytes = encodePack(d.id, first, lines, wall, null);
        const last = first + own.reduce((n, seg) => n + seg.length, 0) - 1;
        const pack = decodePack(bytes, d.id, { first, last }, { key: null });
        if (!pack.ok) throw new Error(`The model's pack does not read back: ${pack.reason}`);
        for (const seg of own) segments.splice(segments.indexOf(seg), 1);
        segments.push(pack.ops);
        break;
      }
      case 'roster': {
        const subject = devices[step.subject % deviceCount]!;
        const role = ROLES[step.role % ROLES.length]!;
        const department = role === 'admin' ? undefined : DEPARTMENTS[step.department % DEPARTMENTS.length]!;
        const fields = step.revoke
          ? { key: keyOf(subject.id)!, role, ...(department ? { department } : {}) }
          : { key: keyOf(subject.id)!, name: subject.id, role, ...(department ? { department } : {}) };
        commit(d, { type: step.revoke ? 'roster.revoke' : 'roster.grant', target: ROSTER_TARGET, fields } as OperationDraft);
        break;
      }
      case 'keys': {
        const subject = devices[step.subject % deviceCount]!;
        if (step.variant % 3 === 0)
          commit(d, { type: 'roster.sealKey', target: ROSTER_TARGET, fields: { sealKey: sealedText(`seal ${d.id} ${step.variant}`, 43) } });
        else if (step.variant % 3 === 1) {
          // A key's lock, racing with its key and with other locks for it: the first accepted counts.
          const department = DEPARTMENTS[step.department % DEPARTMENTS.length]!;
          const fields = { department, keyId: keyIdOf(step.variant % 4), lock: sealedText(`lock ${d.id}:${d.seq}`, 43) };
          commit(d, { type: 'roster.departmentLock', target: ROSTER_TARGET, fields });
        } else {
          const department = DEPARTMENTS[step.department % DEPARTMENTS.length]!;
          const fields = { department, keyId: keyIdOf(step.variant % 4), sealed: { [keyOf(subject.id)!]: sealedText(`${d.id}:${d.seq}`, 123) } };
          commit(d, { type: 'roster.departmentKey', target: ROSTER_TARGET, fields });
        }
        break;
      }
      case 'deliver': {
        // A partitioned device sees nothing until the heal; others get any segment, in any order, maybe twice.
        if (partitioned[step.device % deviceCount] || segments.length === 0) break;
        for (let t = 0; t < step.times; t++) receive(d, segments[step.segment % segments.length]!);
        break;
      }
    }
  }
  // Heal: every outbox is flushed and every device reads every segment.
  for (const d of devices) if (d.outbox.length) segments.push(d.outbox.splice(0));
  for (const d of devices) for (const seg of segments) receive(d, seg);
  // Clocks at one fixed instant, from the queue index and the folded configuration: the due
  // dates every machine shows must agree too.
  const at = new Date(wall + 86_400_000);
  const clocks = (d: Device) =>
    JSON.stringify(
      [...d.index.requests()]
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .map((e) => requestSla(e.create!, e, d.replica.config.get(e.create!.fields.toDepartment), at)),
    );
  // What the queues show of each request (from the index, not the full fold) must agree too.
  const rows = (d: Device) =>
    JSON.stringify([...d.index.requests()].sort((a, b) => (a.id < b.id ? -1 : 1)).map((e) => [summarize(e), watchersOf(e), linksOf(e)]));
  // The roster too: people, refusals, seal keys and every department's keys with their sealed copies.
  const roster = (d: Device) => {
    const r = d.replica.roster;
    const keys = DEPARTMENTS.map((dep) => r.departmentKeys(dep).map((k) => [k.keyId, k.hlc, [...k.sealed].sort(), k.lock ?? null]));
    return JSON.stringify([r.people(), r.refusals(), devices.map((x) => r.sealKeyOf(keyOf(x.id)!) ?? null), keys]);
  };
  // Which sealed text counts for each request, and which types each department keeps confidential.
  const sealed = (d: Device) =>
    JSON.stringify([
      [...d.replica.requests()].map((rec) => [rec.id, sealedContentOf(rec)?.id ?? null]).sort(),
      DEPARTMENTS.map((dep) => [
        d.replica.config.confidentialTypes(dep),
        d.replica.config.servicePage(dep),
        d.replica.config.templates(dep),
        d.replica.config.schedules(dep),
      ]),
      // Chains, and what each step's turn is, derived from the queue index as the services derive it.
      [...d.index.requests()]
        .map((e) => {
          const step = chainStepOf(e, (id) => d.index.get(id));
          return [e.id, e.chain?.value ?? null, step ? turnOf(step.chain, step.step, (id) => d.index.get(id)) : null];
        })
        .sort(),
    ]);
  // And on every machine the queue index and the full fold must say the same of each request: the
  // rules, dates, corrections and hand-overs are derived once, for both.
  for (const d of devices) {
    const occurrences = new Set<string>();
    for (const e of d.index.requests()) {
      const o = e.create!.fields.occurrence;
      const key = o && JSON.stringify([e.create!.fields.fromDepartment, o.schedule, o.date]);
      if (key && occurrences.has(key)) throw new Error(`${d.id} holds two requests for the occurrence ${key}`);
      if (key) occurrences.add(key);
    }
  }
  for (const d of devices)
    for (const e of d.index.requests()) {
      const rec = d.replica.get(e.id);
      const pick = (r: RequestSummary) => {
        const { status, priority, toDepartment, type, title, neededBy, agreed, proposal, handedOver, escalated, reopened, rating } = r;
        return JSON.stringify({ status, priority, toDepartment, type, title, neededBy, agreed, proposal, handedOver, escalated, reopened, rating });
      };
      // Each occurrence exactly once: at its derived id, whichever machines asked for it.
      const occurrence = e.create!.fields.occurrence;
      if (occurrence && e.id !== occurrenceId(e.create!.fields.fromDepartment, occurrence.schedule, occurrence.date))
        throw new Error(`${e.id} says it is ${JSON.stringify(occurrence)}, whose id is another`);
      if (JSON.stringify(occurrence ?? null) !== JSON.stringify(rec?.create?.fields.occurrence ?? null))
        throw new Error(`index and full fold disagree on the occurrence of ${e.id}`);
      if (JSON.stringify(e.chain?.value ?? null) !== JSON.stringify(rec?.chain?.value ?? null))
        throw new Error(`index and full fold disagree on the chain of ${e.id}`);
      if (!rec || pick(summarize(e)) !== pick(toSummary(rec)))
        throw new Error(`index and full fold disagree on ${e.id}: ${pick(summarize(e))} ≠ ${rec ? pick(toSummary(rec)) : 'absent'}`);
    }
  return devices.map((d) => canonicalState(d.replica) + clocks(d) + rows(d) + roster(d) + sealed(d));
}

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), device: fc.nat(7) }),
  fc.record({ kind: fc.constant('status' as const), device: fc.nat(7), pick: fc.nat(20), to: fc.nat(7) }),
  fc.record({ kind: fc.constant('comment' as const), device: fc.nat(7), pick: fc.nat(20) }),
  fc.record({ kind: fc.constant('priority' as const), device: fc.nat(7), pick: fc.nat(20), to: fc.nat(3) }),
  fc.record({ kind: fc.constant('config' as const), device: fc.nat(7), variant: fc.nat(30) }),
  fc.record({ kind: fc.constant('assign' as const), device: fc.nat(7), pick: fc.nat(20), to: fc.nat(5) }),
  // Few requests and one person on two machines: watches and links race on the same registers.
  { arbitrary: fc.record({ kind: fc.constant('watch' as const), device: fc.nat(7), pick: fc.nat(2), on: fc.boolean() }), weight: 3 },
  {
    arbitrary: fc.record({
      kind: fc.constant('link' as const),
      device: fc.nat(7),
      pick: fc.nat(2),
      other: fc.nat(2),
      duplicate: fc.boolean(),
      on: fc.boolean(),
    }),
    weight: 3,
  },
  fc.record({ kind: fc.constant('future' as const), device: fc.nat(7), pick: fc.nat(20) }),
  fc.record({ kind: fc.constant('flush' as const), device: fc.nat(7) }),
  fc.record({ kind: fc.constant('pack' as const), device: fc.nat(7) }),
  {
    arbitrary: fc.record({
      kind: fc.constant('roster' as const),
      device: fc.nat(7),
      subject: fc.nat(7),
      role: fc.nat(2),
      department: fc.nat(2),
      revoke: fc.boolean(),
    }),
    weight: 2,
  },
  fc.record({ kind: fc.constant('keys' as const), device: fc.nat(7), subject: fc.nat(7), department: fc.nat(2), variant: fc.nat(11) }),
  fc.record({ kind: fc.constant('deliver' as const), device: fc.nat(7), segment: fc.nat(50), times: fc.integer({ min: 1, max: 2 }) }),
  { arbitrary: fc.record({ kind: fc.constant('recur' as const), device: fc.nat(7), variant: fc.nat(59) }), weight: 3 },
  fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: -5_000, max: 60_000 }) }),
);

/**
 * Machines of one department running the same schedules, offline or not, over days: the root's
 * seed and a schedule first, then creators, syncs, partitions and time. Each occurrence is one request.
 */
const recurringStep: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('recur' as const), device: fc.constantFrom(0, 3, 6), variant: fc.nat(59) }), weight: 4 },
  fc.record({ kind: fc.constant('flush' as const), device: fc.nat(7) }),
  fc.record({ kind: fc.constant('deliver' as const), device: fc.nat(7), segment: fc.nat(50), times: fc.integer({ min: 1, max: 2 }) }),
  fc.record({ kind: fc.constant('create' as const), device: fc.nat(7) }),
  fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: 8 * 3_600_000 }) }),
);

export const recurringProperty = fc.property(
  fc.integer({ min: 4, max: 8 }),
  fc.array(recurringStep, { minLength: 1, maxLength: 80, size: 'large' }),
  fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
  (devices, steps, partitioned) => {
    const seedAndSchedule: Step[] = [
      { kind: 'recur', device: 0, variant: 2 },
      { kind: 'recur', device: 0, variant: 3 },
    ];
    const states = simulate(devices, [...seedAndSchedule, ...steps], partitioned);
    return states.every((s) => s === states[0]);
  },
);

export const convergenceProperty = fc.property(
  fc.integer({ min: 2, max: 8 }),
  // Without a size, fast-check keeps arrays 'small' (about ten steps): too short for races to happen.
  fc.array(step, { minLength: 1, maxLength: 120, size: 'large' }),
  fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
  (devices, steps, partitioned) => {
    const states = simulate(devices, steps, partitioned);
    return states.every((s) => s === states[0]);
  },
);
