import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { writeFileDurably } from '../store/durableFile.js';
import type { Profile } from '../../shared/core/actor.js';
import type { SavedView } from '../../shared/contract/schemas.js';
import type { NotifyPrefs } from '../../shared/notify/policy.js';
import { DEFAULT_NOTIFY_PREFS } from '../../shared/notify/policy.js';

/** Settings only — never requests (DESIGN.md §3). The Electron shell backs this with electron-store. */
export interface Settings {
  deviceId: string;
  profile: Profile | null;
  sharePath: string | null;
  notifications: { prefs: NotifyPrefs; pausedUntil: string | null };
  openAtLogin: boolean;
  /** Whether the "still running in the tray" hint has been shown (it is shown once). */
  trayHintShown: boolean;
  savedViews: SavedView[];
}

export interface SettingsStore {
  read(): Settings;
  write(next: Settings): void;
}

export function initialSettings(): Settings {
  return {
    deviceId: randomUUID(),
    profile: null,
    sharePath: null,
    notifications: { prefs: { ...DEFAULT_NOTIFY_PREFS }, pausedUntil: null },
    openAtLogin: false,
    trayHintShown: false,
    savedViews: [],
  };
}

/** Settings as stored by any version: what an older version did not know gets its default. */
export function completeSettings(stored: Partial<Settings>): Settings {
  const initial = initialSettings();
  return {
    ...initial,
    ...stored,
    notifications: {
      prefs: { ...DEFAULT_NOTIFY_PREFS, ...stored.notifications?.prefs },
      pausedUntil: stored.notifications?.pausedUntil ?? null,
    },
  };
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
    writeFileDurably(this.file, JSON.stringify(next, null, 2));
    this.current = next;
  }

  private load(): Settings {
    try {
      return completeSettings(JSON.parse(readFileSync(this.file, 'utf8')) as Partial<Settings>);
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
