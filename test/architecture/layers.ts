/**
 * DESIGN.md §1 as data: which layer a file is in, and what that layer may import.
 * Layers are matched in order; the first whose `path` prefixes a file wins. Besides the four
 * environments, the floors inside `shared/` and `electron/` are layers too: a floor imports only
 * the floors below it, so the domain never reaches up into the wire or the sync into the services.
 */
export interface Layer {
  name: string;
  path: string;
  /** Other layers (by name) this one may import from; its own layer is always allowed. */
  layers: string[];
  /** npm packages it may import (a package's subpaths included). */
  packages: string[];
  /** Whether Node built-ins (node:fs, path, …) are allowed. */
  node: boolean;
}

const SHARED_PACKAGES = ['date-fns', '@date-fns/tz', 'zod', 'ical.js', 'csv-stringify'];

/**
 * `shared/` from the ground up: the common words (priority, status, actor, …) and time; the
 * service-level engine (calendars, clocks, catalog); department configuration; operations;
 * the fold and its views; the notification policy; the service reviews' figures; the wire contract.
 */
const SHARED_FLOORS: [name: string, path: string][] = [
  ['core', 'shared/core/'],
  ['time', 'shared/time/'],
  ['sla', 'shared/sla/'],
  ['config', 'shared/config/'],
  ['ops', 'shared/ops/'],
  ['model', 'shared/model/'],
  ['notify', 'shared/notify/'],
  ['reviews', 'shared/reviews/'],
  ['contract', 'shared/contract/'],
];
const SHARED = SHARED_FLOORS.map(([name]) => name);

/** Each shared floor may import every floor before it (core and time are both ground floor). */
const sharedLayers: Layer[] = SHARED_FLOORS.map(([name, path], i) => ({
  name,
  path,
  layers: SHARED.slice(0, i).filter((below) => !(name === 'time' && below === 'core')),
  packages: SHARED_PACKAGES,
  node: false,
}));

const RENDERER_PACKAGES = ['react', 'react-dom', 'zustand', 'date-fns', '@tanstack/react-virtual', 'recharts'];

/** Each renderer floor may import the shared floors and every renderer floor before it. */
function renderer(floors: [name: string, path: string][]): Layer[] {
  return floors.map(([name, path], i) => ({
    name,
    path,
    layers: [...SHARED, ...floors.slice(0, i).map(([below]) => below)],
    packages: RENDERER_PACKAGES,
    node: false,
  }));
}

export const LAYERS: Layer[] = [
  ...sharedLayers,
  { name: 'shell', path: 'electron/shell/', layers: [...SHARED, 'services'], packages: ['electron', 'electron-store'], node: true },
  { name: 'store', path: 'electron/store/', layers: SHARED, packages: [], node: true },
  { name: 'sync', path: 'electron/sync/', layers: [...SHARED, 'store'], packages: [], node: true },
  { name: 'services', path: 'electron/services/', layers: [...SHARED, 'store', 'sync'], packages: [], node: true },
  { name: 'server', path: 'electron/server/', layers: [...SHARED, 'services'], packages: [], node: true },
  // The window, from the ground up: generic parts (which know no store), the transport, the store, features, the chrome that holds them.
  ...renderer([
    ['renderer/ui', 'renderer/src/ui/'],
    ['renderer/api', 'renderer/src/api/'],
    ['renderer/state', 'renderer/src/state/'],
    ['renderer/features', 'renderer/src/features/'],
    ['renderer/app', 'renderer/src/app/'],
  ]),
  {
    name: 'renderer',
    path: 'renderer/',
    layers: [...SHARED, 'renderer/api', 'renderer/state', 'renderer/ui', 'renderer/features', 'renderer/app'],
    packages: RENDERER_PACKAGES,
    node: false,
  },
];
