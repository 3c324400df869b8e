/**
 * DESIGN.md §1 as data: which layer a file is in, and what that layer may import.
 * Layers are matched in order; the first whose `path` prefixes a file wins.
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

export const LAYERS: Layer[] = [
  { name: 'shared', path: 'shared/', layers: [], packages: ['date-fns', '@date-fns/tz', 'zod'], node: false },
  { name: 'shell', path: 'electron/shell/', layers: ['shared', 'services'], packages: ['electron', 'electron-store'], node: true },
  { name: 'services', path: 'electron/', layers: ['shared'], packages: [], node: true },
  { name: 'renderer', path: 'renderer/', layers: ['shared'], packages: ['react', 'react-dom', 'zustand', 'date-fns'], node: false },
];
