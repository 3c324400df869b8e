// HR's machine launching "New colleague" through the real services as fast as it can until it is
// killed. It prints `ACK <parent id>` only after the launch answered, i.e. after the batch is durable.
import { writeSync } from 'node:fs';
import { join } from 'node:path';
import { openServices } from '../../../electron/services/compose.js';
import { JsonFileSettings } from '../../../electron/services/settings.js';
import { newColleague } from '../../helpers/templates.js';

const [dataDir] = process.argv.slice(2) as [string];
const settings = new JsonFileSettings(join(dataDir, 'settings.json'));
const services = openServices({ dataDir, settings, sync: false });
const must = async (method: string, input: object) => {
  const r = await services.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as { id: string };
};
if (!settings.read().profile) {
  await must('completeSetup', { name: 'Hana', department: 'HR', sharePath: join(dataDir, 'share') });
  // Payroll's requests are sealed by default, to keys nobody has published on this lone machine.
  await must('saveConfidentialTypes', { department: 'Payroll', types: [] });
  await must('saveTemplates', { department: 'HR', templates: [newColleague()] });
}
writeSync(1, 'READY\n');

const start = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
for (let i = 0; ; i++) {
  const parent = await must('launchTemplate', { department: 'HR', templateId: 'new-colleague', answers: { name: `Dana ${i}`, start } });
  writeSync(1, `ACK ${parent.id}\n`);
}
