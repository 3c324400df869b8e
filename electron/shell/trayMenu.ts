import type { MenuItemConstructorOptions } from 'electron';
import type { TrayModel } from '../../shared/notify/tray.js';

/** What the tray's menu items do; the shell wires them to the window and the services. */
export interface TrayActions {
  show(): void;
  openRequest(id: string): void;
  syncNow(): void;
  pause(until: Date | null): void;
  preferences(): void;
  /** The People screen, where requests to join are answered. */
  people(): void;
  /** Waiting on us: the department's requests another department paused on it. */
  waitingOnUs(): void;
  quit(): void;
}

const inOneHour = (now: Date) => new Date(now.getTime() + 3_600_000);
/** Tomorrow at 08:00 local: notifications come back with the working day. */
function tomorrowMorning(now: Date): Date {
  const d = new Date(now);
  d.setDate(d.getDate() + 1);
  d.setHours(8, 0, 0, 0);
  return d;
}

/** The tray menu as Electron's template, from the tray model: open, urgent requests, sync, pause, preferences, quit. */
export function trayMenu(model: TrayModel, actions: TrayActions, now: Date): MenuItemConstructorOptions[] {
  const urgent: MenuItemConstructorOptions[] = model.urgent.length
    ? model.urgent.map((u) => ({ label: u.label, click: () => actions.openRequest(u.id) }))
    : [{ label: 'Nothing waiting', enabled: false }];
  const pause: MenuItemConstructorOptions = model.pausedLabel
    ? { label: `${model.pausedLabel} — resume now`, click: () => actions.pause(null) }
    : {
        label: 'Pause notifications',
        submenu: [
          { label: 'For 1 hour', click: () => actions.pause(inOneHour(now)) },
          { label: 'Until tomorrow', click: () => actions.pause(tomorrowMorning(now)) },
        ],
      };
  const joins: MenuItemConstructorOptions[] = model.joinRequests
    ? [{ label: `${model.joinRequests === 1 ? '1 request' : `${model.joinRequests} requests`} to join — review…`, click: () => actions.people() }]
    : [];
  const waiting: MenuItemConstructorOptions[] = model.waitingOnUs
    ? [
        {
          label: `${model.waitingOnUs === 1 ? '1 request waits' : `${model.waitingOnUs} requests wait`} on your answer — open…`,
          click: () => actions.waitingOnUs(),
        },
      ]
    : [];
  return [
    { label: 'Open Interdesk', click: () => actions.show() },
    { type: 'separator' },
    { label: model.tooltip, enabled: false },
    ...urgent,
    ...waiting,
    ...joins,
    { type: 'separator' },
    { label: model.syncLabel, click: () => actions.syncNow() },
    pause,
    { label: 'Preferences…', click: () => actions.preferences() },
    { type: 'separator' },
    { label: 'Quit Interdesk', click: () => actions.quit() },
  ];
}
