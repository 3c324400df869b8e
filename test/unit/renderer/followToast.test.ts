import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppStore } from '../../../renderer/src/state/store.js';
import { createAppStore } from '../../../renderer/src/state/store.js';
import type { NotificationIntent } from '../../../shared/notify/policy.js';
import { inProcessClient } from '../../helpers/inProcessClient.js';
import type { TestServices } from '../../helpers/services.js';
import { startServices } from '../../helpers/services.js';

let s: TestServices;
let store: AppStore;
const state = () => store.getState();

beforeEach(async () => {
  s = startServices();
  store = createAppStore(inProcessClient(s));
  await state().loadSession();
  expect(await state().completeSetup({ name: 'Sam', department: 'Sales', sharePath: `${s.dataDir}/share` })).toBeNull();
});
afterEach(() => s.dispose());

const intent = (kind: NotificationIntent['kind']): NotificationIntent => ({ id: `${kind}:1`, kind, title: 'Interdesk', body: '…', requestId: null });

describe('following an in-page notification', () => {
  it('opens the screen where it is answered: People for a request to join, Recurring for a schedule that cannot be sent', async () => {
    for (const [kind, screen] of [
      ['joinRequest', 'people'],
      ['scheduleProblem', 'recurring'],
    ] as const) {
      state().openSettings();
      state().addToast(intent(kind));
      await state().followToast(intent(kind));
      expect(state().screen).toBe(screen);
      expect(state().toasts).toEqual([]);
    }
  });
});
