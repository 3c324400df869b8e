import { lastHandOver, providerOf } from '../../shared/model/transfers.js';
import { isOpen } from '../../shared/core/status.js';
import { summarize } from '../../shared/model/replica.js';
import { validateForm } from '../../shared/sla/catalog.js';
import type { OperationDraft } from '../store/requestStore.js';
import type { IndexEntry } from '../../shared/model/queueIndex.js';
import type { Handlers } from './dispatch.js';
import { AppFailure } from './failure.js';
import type { ServiceContext } from './serviceContext.js';
import { actorOf } from './serviceContext.js';

/** The request's type id now: the receiving department's after a hand-over. */
const summarizedTypeId = (rec: IndexEntry): string | undefined => lastHandOver(rec.create!, rec.transfers)?.typeId ?? rec.create!.fields.typeId;

export type AgreementMethod = 'escalateRequest' | 'editRequest' | 'reopenRequest' | 'proposeDate' | 'acceptDate' | 'transferRequest' | 'rateRequest';

/**
 * The two-way street beyond asking and answering: the requester corrects, reopens and escalates;
 * either side proposes a date and the other accepts it (docs/sync.md §Agreed dates, §Corrections).
 * These check what makes sense now; the fold checks who may.
 */
export function createAgreementHandlers(ctx: ServiceContext): Pick<Handlers, AgreementMethod> {
  const { store, now } = ctx;
  return {
    rateRequest: ({ id, again, comment }) => {
      const p = ctx.profile();
      const rec = ctx.record(id);
      const provider = providerOf(rec);
      if (ctx.sideOf(rec, p) !== 'requester')
        throw new AppFailure('forbidden', `Only ${rec.create!.fields.fromDepartment}, which asked, says whether it would choose ${provider} again.`);
      if (rec.status!.value !== 'done') throw new AppFailure('invalid_transition', `Answer once ${provider} has done it: the request is not done.`);
      store.commit(actorOf(p), { type: 'request.rate', target: id, fields: { again, ...(comment ? { comment } : {}) } });
      return ctx.changed(id);
    },

    transferRequest: ({ id, toDepartment: named, typeId, note }) => {
      const p = ctx.profile();
      const rec = ctx.record(id);
      const { fromDepartment } = rec.create!.fields;
      const provider = providerOf(rec);
      if (ctx.sideOf(rec, p) !== 'provider') throw new AppFailure('forbidden', `Only ${provider}, which has the request, hands it over.`);
      if (!isOpen(rec.status!.value)) throw new AppFailure('invalid_transition', 'The request is closed; there is nothing left to hand over.');
      const to = ctx.knownDepartment(named);
      if (to === provider) throw new AppFailure('invalid_input', `${provider} has the request already. Choose the department that should do the work.`);
      if (to === fromDepartment)
        throw new AppFailure('invalid_input', `${fromDepartment} asked for it. To give it back, decline it with the reason, or ask in a comment.`);
      // A confidential request's text is sealed to its two departments: a third could not read it.
      if (store.sealedContent(id))
        throw new AppFailure(
          'invalid_input',
          `A confidential request cannot be handed over: ${to} could not read it. Ask ${fromDepartment} to send it to ${to}.`,
        );
      const type = ctx.departmentConfig(to)?.catalog.find((t) => t.id === typeId);
      if (!type) {
        const offered = (ctx.departmentConfig(to)?.catalog ?? []).map((t) => t.name).join(', ');
        throw new AppFailure('invalid_input', `${to} has no request type “${typeId}”.${offered ? ` Choose one of: ${offered}.` : ''}`);
      }
      store.commit(actorOf(p), {
        type: 'request.transfer',
        target: id,
        fields: { toDepartment: to, typeId: type.id, type: type.name, ...(note ? { note } : {}) },
      });
      return ctx.changed(id);
    },

    escalateRequest: ({ id, reason }) => {
      const p = ctx.profile();
      const rec = ctx.record(id);
      const { fromDepartment } = rec.create!.fields;
      const toDepartment = providerOf(rec);
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
      const { fromDepartment } = rec.create!.fields;
      const toDepartment = providerOf(rec);
      const typeId = summarizedTypeId(rec);
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

    reopenRequest: ({ id, reason }) => {
      const p = ctx.profile();
      const rec = ctx.record(id);
      const { fromDepartment } = rec.create!.fields;
      const toDepartment = providerOf(rec);
      if (ctx.sideOf(rec, p) !== 'requester') throw new AppFailure('forbidden', `Only ${fromDepartment}, which asked, reopens this request.`);
      if (rec.status!.value !== 'done') throw new AppFailure('invalid_transition', 'Only a done request is reopened; this one is not done.');
      if (!ctx.reopenUntil(rec)) {
        const days = ctx.store.config.servicePage(toDepartment).reopenDays;
        throw new AppFailure(
          'invalid_transition',
          days > 0
            ? `${toDepartment} takes requests back within ${days} business day${days === 1 ? '' : 's'} of done, and that has passed. Send a new request, and link this one.`
            : `${toDepartment} does not take done requests back. Send a new request, and link this one.`,
        );
      }
      store.commit(actorOf(p), { type: 'request.status', target: id, fields: { status: 'in_progress', note: reason, reopened: true } });
      return ctx.changed(id);
    },

    proposeDate: ({ id, neededBy, reason }) => {
      const p = ctx.profile();
      const rec = ctx.record(id);
      const { fromDepartment } = rec.create!.fields;
      const toDepartment = providerOf(rec);
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
  };
}
