// A device that packs its own log and, a week later by its clock, removes what the pack holds,
// killing itself (SIGKILL) just before the share change number KILL_AT: what a power cut or a
// killed process leaves on the share at that step. Without KILL_AT it runs to the end.
import { RequestStore } from '../../../electron/store/requestStore.js';
import { DeviceDirectory } from '../../../electron/sync/devices.js';
import { ShareLayout } from '../../../electron/sync/format/layout.js';
import { loadDeviceKey } from '../../../electron/sync/deviceKey.js';
import { KEEP_PACKED_SEGMENTS_MS, Packer } from '../../../electron/sync/packer.js';
import type { ShareFs } from '../../../electron/sync/shareFs.js';
import { realShareFs } from '../../../electron/sync/shareFs.js';

const [dataDir, share, deviceId, start, killAt] = process.argv.slice(2) as [string, string, string, string, string | undefined];
let now = Number(start);
const store = RequestStore.open({ dir: dataDir, deviceId, now: () => now });
const key = loadDeviceKey(dataDir, null);
let changes = 0;
const step = () => {
  changes++;
  if (killAt && changes === Number(killAt)) process.kill(process.pid, 'SIGKILL');
};
const fs: ShareFs = {
  ...realShareFs,
  mkdir: (p) => (step(), realShareFs.mkdir(p)),
  writeNew: (p, bytes) => (step(), realShareFs.writeNew(p, bytes)),
  unlink: (p) => (step(), realShareFs.unlink(p)),
};
const layout = new ShareLayout(share);
await new Packer(fs, store, new DeviceDirectory(fs, () => now, store), key.sign).run(layout, [deviceId]);
now += KEEP_PACKED_SEGMENTS_MS + 86_400_000;
await new Packer(fs, store, new DeviceDirectory(fs, () => now, store), key.sign).run(layout, [deviceId]);
store.close();
process.stdout.write(`DONE ${changes}\n`);
