import Store from 'electron-store';
import type { Settings, SettingsStore } from '../services/settings.js';
import { completeSettings, initialSettings } from '../services/settings.js';

export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

type Schema = Settings & { window?: WindowState };

/** Settings in electron-store (settings only, never requests: DESIGN.md §3). */
export class ElectronSettings implements SettingsStore {
  private readonly store = new Store<Schema>({ name: 'settings', defaults: initialSettings() });

  read(): Settings {
    const { window: _window, ...settings } = this.store.store;
    return completeSettings(settings);
  }

  write(next: Settings): void {
    this.store.set(next);
  }

  readWindow(): WindowState | undefined {
    return this.store.get('window');
  }

  writeWindow(state: WindowState): void {
    this.store.set('window', state);
  }
}
