import { randomUUID } from 'node:crypto';
import type { Profile } from '../../shared/core/actor.js';
import { ChangeSet } from '../../shared/core/changes.js';
import { checkTransition, isOpen } from '../../shared/core/status.js';
import { watchersOf } from '../../shared/model/replica.js';
import type { RequestDetail } from '../../shared/model/request.js';
import { requestKey } from '../../shared/model/request.js';
import { checkLeadTime, validateForm } from '../../shared/sla/catalog.js';
import type { OperationDraft } from '../store/requestStore.js';
import type { Handlers } from './dispatch.js';
import { summarize } from '../../shared/model/replica.js';
import { CONFIDENTIAL_TITLE } from './confidentialRequests.js';
import { AppFailure } from './failure.js';
import { createQueueLists } from './queueLists.js';
import type { ServiceContext } from './serviceContext.js';
import { actorOf } from './serviceContext.js';

export type RequestMethod =
  | 'listRequests'
  | 'searchRequests'
  | 'getRequest'
  | 'createRequest'
  | 'changeStatus'
  | 'escalateRequest'
  | 'proposeDate'
  | 'editRequest'
  | 'acceptDate'
  | 'changePriority'
  | 'addComment'
  | 'assignRequest'
  | 'watchRequest'
  | 'bulkUpdate';

/** Requests between departments: the queues, and every change a side may make to a request. */
export function createRequestHandlers(ctx: ServiceContext): Pick<Handlers, RequestMethod> {
  const { store, events, now } = ctx;
  const lists = createQueueLists({
    store,
    clocksOf: ctx.clocksOf,
    now,
    members: ctx.members,
    confidentialRow: ctx.confidentialRow,
    calendarOf: (d) => ctx.departmentConfig(d)?.calendar,
  });

  /** The checks and the operation of moving one request to a status; throws what a person should read. */
  const statusChange = (p: Profile, id: string, status: RequestDetail['status'], note?: string, resumeAt?: string): OperationDraft => {
    const rec = ctx.record(id);
    const check = checkTransition(rec.status!.value, status, ctx.sideOf(rec, p));
    if (!check.ok) throw new AppFailure('invalid_transition', check.reason);
    // The other side is told why: a refusal or a withdrawal without a reason leaves them guessing.
    if ((status === 'declined' || status === 'cancelled') && !note?.trim()) {
      throw new AppFailure(
        'invalid_input',
        status === 'declined'
          ? `Say why ${rec.create!.fields.toDepartment} declines: ${rec.create!.fields.fromDepartment} is told the reason.`
          : `Say why ${rec.create!.fields.fromDepartment} cancels: ${rec.create!.fields.toDepartment} is told the reason.`,
      );
    }
    if (resumeAt && Date.parse(resumeAt) <= now()) {
      throw new AppFailure('invalid_input', 'The resume date has already passed. Pick a later one, or leave it empty and resume by hand.');
    }
    const fields = { status, ...(note ? { note } : {}), ...(resumeAt ? { resumeAt: new Date(resumeAt).toISOString() } : {}) };
    return { type: 'request.status', target: id, fields };
  };

  const assignment = (p: Profile, id: string, assignee: string | null): OperationDraft => {
    const rec = ctx.record(id);
    if (ctx.sideOf(rec, p) !== 'provider') {
      throw new AppFailure('forbidden', `Only ${rec.create!.fields.toDepartment} assigns its work.`);
    }
    if (!isOpen(rec.status!.value)) throw new AppFailure('invalid_transition', 'The request is closed; there is nobody left to assign it to.');
    const current = rec.assignee?.value.to ?? null;
    if (current === assignee)
      throw new AppFailure('invalid_input', assignee ? `The request is already assigned to ${assignee}.` : 'The request is not assigned to anyone.');
    return { type: 'request.assign', target: id, fields: { assignee } };
  };

  return {
    listRequests: (input) => lists.list(ctx.profile(), input),
    searchRequests: (input) => lists.search(ctx.profile(), input),

    getRequest: ({ id }) => ctx.opened(id),

    createRequest: (input) => {
      const p = ctx.profile();
      const toDepartment = ctx.knownDepartment(input.toDepartment);
      if (toDepartment === p.department) {
        throw new AppFailure('invalid_input', `You are in ${toDepartment}; a request goes to another department. Pick the department that should do the work.`);
      }
      if (Date.parse(input.neededBy) < now() - 60_000) {
        throw new AppFailure('invalid_input', 'The needed-by date has already passed. Pick a date from today on.');
      }
      const provider = ctx.departmentConfig(toDepartment);
      const catalog = provider?.catalog ?? [];
      const type = catalog.find((t) => t.id === input.typeId);
      if (!provider || !type) {
        const offered = catalog.map((t) => t.name).join(', ');
        throw new AppFailure(
          'invalid_input',
          `${toDepartment} has no request type “${input.typeId}”.${offered ? ` Choose one of: ${offered}.` : ' Its catalog has not arrived on this computer yet; sync and try again.'}`,
        );
      }
      const problems = Object.values(validateForm(type, input.form));
      if (problems.length) throw new AppFailure('invalid_input', problems.join(' '));
      const answers = Object.fromEntries(
        Object.entries(input.form)
          .map(([k, v]) => [k, v.trim()])
          .filter(([, v]) => v),
      );
      const neededBy = new Date(input.neededBy);
      const lead = checkLeadTime(type, neededBy, new Date(now()), provider.calendar);
      const id = randomUUID();
      // A confidential type's text goes sealed beside a creation that says only that it is confidential.
      const text = { title: input.title, details: input.details, form: answers };
      const sealed = ctx.confidential.isConfidential(toDepartment, type.id) ? ctx.confidential.seal(actorOf(p), id, toDepartment, text) : null;
      const shown = sealed ? { title: CONFIDENTIAL_TITLE, details: '', form: {} } : text;
      const create: OperationDraft = {
        type: 'request.create',
        target: id,
        fields: {
          type: type.name,
          typeId: type.id,
          ...(Object.keys(shown.form).length ? { form: shown.form } : {}),
          title: shown.title,
          details: shown.details,
          priority: input.priority ?? type.defaultPriority,
          neededBy: neededBy.toISOString(),
          fromDepartment: p.department,
          toDepartment,
          ...(lead.shortNotice ? { shortNotice: true } : {}),
        },
      };
      store.commitAll(actorOf(p), sealed ? [create, sealed] : [create]);
      return ctx.changed(id);
    },

    changeStatus: ({ id, status, note, resumeAt }) => {
      const p = ctx.profile();
      store.commit(actorOf(p), statusChange(p, id, status, note, resumeAt));
      return ctx.changed(id);
    },

    escalateRequest: ({ id, reason }) => {
      const p = ctx.profile();
      const rec = ctx.record(id);
      const { fromDepartment, toDepartment } = rec.create!.fields;
      if (ctx.sideOf(rec, p) !== 'requester') throw new AppFailure('forbidden', `Only ${fromDepartment}, which asked, escalates this request.`);
      if (!isOpen(rec.status!.value)) throw new AppFailure('invalid_transition', 'The request is closed; there is nothing left to escalate.');
      // Escalation is for work that runs late, not a way to jump the queue.
      const sla = ctx.clocksOf(rec, new Date(now()));
      const late = Date.parse(summarize(rec).dueAt) < now() || [sla?.response, sla?.resolution].some((c) => c?.state === 'at_risk' || c?.state === 'breached');
      if (!late) {
        throw new AppFailure(
          'invalid_transition',
          `The request is on time: escalate it when ${toDepartment}'s clocks say it is at risk or overdue, or ask in a comment meanwhile.`,
        );
      }
      store.commit(actorOf(p), { type: 'request.escalate', target: id, fields: { reason } });
      return ctx.changed(id);
    },

    editRequest: async ({ id, title, details, form }) => {
      const p = ctx.profile();
      const rec = ctx.record(id);
      const { fromDepartment, toDepartment, typeId } = rec.create!.fields;
      if (ctx.sideOf(rec, p) !== 'requester') throw new AppFailure('forbidden', `Only ${fromDepartment}, which asked, corrects this request.`);
      if (!isOpen(rec.status!.value)) throw new AppFailure('invalid_transition', 'The request is closed; reopen it or send a new one.');
      const current = await ctx.opened(id);
      if (current.confidential === 'locked')
        throw new AppFailure('forbidden', 'This computer holds no key for this confidential request’s text yet; it cannot correct it.');
      const answers = form === undefined ? current.form : Object.fromEntries(Object.entries({ ...current.form, ...form }).map(([k, v]) => [k, v.trim()]));
      const type = ctx.departmentConfig(toDepartment)?.catalog.find((t) => t.id === typeId);
      if (form !== undefined && type) {
        const problems = Object.values(validateForm(type, answers));
        if (problems.length) throw new AppFailure('invalid_input', problems.join(' '));
      }
      const next = {
        title: title ?? current.title,
        details: details ?? current.details,
        form: Object.fromEntries(Object.entries(answers).filter(([, v]) => v)),
      };
      // A confidential request's text is sealed again, whole; any other's changes field by field.
      if (current.confidential) {
        store.commit(actorOf(p), ctx.confidential.seal(actorOf(p), id, toDepartment, next));
        return ctx.changed(id);
      }
      const changes: OperationDraft[] = [];
      const change = (field: string, value: string) => changes.push({ type: 'request.edit', target: id, fields: { field, value } });
      if (next.title !== current.title) change('title', next.title);
      if (next.details !== current.details) change('details', next.details);
      for (const key of new Set([...Object.keys(current.form), ...Object.keys(next.form)]))
        if ((current.form[key] ?? '') !== (next.form[key] ?? '')) change(`form.${key}`, next.form[key] ?? '');
      if (!changes.length) throw new AppFailure('invalid_input', 'Nothing changed: the request already says that.');
      store.commitAll(actorOf(p), changes);
      return ctx.changed(id);
    },

    proposeDate: ({ id, neededBy, reason }) => {
      const p = ctx.profile();
      const rec = ctx.record(id);
      const { fromDepartment, toDepartment } = rec.create!.fields;
      if (ctx.sideOf(rec, p) === null) throw new AppFailure('forbidden', `Only ${fromDepartment} and ${toDepartment} agree this request’s date.`);
      if (!isOpen(rec.status!.value)) throw new AppFailure('invalid_transition', 'The request is closed; its date no longer matters.');
      if (Date.parse(neededBy) <= now()) throw new AppFailure('invalid_input', 'That date has already passed. Propose a date from now on.');
      store.commit(actorOf(p), { type: 'request.proposeDate', target: id, fields: { neededBy: new Date(neededBy).toISOString(), reason } });
      return ctx.changed(id);
    },

    acceptDate: ({ id, proposal }) => {
      const p = ctx.profile();
      const rec = ctx.record(id);
      const summary = summarize(rec);
      const side = ctx.sideOf(rec, p);
      if (side === null) throw new AppFailure('forbidden', `Only ${summary.fromDepartment} and ${summary.toDepartment} agree this request’s date.`);
      if (!isOpen(rec.status!.value)) throw new AppFailure('invalid_transition', 'The request is closed; its date no longer matters.');
      // The request's own id: the provider takes a short-notice request's date as it was asked.
      if (proposal === id) {
        if (side !== 'provider' || !summary.shortNotice || summary.agreed)
          throw new AppFailure('invalid_input', `Only ${summary.toDepartment} accepts the date a short-notice request asked for, once.`);
        store.commit(actorOf(p), { type: 'request.acceptDate', target: id, fields: { proposal: rec.create!.id } });
        return ctx.changed(id);
      }
      const pending = summary.proposal;
      if (!pending || pending.id !== proposal)
        throw new AppFailure('invalid_transition', 'That proposal has been answered or replaced by another; the request shows the one that stands now.');
      if (pending.by === p.department)
        throw new AppFailure('forbidden', `${pending.by} proposed this date; the other department accepts it or proposes another.`);
      store.commit(actorOf(p), { type: 'request.acceptDate', target: id, fields: { proposal } });
      return ctx.changed(id);
    },

    changePriority: ({ id, priority }) => {
      const p = ctx.profile();
      const rec = ctx.record(id);
      if (ctx.sideOf(rec, p) !== 'provider') {
        throw new AppFailure('forbidden', `Only ${rec.create!.fields.toDepartment} sets the priority of its work. Ask them in a comment.`);
      }
      if (!isOpen(rec.status!.value)) throw new AppFailure('invalid_transition', 'The request is closed; its priority no longer matters.');
      if ((rec.priority?.value ?? rec.create!.fields.priority) === priority) throw new AppFailure('invalid_input', `The request is already ${priority}.`);
      store.commit(actorOf(p), { type: 'request.priority', target: id, fields: { priority } });
      return ctx.changed(id);
    },

    addComment: ({ id, body, internal }) => {
      const p = ctx.profile();
      const rec = ctx.record(id);
      const side = ctx.sideOf(rec, p);
      const actor = actorOf(p);
      // On a share with a roster, an internal note is sealed to its department (docs/sync.md §Confidential notes).
      if (internal && ctx.notes.inForce) store.commit(actor, { type: 'request.sealedNote', target: id, fields: ctx.notes.seal(actor, id, body) });
      else if (!internal && side === 'requester' && rec.status!.value === 'waiting_on_requester') {
        // The answer the provider waited for resumes the request, in the same batch as the reply.
        store.commitAll(actor, [
          { type: 'request.comment', target: id, fields: { body } },
          { type: 'request.status', target: id, fields: { status: 'in_progress', note: `Resumed by ${p.department}'s reply`, resumedByReply: true } },
        ]);
      } else store.commit(actor, { type: 'request.comment', target: id, fields: internal ? { body, internal } : { body } });
      return ctx.changed(id);
    },

    assignRequest: ({ id, assignee }) => {
      const p = ctx.profile();
      store.commit(actorOf(p), assignment(p, id, assignee));
      return ctx.changed(id);
    },

    watchRequest: ({ id, watching }) => {
      const p = ctx.profile();
      const rec = ctx.record(id);
      if (watchersOf(rec).includes(p.name) === watching) {
        throw new AppFailure('invalid_input', watching ? 'You already watch this request.' : 'You do not watch this request.');
      }
      store.commit(actorOf(p), { type: 'request.watch', target: id, fields: { watching } });
      return ctx.changed(id);
    },

    bulkUpdate: ({ ids, action }) => {
      const p = ctx.profile();
      const drafts: OperationDraft[] = [];
      const skipped: { id: string; key: string; reason: string }[] = [];
      for (const id of new Set(ids)) {
        try {
          drafts.push(action.kind === 'acknowledge' ? statusChange(p, id, 'acknowledged') : assignment(p, id, action.assignee));
        } catch (err) {
          if (!(err instanceof AppFailure)) throw err;
          skipped.push({ id, key: requestKey(id), reason: err.message });
        }
      }
      // One batch: one line in the log and one fsync, however many were selected.
      if (drafts.length) store.commitAll(actorOf(p), drafts);
      const done = drafts.map((d) => d.target);
      const changed = new ChangeSet();
      for (const id of done) changed.add(id);
      if (!changed.isEmpty) events.emit({ name: 'requestsChanged', payload: { ids: changed.toIds() } });
      return { done, skipped };
    },
  };
}
