import { describe, expect, it } from 'vitest';
import { laptopRequest } from '../helpers/requestInputs.js';
import { setUpAs, startedServices } from '../helpers/services.js';
import { undoAfterEach } from '../helpers/undo.js';

const { cleanup } = undoAfterEach();

/**
 * One request whose folded data cannot be shown (as a faulty share snapshot's entry could be,
 * before the whole-history check replaces it) never breaks a list, a count or a notification.
 */
describe('one bad request is contained', () => {
  it('its row says it could not be read and why; every other row and the counts go on', async () => {
    const s = startedServices(cleanup);
    await setUpAs(s, 'Eve', 'Engineering');
    const good = await s.must('createRequest', laptopRequest('IT'));
    const bad = await s.must('createRequest', laptopRequest('IT'));
    // A last reply dated where no date is (a snapshot from a faulty build could say so).
    s.store.request(bad.id)!.lastReply = 1e300;

    for (const view of ['outgoing', 'all'] as const) {
      const list = await s.must('listRequests', { view });
      expect(list.items.map((r) => [r.id, r.unreadable ?? 'fine']).sort()).toEqual(
        [
          [good.id, 'fine'],
          [bad.id, expect.stringMatching(/Invalid time value|Invalid Date/)],
        ].sort(),
      );
      expect(list.counts.outgoing).toBe(2);
    }
    const unreadable = (await s.must('listRequests', { view: 'outgoing' })).items.find((r) => r.id === bad.id)!;
    expect(unreadable.title).toBe('This request could not be read');
  });
});
