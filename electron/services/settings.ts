import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Profile } from '../../shared/contract/api.js';

/** Settings only — never requests (DESIGN.md §3). The Electron shell backs this with electron-store. */
export interface Settings {
  deviceId: string;
  profile: Profile | null;
  sharePath: string | null;
}

export interface SettingsStore {
  read(): Settings;
  write(next: Settings): void;
}

export function initialSettings(): Settings {
  return { deviceId: randomUUID(), profile: null, sharePath: null };
}

/** Settings in a JSON file, written atomically; used by the browser transport and by tests. */
export class JsonFileSettings implements SettingsStore {
  private current: Settings;

  constructor(private readonly file: string) {
    this.current = this.load();
  }

  read(): Settings {
    return this.current;
  }

  write(next: Settings): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(next, null, 2));
    renameSync(tmp, this.file);
    this.current = next;
  }

  private load(): Settings {
    try {
      return { ...initialSettings(), ...(JSON.parse(readFileSync(this.file, 'utf8')) as Partial<Settings>) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
        console.warn(`Settings at ${this.file} could not be read (${(err as Error).message}); starting with defaults.`);
      }
      const fresh = initialSettings();
      this.write(fresh);
      return fresh;
    }
  }
}
