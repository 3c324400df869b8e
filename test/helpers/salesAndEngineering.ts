import type { BusinessCalendar } from '../../shared/sla/calendar.js';
import { startServices } from './services.js';
import type { undoAfterEach } from './undo.js';

/** Open every minute of every day: business time is plain time, whenever a test runs. */
export const ALWAYS: BusinessCalendar = { timeZone: 'UTC', week: Array.from({ length: 7 }, () => [[0, 1440]] as [number, number][]), closures: [] };

/**
 * Sam in Sales and Eve in Engineering on one share, both working around the clock, on one clock
 * the test moves (`clock.now`); both past their first look for notifications (the baseline).
 */
export async function salesAndEngineering({ cleanup, tempDir }: ReturnType<typeof undoAfterEach>) {
  const clock = { now: Date.now() };
  const share = tempDir('interdesk-share-');
  const sales = startServices(undefined, () => clock.now);
  const eng = startServices(undefined, () => clock.now);
  cleanup.push(
    () => sales.dispose(),
    () => eng.dispose(),
  );
  await sales.must('completeSetup', { name: 'Sam', department: 'Sales', sharePath: share });
  await eng.must('completeSetup', { name: 'Eve', department: 'Engineering', sharePath: share });
  await sales.must('saveDepartmentConfig', { department: 'Sales', section: 'calendar', value: ALWAYS });
  await eng.must('saveDepartmentConfig', { department: 'Engineering', section: 'calendar', value: ALWAYS });
  const sync = async () => {
    await sales.sync.syncNow();
    await eng.sync.syncNow();
    await sales.sync.syncNow();
  };
  await sync();
  const baseline = [sales.notifications.evaluate(), eng.notifications.evaluate()];
  if (baseline.some((said) => said.length)) throw new Error(`The first look said something: ${JSON.stringify(baseline)}`);
  return { sales, eng, sync, clock };
}
