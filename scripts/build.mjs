// Builds the four outputs: the renderer (Vite), and the Electron main process, the preload and
// the browser-transport server (esbuild: they are plain Node bundles, Vite adds nothing there).
import { build as esbuild } from 'esbuild';
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { build as vite } from 'vite';

rmSync('dist', { recursive: true, force: true });

const node = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };

await Promise.all([
  // Main and server keep npm packages external: they are installed beside the app.
  esbuild({ ...node, entryPoints: ['electron/shell/main.ts'], outfile: 'dist/electron/main.js', format: 'esm', packages: 'external' }),
  esbuild({ ...node, entryPoints: ['electron/server/preview.ts'], outfile: 'dist/server/preview.js', format: 'esm', packages: 'external' }),
  // A sandboxed preload can require only 'electron': everything else is bundled in, as CommonJS.
  esbuild({ ...node, entryPoints: ['electron/shell/preload.ts'], outfile: 'dist/electron/preload.cjs', format: 'cjs', external: ['electron'] }),
  vite({ configFile: 'vite.config.ts', logLevel: 'warn' }),
]);
// The tray's icons travel with the main process (electron-builder packs dist/ only).
mkdirSync('dist/assets', { recursive: true });
for (const name of readdirSync('assets').filter((n) => n.startsWith('tray-') && n.endsWith('.png'))) cpSync(`assets/${name}`, `dist/assets/${name}`);
console.log('Built dist/electron, dist/server, dist/renderer and dist/assets.');
