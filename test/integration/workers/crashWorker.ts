// A device that commits and syncs as fast as it can until it is killed. It prints
// `ACK <operation id>` only after commit() returned, i.e. after the change is durable.
import { randomUUID } from 'node:crypto';
import { writeSync } from 'node:fs';
import { RequestStore } from '../../../electron/store/requestStore.js';
import { SyncEngine } from '../../../electron/sync/syncEngine.js';
import { loadDeviceKey } from '../../../electron/sync/deviceKey.js';

const [dataDir, share, deviceId] = process.argv.slice(2) as [string, string, string];
const store = RequestStore.open({ dir: dataDir, deviceId });
const engine = new SyncEngine({
  store,
  sharePath: () => share,
  identity: () => ({ user: 'Crash', department: 'Sales' }),
  key: loadDeviceKey(dataDir, null),
  watch: false,
});
const actor = { user: 'Crash', department: 'Sales' };
writeSync(1, 'READY\n');

for (let i = 0; ; i++) {
  const target = randomUUID();
  const op = store.commit(actor, {
    type: 'request.create',
    target,
    fields: {
      type: 'T',
      title: `crash ${i}`,
      details: 'x'.repeat(200),
      priority: 'P3',
      neededBy: '2030-01-01T16:00:00.000Z',
      fromDepartment: 'Sales',
      toDepartment: 'IT',
    },
  });
  writeSync(1, `ACK ${op.id}\n`);
  if (i % 3 === 0) await engine.syncNow();
}
