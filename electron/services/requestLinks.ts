import { linksOf } from '../../shared/model/replica.js';
import { requestKey } from '../../shared/model/request.js';
import type { Handlers } from './dispatch.js';
import { AppFailure } from './failure.js';
import type { ServiceContext } from './serviceContext.js';
import { actorOf } from './serviceContext.js';

/** Links between requests: part of another (parent), or a duplicate of it. */
export function createLinkHandlers(ctx: ServiceContext): Pick<Handlers, 'linkRequest'> {
  const { store } = ctx;

  /** A request's key or id, as a person types it, to its id. */
  const resolveRequest = (ref: string): string => {
    const trimmed = ref.trim().replace(/^#/, '');
    if (store.request(trimmed.toLowerCase())) return trimmed.toLowerCase();
    const key = trimmed.toUpperCase();
    const matches: string[] = [];
    for (const e of store.requests()) if (requestKey(e.id) === key) matches.push(e.id);
    if (matches.length === 1) return matches[0]!;
    if (matches.length > 1) throw new AppFailure('invalid_input', `${matches.length} requests have the key ${key}; give the other request's full id instead.`);
    throw new AppFailure(
      'not_found',
      `There is no request ${key} on this computer (yet). Check the key; a request just created elsewhere arrives with the next sync.`,
    );
  };

  /** Whether making `child`'s parent `parent` would make a request its own ancestor. */
  const wouldLoop = (child: string, parent: string): boolean => {
    const seen = new Set<string>();
    for (let at: string | undefined = parent; at && !seen.has(at); ) {
      if (at === child) return true;
      seen.add(at);
      const e = store.request(at);
      at = e ? linksOf(e).find((l) => l.kind === 'parent')?.other : undefined;
    }
    return false;
  };

  return {
    linkRequest: ({ id, kind, other, linked }) => {
      const p = ctx.profile();
      ctx.sideOf(ctx.record(id), p);
      const otherId = resolveRequest(other);
      if (otherId === id) throw new AppFailure('invalid_input', 'A request cannot be linked to itself.');
      const holds = linksOf(ctx.record(id)).some((l) => l.kind === kind && l.other === otherId);
      const what = kind === 'parent' ? `part of ${requestKey(otherId)}` : `a duplicate of ${requestKey(otherId)}`;
      if (holds === linked) throw new AppFailure('invalid_input', linked ? `This request is already ${what}.` : `This request is not ${what}.`);
      if (linked && kind === 'parent') {
        if (linksOf(ctx.record(id)).some((l) => l.kind === 'parent'))
          throw new AppFailure('invalid_input', 'This request already has a parent. Remove that link first.');
        if (wouldLoop(id, otherId))
          throw new AppFailure('invalid_input', `${requestKey(otherId)} is already part of this request; a request cannot be part of itself.`);
      }
      store.commit(actorOf(p), { type: 'request.link', target: id, fields: { kind, other: otherId, linked } });
      return ctx.changed(id);
    },
  };
}
