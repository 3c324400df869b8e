// The queue in Chromium with 100,000 requests loaded (issue 6's scale figures): a preview server
// on a data folder that has ingested the bench share, Debian's Chromium driven by Playwright.
// Measured in the page: a filter keystroke to the rendered result, opening a request, the rows
// in the DOM, the renderer's JS heap. Run by run.ts after the sync phases; prints one JSON line.
import { chromium } from '@playwright/test';
import { startPreview } from '../helpers/preview.js';

const [dataDir] = process.argv.slice(2) as [string];
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

async function main() {
  const preview = await startPreview(dataDir);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 820 } });
    const t0 = Date.now();
    await page.goto(preview.url);
    const table = page.getByRole('table', { name: 'Incoming requests' });
    await table.waitFor({ timeout: 60_000 });
    const firstQueueMs = Date.now() - t0;
    const rows = Number(await table.getAttribute('aria-rowcount')) - 1;
    const domRows = await table.locator('tbody tr:not(.spacer)').count();

    // Each keystroke: the input event to the frame after React has rendered the narrowed list.
    // In-page code is passed as text: the TypeScript loader would wrap named functions in a helper the page lacks.
    const keystrokes = (await page.evaluate(`(async () => {
      const input = document.getElementById('queue-search');
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
      const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
      const times = [];
      for (const text of ${JSON.stringify(['l', 'la', 'lap', 'lapt', 'lapto', 'laptop', 'laptop ', 'laptop r', 'laptop re', 'laptop rev', 'laptop re', 'laptop r', 'laptop ', 'laptop', 'lapto', 'lapt', 'lap', 'la', 'l', ''])}) {
        const start = performance.now();
        setValue.call(input, text);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await frame();
        times.push(performance.now() - start);
        await frame();
      }
      return times;
    })()`)) as number[];

    // Opening: a click on a row to its detail on screen, several rows.
    const opens: number[] = [];
    for (let i = 0; i < 7; i++) {
      const row = table.locator('tbody tr:not(.spacer)').nth(i + 1);
      const title = (await row.getByRole('button').textContent())!;
      opens.push(
        (await page.evaluate(`(async () => {
          const t = ${JSON.stringify(title)};
          const rowButton = [...document.querySelectorAll('.queue-table .row-link')].find((b) => b.textContent === t);
          const start = performance.now();
          rowButton.click();
          while (document.querySelector('aside.pane h2')?.textContent !== t) await new Promise((r) => requestAnimationFrame(r));
          return performance.now() - start;
        })()`)) as number,
      );
    }

    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const heapMb = Math.round((metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 1e6);

    // The All departments overview (narrowed in main, first 2,000 rows): a first visit computes
    // every request's OLA target, a later one reuses them.
    const nav = page.getByRole('navigation', { name: 'Queues' });
    const overview = page.getByRole('table', { name: 'All departments requests' });
    const visitOverview = async () => {
      const t = Date.now();
      await nav.getByRole('button', { name: /^All departments/ }).click();
      await overview.waitFor({ timeout: 60_000 });
      return Date.now() - t;
    };
    const overviewFirstMs = await visitOverview();
    await nav.getByRole('button', { name: /^Incoming/ }).click();
    await table.waitFor({ timeout: 60_000 });
    const overviewAgainMs = await visitOverview();

    return {
      firstQueueMs,
      rows,
      domRows,
      keystrokeP50: percentile(keystrokes, 0.5),
      keystrokeP95: percentile(keystrokes, 0.95),
      openMedian: percentile(opens, 0.5),
      openMax: Math.max(...opens),
      heapMb,
      overviewFirstMs,
      overviewAgainMs,
    };
  } finally {
    await browser.close();
    await preview.stop();
  }
}

main().then(
  (r) => console.log(JSON.stringify(r)),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
