// `npm run share -- stats <folder>` and `npm run share -- verify <folder>`: an admin's look at a
// shared folder, with the sync's own code (electron/sync/inspect). <folder> is the folder chosen
// in Interdesk's settings (the one that holds "Interdesk"). verify exits 1 when it finds problems.
import { realShareFs } from '../electron/sync/shareFs.js';
import { shareStats } from '../electron/sync/inspect/shareStats.js';
import { verifyShare } from '../electron/sync/inspect/verifyShare.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const [command, folder] = process.argv.slice(2);
const usage = 'Usage: npm run share -- stats <shared folder>\n       npm run share -- verify <shared folder>';

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const n = (x: number) => x.toLocaleString('en');
const count = (x: number, one: string, many = `${one}s`) => `${n(x)} ${x === 1 ? one : many}`;
const age = (ms: number) => {
  const days = (Date.now() - ms) / 86_400_000;
  return days >= 1 ? `${Math.floor(days)} d ago` : `${Math.max(0, Math.round(days * 24))} h ago`;
};

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i === 0 || i === 1 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')).join('\n');
}

async function stats(path: string): Promise<number> {
  const s = await shareStats(realShareFs, path);
  const rows = s.devices.map((d) => [
    d.device,
    d.who ?? '(no device.json)',
    n(d.operations),
    n(d.segments),
    n(d.packs),
    mb(d.bytes),
    d.oldestUnpacked ? age(d.oldestUnpacked.at) : '—',
    n(d.conflictCopies),
    d.readsPacks ? 'yes' : 'NO',
  ]);
  console.log(table([['device', 'who', 'operations', 'segments', 'packs', 'size', 'oldest unpacked', 'conflict copies', 'reads packs'], ...rows]));
  const total = (key: 'operations' | 'segments' | 'packs' | 'bytes' | 'conflictCopies') => s.devices.reduce((sum, d) => sum + d[key], 0);
  console.log(
    `\n${count(s.devices.length, 'device')}, ${count(total('operations'), 'operation')} in ${count(total('segments'), 'segment')} and ${count(total('packs'), 'pack')} (${mb(total('bytes'))}); ${count(s.snapshots, 'snapshot')}, ${count(s.blobs, 'attachment')}; ${count(total('conflictCopies'), 'conflict copy', 'conflict copies')}; ${count(s.inFlight, 'file')} being written or abandoned.`,
  );
  const oldest = s.devices.flatMap((d) => (d.oldestUnpacked ? [{ device: d.device, ...d.oldestUnpacked }] : [])).sort((a, b) => a.at - b.at)[0];
  if (oldest) console.log(`Oldest unpacked segment: ${oldest.name} (${age(oldest.at)}).`);
  const waiting = s.devices.filter((d) => !d.readsPacks);
  if (waiting.length)
    console.log(
      `Packed segments stay on the share until ${waiting.map((d) => d.who ?? d.device).join(', ')} run${waiting.length === 1 ? 's' : ''} a build that reads packs.`,
    );
  console.log(`Run "npm run share -- verify ${path}" to check every file.`);
  return 0;
}

async function verify(path: string): Promise<number> {
  const v = await verifyShare(realShareFs, path, Date.now());
  for (const note of v.notes) console.log(`note: ${note}`);
  if (!v.problems.length) {
    console.log(`${count(v.checked, 'file')} checked: no problems.`);
    return 0;
  }
  console.log(`${count(v.checked, 'file')} checked: ${count(v.problems.length, 'problem')}.\n`);
  for (const p of v.problems) console.log(`${p.file}\n  ${p.what}.\n  ${p.todo}\n`);
  return 1;
}

async function main(): Promise<number> {
  if ((command !== 'stats' && command !== 'verify') || !folder) {
    console.error(usage);
    return 2;
  }
  if (!existsSync(join(folder, 'Interdesk'))) {
    console.error(`${folder} holds no Interdesk folder: give the shared folder chosen in Interdesk's settings.`);
    return 2;
  }
  return command === 'stats' ? stats(folder) : verify(folder);
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`The shared folder could not be read: ${(err as Error).message}`);
    process.exit(2);
  },
);
