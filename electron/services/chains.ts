import { randomUUID } from 'node:crypto';
import { planChain } from '../../shared/config/chainPlan.js';
import { workingDay, workingDaysFrom } from '../../shared/sla/calendar.js';
import { isOpen } from '../../shared/core/status.js';
import { providerOf } from '../../shared/model/transfers.js';
import type { OperationDraft } from '../store/requestStore.js';
import { actorOf } from './serviceContext.js';
import type { Handlers } from './dispatch.js';
import { AppFailure } from './failure.js';
import type { ServiceContext } from './serviceContext.js';

export type ChainMethod = 'planLaunch' | 'launchTemplate' | 'moveAnchor';

/** Work that crosses departments (issue 19): a department's templates launched as chains of requests. */
export function createChainHandlers(ctx: ServiceContext): Pick<Handlers, ChainMethod> {
  const { store, now } = ctx;
  return {
    /** What a launch would send: every step with its date in its department's days, its lead time and whether that is short notice; nothing is sent. */
    planLaunch: ({ department: named, templateId, answers }) => {
      const department = ctx.knownDepartment(named);
      const template = store.config.templates(department).find((t) => t.id === templateId);
      if (!template) throw new AppFailure('not_found', `${department} has no template “${templateId}” (any more). Choose one it has.`);
      const { steps, problems } = planChain(template, answers, ctx.departmentConfig, new Date(now()));
      return { steps, problems };
    },

    /**
     * Launches a template: the parent request (the launching department's own, carrying the chain)
     * and every step's request with its link to the parent, in one batch — all or none after a
     * crash, one change pushed to the share.
     */
    launchTemplate: ({ department: named, templateId, answers }) => {
      const p = ctx.profile();
      const department = ctx.knownDepartment(named);
      if (department !== p.department) throw new AppFailure('forbidden', `You are in ${p.department}; ${department}'s templates are launched by its members.`);
      const template = store.config.templates(department).find((t) => t.id === templateId);
      if (!template) throw new AppFailure('not_found', `${department} has no template “${templateId}” (any more). Choose one it has.`);
      const at = new Date(now());
      const { steps, problems, answers: given } = planChain(template, answers, ctx.departmentConfig, at);
      const stepProblems = steps.filter((s) => s.problem).map((s) => `${s.title || s.step} (${s.department}): ${s.problem}`);
      if (problems.length || stepProblems.length) throw new AppFailure('invalid_input', [...problems, ...stepProblems].join(' '));
      const anchor = given[template.anchor]!;
      const own = ctx.departmentConfig(department);
      const parent = randomUUID();
      const ids = new Map(steps.map((s) => [s.step, randomUUID()]));
      const who = template.questions.find((q) => q.kind === 'text' && given[q.id])?.id;
      const actor = actorOf(p);
      const title = who ? `${template.name}: ${given[who]}` : template.name;
      const drafts: OperationDraft[] = [
        {
          type: 'request.create',
          target: parent,
          fields: {
            type: template.name,
            title,
            details: template.description,
            priority: 'P3',
            neededBy: (own ? workingDay(own.calendar, anchor).end : new Date(`${anchor}T17:00:00`)).toISOString(),
            fromDepartment: department,
            toDepartment: department,
            ...(Object.keys(given).length ? { form: given } : {}),
          },
        },
        {
          type: 'request.chain',
          target: parent,
          fields: {
            template: template.id,
            name: template.name,
            anchor,
            steps: steps.map((s) => ({ step: s.step, request: ids.get(s.step)!, department: s.department, title: s.title, waitsFor: s.waitsFor })),
          },
        },
      ];
      for (const s of steps) {
        const id = ids.get(s.step)!;
        const text = { title: s.title, details: `Part of “${title}”.`, form: s.form };
        // A confidential type's text goes sealed, as any request of it does.
        const { shown, sealed } = ctx.confidential.forCreation(actor, id, s.department, s.typeId, text);
        drafts.push({
          type: 'request.create',
          target: id,
          fields: {
            type: s.type!,
            typeId: s.typeId,
            title: shown.title,
            details: shown.details,
            ...(Object.keys(shown.form).length ? { form: shown.form } : {}),
            priority: s.priority,
            neededBy: s.neededBy!,
            fromDepartment: department,
            toDepartment: s.department,
            ...(s.shortNotice ? { shortNotice: true } : {}),
          },
        });
        if (sealed) drafts.push(sealed);
        drafts.push({ type: 'request.link', target: id, fields: { kind: 'parent', other: parent, linked: true } });
      }
      store.commitAll(actor, drafts);
      ctx.events.emit({ name: 'requestsChanged', payload: { ids: [...ids.values()] } });
      return ctx.changed(parent);
    },

    /**
     * The date a chain counts from moves (the start date is a week later): each open step's new
     * date, counted again in its department's working days, goes to that department as a proposal
     * (it accepts it or proposes another); the chain counts from the new date. One batch.
     */
    moveAnchor: ({ id, anchor }) => {
      const p = ctx.profile();
      const rec = ctx.record(id);
      const chain = rec.chain?.value;
      if (!chain) throw new AppFailure('invalid_input', 'This request is not a chain launched from a template; propose its date on its page.');
      const from = rec.create!.fields.fromDepartment;
      if (p.department !== from) throw new AppFailure('forbidden', `Only ${from}, which launched it, moves the date this chain counts from.`);
      if (anchor === chain.anchor) throw new AppFailure('invalid_input', `The chain already counts from ${anchor}.`);
      const template = store.config.templates(from).find((t) => t.id === chain.template);
      if (!template) throw new AppFailure('not_found', `${from} no longer has the template “${chain.name}”: propose each step’s new date on its page.`);
      const reason = `${chain.name}: the date it counts from moved from ${chain.anchor} to ${anchor}.`;
      const drafts: OperationDraft[] = [{ type: 'request.chain', target: id, fields: { ...chain, anchor } }];
      for (const step of chain.steps) {
        const e = store.request(step.request);
        const planned = template.steps.find((s) => s.id === step.step);
        if (!e?.create || !planned || !isOpen(e.status!.value)) continue;
        const provider = providerOf(e);
        const calendar = ctx.departmentConfig(provider)?.calendar;
        const due = calendar && workingDaysFrom(calendar, anchor, planned.dueDays);
        if (!calendar || !due)
          throw new AppFailure('invalid_input', `${provider}'s calendar has no working day to count “${step.title}” from ${anchor}; check its hours.`);
        const neededBy = workingDay(calendar, due).end;
        if (neededBy.getTime() <= now()) throw new AppFailure('invalid_input', `“${step.title}” would be due ${due}, which has passed. Choose a later date.`);
        drafts.push({ type: 'request.proposeDate', target: step.request, fields: { neededBy: neededBy.toISOString(), reason } });
      }
      store.commitAll(actorOf(p), drafts);
      ctx.events.emit({ name: 'requestsChanged', payload: { ids: chain.steps.map((s) => s.request) } });
      return ctx.changed(id);
    },
  };
}
