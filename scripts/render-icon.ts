// Renders the icons with Debian's Chromium: assets/icon.svg → icon.png (512×512, for
// electron-builder) and assets/tray.svg → the tray's variants (glyph for light and dark panels,
// with and without the "something is waiting" mark; 32 px and @2x).
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });

async function render(svg: string, size: number, css: string, path: string) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(`<style>html,body{margin:0;background:transparent}svg{width:${size}px;height:${size}px;display:block}${css}</style>${svg}`);
  await page.screenshot({ path, omitBackground: true });
  await page.close();
}

await render(readFileSync('assets/icon.svg', 'utf8'), 512, '', 'assets/icon.png');
const tray = readFileSync('assets/tray.svg', 'utf8');
for (const [theme, colour] of [
  ['light', '#1f2328'],
  ['dark', '#e3e6ea'],
] as const) {
  for (const attention of [false, true]) {
    const css = `svg{color:${colour}}${attention ? '' : '.mark{display:none}'}`;
    const name = `assets/tray-${theme}${attention ? '-attention' : ''}`;
    await render(tray, 32, css, `${name}.png`);
    await render(tray, 64, css, `${name}@2x.png`);
  }
}
await browser.close();
