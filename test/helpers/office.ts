import type { TestServices } from './services.js';
import { unadmittedMachines } from './unadmitted.js';
import type { undoAfterEach } from './undo.js';

/**
 * An office on one share, as the people of a test work in it: Sam (Sales) makes the share, each
 * colleague sets up on it and Sam admits them as members of their department; everyone synced and
 * past their first look for notifications (the baseline).
 */
export function officeOf(undo: ReturnType<typeof undoAfterEach>) {
  const { machine, sync: syncAll } = unadmittedMachines(undo);
  const sync = (...machines: TestServices[]) => syncAll(machines, 3);
  const office = async (...colleagues: (readonly [name: string, department: string])[]) => {
    const share = undo.tempDir('interdesk-share-');
    const sam = await machine(share, 'Sam', 'Sales');
    const others: TestServices[] = [];
    for (const [name, department] of colleagues) others.push(await machine(share, name, department));
    await sync(sam, ...others);
    for (const [name, department] of colleagues) {
      const key = (await sam.must('getPeople', {})).people.find((p) => p.name === name)!.key;
      await sam.must('grantRole', { key, role: 'member', department });
    }
    await sync(sam, ...others);
    for (const m of [sam, ...others]) m.notifications.evaluate();
    return { share, sam, others };
  };
  return { office, sync };
}
