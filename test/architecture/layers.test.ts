import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf, violations } from './checkImports.js';
import { LAYERS } from './layers.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|mts|cts)$/.test(e.name))
    .map((e) => relative('.', join(e.parentPath, e.name)).split(sep).join('/'));
}

describe('the layer table of DESIGN.md §1, floors included', () => {
  const files = ['shared', 'electron', 'renderer'].flatMap(sourceFiles);

  it('finds the source tree', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(files).toContain('electron/shell/main.ts');
  });

  it('holds for every source file', () => {
    expect(files.flatMap((f) => violations(f, readFileSync(f, 'utf8'), LAYERS))).toEqual([]);
  });
});

describe('the import checker', () => {
  it('reads every form of import', () => {
    const src = `import a from 'a';\nimport type { B } from "b";\nexport * from './c.js';\nimport './d.css';\nconst e = await import('e');\nconst f = require('f');\nimport {\n  g,\n  h,\n} from 'gh';`;
    expect(importsOf(src)).toEqual(['a', 'b', './c.js', './d.css', 'e', 'f', 'gh']);
  });

  it.each([
    ['renderer/src/x.ts', `import { readFile } from 'node:fs';`, /Node built-in node:fs/],
    ['renderer/src/x.ts', `import { ipcRenderer } from 'electron';`, /package electron/],
    ['renderer/src/x.ts', `import { x } from '../../electron/services/compose.js';`, /\(services\)/],
    ['shared/model/x.ts', `import path from 'path';`, /Node built-in path/],
    ['shared/model/x.ts', `import React from 'react';`, /package react/],
    ['shared/model/x.ts', `import { y } from '../../renderer/src/y.js';`, /\(renderer\)/],
    ['electron/store/x.ts', `import { app } from 'electron';`, /package electron/],
    ['electron/services/x.ts', `import Store from 'electron-store';`, /package electron-store/],
    ['electron/services/x.ts', `import { main } from '../shell/main.js';`, /\(shell\)/],
    ['electron/shell/x.ts', `import { App } from '../../renderer/src/app/App.js';`, /\(renderer\/app\)/],
    ['electron/shell/x.ts', `import { serve } from '../server/httpTransport.js';`, /\(shell\) imports .*\(server\)/],
    ['electron/store/x.ts', `import { SyncEngine } from '../sync/syncEngine.js';`, /\(store\) imports .*\(sync\)/],
    ['electron/sync/x.ts', `import { openServices } from '../services/compose.js';`, /\(sync\) imports .*\(services\)/],
    ['shared/core/x.ts', `import type { Operation } from '../ops/operations.js';`, /\(core\) imports .*\(ops\)/],
    ['shared/sla/x.ts', `import type { RequestSummary } from '../model/request.js';`, /\(sla\) imports .*\(model\)/],
    ['shared/ops/x.ts', `import type { ConfigState } from '../model/configState.js';`, /\(ops\) imports .*\(model\)/],
    ['renderer/src/ui/x.tsx', `import { useApp } from '../state/context.js';`, /\(renderer\/ui\) imports .*\(renderer\/state\)/],
    ['renderer/src/features/queue/x.tsx', `import { Sidebar } from '../../app/Sidebar.js';`, /\(renderer\/features\) imports .*\(renderer\/app\)/],
    [
      'shared/notify/x.ts',
      `import type { Profile } from '../contract/api.js';`,
      /shared\/notify\/x\.ts \(notify\) imports \.\.\/contract\/api\.js \(contract\)/,
    ],
  ])('flags %s importing across the table', (file, source, message) => {
    const found = violations(file, source, LAYERS);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(message);
  });

  it.each([
    ['electron/shell/x.ts', `import { app } from 'electron';\nimport Store from 'electron-store';\nimport { x } from '../services/compose.js';`],
    ['electron/store/x.ts', `import { readFileSync } from 'node:fs';\nimport { Replica } from '../../shared/model/replica.js';`],
    [
      'renderer/src/x.tsx',
      `import { useStore } from 'zustand';\nimport { useShallow } from 'zustand/react/shallow';\nimport { format } from 'date-fns';\nimport './styles.css';`,
    ],
    ['shared/time/x.ts', `import { z } from 'zod';\nimport { TZDate } from '@date-fns/tz';`],
    [
      'shared/model/x.ts',
      `import type { Status } from '../core/status.js';\nimport { isWorkingTime } from '../sla/calendar.js';\nimport type { Operation } from '../ops/operations.js';`,
    ],
    ['electron/services/x.ts', `import { RequestStore } from '../store/requestStore.js';\nimport { SyncEngine } from '../sync/syncEngine.js';`],
  ])('allows what %s may import', (file, source) => {
    expect(violations(file, source, LAYERS)).toEqual([]);
  });
});
