import { providerOf } from '../../shared/model/transfers.js';
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
    statusOf: ctx.statusOf,
    now,
    members: ctx.members,
    confidentialRow: ctx.confidentialRow,
    calendarOf: (d) => ctx.departmentConfig(d)?.calendar,
  });

  /** The checks and the operation of moving one request to a status; throws what a person should read. */
  const statusChange = (p: Profile, id: string, status: RequestDetail['status'], note?: string, resumeAt?: string): OperationDraft => {
    const rec = ctx.record(id);
    if (rec.chain)
      throw new AppFailure('invalid_transition', 'A chain follows its steps: it is done when each department has done its part. Change a step instead.');
    const check = checkTransition(rec.status!.value, status, ctx.sideOf(rec, p));
    if (!check.ok) throw new AppFailure('invalid_transition', check.reason);
    // The other side is told why: a refusal or a withdrawal without a reason leaves them guessing.
    if ((status === 'declined' || status === 'cancelled') && !note?.trim()) {
      throw new AppFailure(
        'invalid_input',
        status === 'declined'
          ? `Say why ${providerOf(rec)} declines: ${rec.create!.fields.fromDepartment} is told the reason.`
          : `Say why ${rec.create!.fields.fromDepartment} cancels: ${providerOf(rec)} is told the reason.`,
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
      throw new AppFailure('forbidden', `Only ${providerOf(rec)} assigns its work.`);
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
      const { shown, sealed } = ctx.confidential.forCreation(actorOf(p), id, toDepartment, type.id, text);
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

    changePriority: ({ id, priority }) => {
      const p = ctx.profile();
      const rec = ctx.record(id);
      if (ctx.sideOf(rec, p) !== 'provider') {
        throw new AppFailure('forbidden', `Only ${providerOf(rec)} sets the priority of its work. Ask them in a comment.`);
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
      if (!changed.isEmpty) events.emit({ name: 'requestsChanged', payload: { ids: ctx.withChains(changed.toIds()) } });
      return { done, skipped };
    },
  };
}
