// Renders assets/icon.svg to assets/icon.png (512×512) with Debian's Chromium, for electron-builder.
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 512, height: 512 } });
await page.setContent(`<style>html,body{margin:0;background:transparent}</style>${readFileSync('assets/icon.svg', 'utf8')}`);
await page.screenshot({ path: 'assets/icon.png', omitBackground: true });
await browser.close();
