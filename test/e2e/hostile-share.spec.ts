import { createHash } from 'node:crypto';
import { admitAsked } from '../helpers/admit.js';
import { keyFromSeed, publishDevice } from '../helpers/keys.js';
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ShareLayout } from '../../electron/sync/format/layout.js';
import { formatHlc } from '../../shared/ops/hlc.js';
import { asLines, writeCraftedSegment } from '../helpers/hostileShare.js';
import { commentOp, createOp, statusOp } from '../helpers/ops.js';
import { callApi, viaHttp, expect, screenshotPath, setUpAs, startPreview, test } from './preview.js';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

test('a share with one poisoned request of each kind: every other request shows, each poison says what is wrong, nothing blanks the window', async ({
  browser,
}) => {
  const root = mkdtempSync(join(tmpdir(), 'interdesk-hostile-'));
  const share = join(root, 'share');
  mkdirSync(share);
  const sam = await startPreview(join(root, 'sam'));
  const eve = await startPreview(join(root, 'eve'));
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 820 } })).newPage();
  try {
    // Sam in Sales sends Engineering three requests through the shared folder.
    await setUpAs(page, sam.url, 'Sam Seller', 'Sales', share);
    const titles = ['Laptop for Dana', 'Repository access for the Acme pilot', 'Test rig for the Q1 release'];
    const ids: string[] = [];
    for (const title of titles) {
      const input = { toDepartment: 'Engineering', typeId: 'general', title, details: '', priority: 'P2', neededBy: inDays(4) };
      ids.push((await callApi<{ id: string }>(sam.url, 'createRequest', input)).id);
    }
    await callApi(sam.url, 'syncNow', {});

    // A colleague's machine in Engineering asks to join, and Sam (the share's admin) admits it: its
    // files are the ones a member would send.
    const ask = {
      ...commentOp(ids[0]!, 'payslip', 1, Date.now(), ''),
      type: 'roster.ask',
      target: 'roster',
      fields: { name: 'Pat', departments: ['Engineering'] },
    };
    writeCraftedSegment(share, 'payslip', 1, asLines([ask]));
    await callApi(sam.url, 'syncNow', {});
    await callApi(sam.url, 'grantRole', { key: keyFromSeed('payslip').publicKey, role: 'member', department: 'Engineering' });
    await callApi(sam.url, 'syncNow', {});

    // Then someone with write access to the share poisons it, one device folder per kind.
    const now = Date.now() + 1;
    const layout = new ShareLayout(share);
    // A clock far ahead: it would win every register until the year 9999.
    writeCraftedSegment(share, 'clock-ahead', 1, asLines([statusOp(ids[0]!, 'clock-ahead', 1, Date.UTC(9999, 11, 31), 'done')]));
    // The pattern of a date that is not one.
    const notADate = createOp('00000000-0000-4000-8000-0000000000d1', 'not-a-date', 1, now, 'Pallets for Friday');
    writeCraftedSegment(share, 'not-a-date', 1, asLines([{ ...notADate, fields: { ...notADate.fields, neededBy: '2026-02-31T25:00:00Z' } }]));
    // A department named after what every object has.
    const proto = createOp('00000000-0000-4000-8000-0000000000d2', 'proto', 1, now, 'Badge printer');
    writeCraftedSegment(share, 'proto', 1, asLines([{ ...proto, fields: { ...proto.fields, toDepartment: 'constructor' } }]));
    // Raw tabs between the tokens of a valid request: it must show, and open, like any other.
    const tabbed = createOp('00000000-0000-4000-8000-0000000000d3', 'tabs', 1, now, 'Forklift inspection');
    writeCraftedSegment(share, 'tabs', 1, [JSON.stringify(tabbed).replaceAll('","', '",\t"')]);
    // A change of a type only a newer Interdesk knows.
    writeCraftedSegment(share, 'newer', 1, asLines([{ ...commentOp(ids[1]!, 'newer', 1, now, ''), type: 'request.forecast', fields: { level: 2 } }]));
    // A file named like a PDF whose bytes are a program and whose size is not theirs.
    const program = Buffer.from('MZ\u0090\u0000 not a payslip');
    const sha256 = createHash('sha256').update(program).digest('hex');
    mkdirSync(layout.blobsDir, { recursive: true });
    writeFileSync(layout.blobPath(sha256), program);
    const attach = {
      ...commentOp(ids[2]!, 'payslip', 2, now, ''),
      type: 'request.attach',
      fields: { name: 'Payslip-\u202efdp.exe', size: 4, sha256, mime: 'application/pdf' },
    };
    writeCraftedSegment(share, 'payslip', 2, asLines([attach]));
    // 100 MB where a segment should be (sparse: no disk, and no memory unless read).
    const huge = layout.segmentPath('huge', 1);
    mkdirSync(dirname(huge), { recursive: true });
    publishDevice(layout, 'huge', keyFromSeed('huge'));
    writeFileSync(huge, '');
    truncateSync(huge, 100 * 1024 * 1024);
    // And a clock whose counter is full, on a plain comment: it must not stop anyone's next change.
    const full = { ...commentOp(ids[0]!, 'busy', 1, now, 'Ordered the 14-inch model'), hlc: formatHlc({ wall: now, counter: 999_999, device: 'busy' }) };
    writeCraftedSegment(share, 'busy', 1, asLines([full]));

    // Eve in Engineering starts on that share.
    await setUpAs(page, eve.url, 'Eve Engineer', 'Engineering', share);
    // Sam, the share's admin, admits her (as on his People screen).
    await admitAsked(viaHttp(sam.url), viaHttp(eve.url));
    await expect(page.getByRole('button', { name: 'Unverified: waiting for a lead' })).toBeHidden({ timeout: 15_000 });
    const queue = page.getByRole('table', { name: 'Incoming requests' });
    for (const title of [...titles, 'Forklift inspection']) await expect(queue.getByRole('row', { name: new RegExp(title) })).toBeVisible();
    await expect(queue.getByRole('row', { name: /Pallets for Friday|Badge printer/ })).toHaveCount(0);
    await expect(queue.getByRole('row', { name: /Laptop for Dana/ })).toContainText('New');

    // Each poison says what is wrong, in the sync's problems.
    const sync = page.getByRole('region', { name: 'Sync' });
    await sync.getByText(/\d+ sync problems/).click();
    const problems = sync.getByRole('listitem');
    await expect(problems.filter({ hasText: '1 change needs a newer Interdesk' })).toHaveCount(1);
    await expect(problems.filter({ hasText: /clock-ahead.*dated 9999-12-31.*held aside/ })).toHaveCount(1);
    await expect(problems.filter({ hasText: /not-a-date.*operation 1 is malformed/ })).toHaveCount(1);
    await expect(problems.filter({ hasText: /proto.*operation 1 is malformed/ })).toHaveCount(1);
    await expect(problems.filter({ hasText: /104,857,600 bytes, more than the 16,777,216/ })).toHaveCount(1);
    await page.screenshot({ path: screenshotPath('hostile-share-queue') });

    // The request with the disguised file: its name shows what is hidden, its real type apart, and it is not opened.
    await queue.getByRole('row', { name: /Test rig for the Q1 release/ }).click();
    const pane = page.getByRole('complementary', { name: 'Test rig for the Q1 release' });
    const file = pane.getByRole('button', { name: 'Payslip-⟨U+202E⟩fdp.exe' });
    await expect(file).toBeVisible();
    await expect(pane.getByText('EXE', { exact: true })).toBeVisible();
    await file.click();
    await expect(pane.getByRole('alert')).toContainText(`was not opened: The file is ${program.length} bytes, but its attachment says 4.`);
    await page.screenshot({ path: screenshotPath('hostile-share-request') });

    // The tabbed request opens like any other, and Eve's own change goes out past the full counter.
    await queue.getByRole('row', { name: /Forklift inspection/ }).click();
    await expect(page.getByRole('complementary', { name: 'Forklift inspection' })).toBeVisible();
    await queue.getByRole('row', { name: /Laptop for Dana/ }).click();
    await page.getByRole('button', { name: 'Acknowledge' }).click();
    await expect(queue.getByRole('row', { name: /Laptop for Dana/ })).toContainText('Acknowledged');
  } finally {
    await Promise.all([sam.stop(), eve.stop()]);
    rmSync(root, { recursive: true, force: true });
  }
});
