import { planChain } from '../../shared/config/chainPlan.js';
import type { Handlers } from './dispatch.js';
import { AppFailure } from './failure.js';
import type { ServiceContext } from './serviceContext.js';

export type ChainMethod = 'planLaunch';

/** Work that crosses departments (issue 19): a department's templates launched as chains of requests. */
export function createChainHandlers(ctx: ServiceContext): Pick<Handlers, ChainMethod> {
  const { store, now } = ctx;
  return {
    /** What a launch would send: every step with its date in its department's days, its lead time and whether that is short notice; nothing is sent. */
    planLaunch: ({ department: named, templateId, answers }) => {
      const department = ctx.knownDepartment(named);
      const template = store.config.templates(department).find((t) => t.id === templateId);
      if (!template) throw new AppFailure('not_found', `${department} has no template “${templateId}” (any more). Choose one it has.`);
      return planChain(template, answers, ctx.departmentConfig, new Date(now()));
    },
  };
}
