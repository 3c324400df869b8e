import type { Preferences } from '../../shared/contract/api.js';
import { savedViewSchema } from '../../shared/contract/schemas.js';
import type { Handlers } from './dispatch.js';
import type { EventBus } from './events.js';
import { AppFailure } from './failure.js';
import type { SettingsStore } from './settings.js';

export type PreferenceMethod = 'getPreferences' | 'updatePreferences' | 'pauseNotifications' | 'saveView' | 'deleteView';

/** Enough for any sidebar; more is a sign of something gone wrong. */
const MAX_SAVED_VIEWS = 30;

/** Starting with the operating system is the shell's to do; tests and the browser pass a fake or nothing. */
export interface LoginItem {
  set(openAtLogin: boolean): void;
}

export interface PreferenceDeps {
  settings: SettingsStore;
  events: EventBus;
  loginItem?: LoginItem | undefined;
  now?: () => number;
}

/** The person's own choices on this machine: which notifications, a pause, start at login. */
export function createPreferenceHandlers({ settings, events, loginItem, now = Date.now }: PreferenceDeps): Pick<Handlers, PreferenceMethod> {
  const current = (): Preferences => {
    const s = settings.read();
    // Views saved by an earlier version lack newer filters: read through the schema, they get their defaults.
    const savedViews = s.savedViews.flatMap((v) => {
      const parsed = savedViewSchema.safeParse(v);
      return parsed.success ? [parsed.data] : [];
    });
    return { notifications: s.notifications.prefs, pausedUntil: s.notifications.pausedUntil, openAtLogin: s.openAtLogin, savedViews };
  };
  const changed = (): Preferences => {
    const p = current();
    events.emit({ name: 'preferencesChanged', payload: p });
    return p;
  };

  return {
    getPreferences: () => current(),

    updatePreferences: ({ notifications, openAtLogin }) => {
      const s = settings.read();
      if (openAtLogin !== undefined && openAtLogin !== s.openAtLogin) {
        if (!loginItem) throw new AppFailure('invalid_input', 'Starting at login is a setting of the desktop app; this window cannot change it.');
        loginItem.set(openAtLogin);
      }
      const prefs = { ...s.notifications.prefs };
      for (const [kind, on] of Object.entries(notifications ?? {})) if (on !== undefined) prefs[kind as keyof typeof prefs] = on;
      settings.write({ ...s, notifications: { ...s.notifications, prefs }, openAtLogin: openAtLogin ?? s.openAtLogin });
      return changed();
    },

    saveView: (view) => {
      const s = settings.read();
      const others = s.savedViews.filter((v) => v.name.toLowerCase() !== view.name.toLowerCase());
      if (others.length >= MAX_SAVED_VIEWS)
        throw new AppFailure('invalid_input', `You have ${MAX_SAVED_VIEWS} saved views already. Delete one you no longer use first.`);
      // Saving under an existing name replaces that view in its place.
      const at = s.savedViews.findIndex((v) => v.name.toLowerCase() === view.name.toLowerCase());
      const savedViews = at < 0 ? [...others, view] : s.savedViews.map((v, i) => (i === at ? view : v));
      settings.write({ ...s, savedViews });
      return changed();
    },

    deleteView: ({ name }) => {
      const s = settings.read();
      if (!s.savedViews.some((v) => v.name === name)) throw new AppFailure('not_found', `There is no saved view called “${name}”.`);
      settings.write({ ...s, savedViews: s.savedViews.filter((v) => v.name !== name) });
      return changed();
    },

    pauseNotifications: ({ until }) => {
      if (until !== null && Date.parse(until) <= now())
        throw new AppFailure('invalid_input', 'That time has already passed. Pick a later one, or resume notifications.');
      const s = settings.read();
      settings.write({ ...s, notifications: { ...s.notifications, pausedUntil: until === null ? null : new Date(until).toISOString() } });
      return changed();
    },
  };
}
