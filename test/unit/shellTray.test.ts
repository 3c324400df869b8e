import type { Menu, MenuItemConstructorOptions, NativeImage } from 'electron';
import { describe, expect, it } from 'vitest';
import { Notifier } from '../../electron/shell/notifier.js';
import { TrayPresenter } from '../../electron/shell/tray.js';
import type { TrayActions } from '../../electron/shell/trayMenu.js';
import { trayMenu } from '../../electron/shell/trayMenu.js';
import type { NotificationIntent } from '../../shared/notify/policy.js';
import type { TrayModel } from '../../shared/notify/tray.js';

const NOW = new Date(2026, 10, 24, 10, 30);
const model = (over: Partial<TrayModel> = {}): TrayModel => ({
  tooltip: 'Engineering: 1 new, 1 overdue',
  attention: true,
  counts: { new: 1, atRisk: 0, overdue: 1 },
  joinRequests: 0,
  waitingOnUs: 0,
  escalated: 0,
  urgent: [
    { id: 'r1', label: 'AB12CD · Late one — overdue by 2 h' },
    { id: 'r2', label: 'EF34GH · Fresh — due tomorrow' },
  ],
  syncLabel: 'Sync now (last at 10:29)',
  pausedLabel: null,
  ...over,
});

function recorder() {
  const calls: string[] = [];
  const actions: TrayActions = {
    show: () => calls.push('show'),
    openRequest: (id) => calls.push(`open ${id}`),
    syncNow: () => calls.push('sync'),
    pause: (until) => calls.push(`pause ${until ? until.toString() : 'off'}`),
    preferences: () => calls.push('preferences'),
    people: () => calls.push('people'),
    waitingOnUs: () => calls.push('waiting'),
    quit: () => calls.push('quit'),
  };
  return { calls, actions };
}
const click = (item: MenuItemConstructorOptions | undefined) => (item?.click as (() => void) | undefined)?.();
const byLabel = (items: MenuItemConstructorOptions[], label: string) => items.find((i) => i.label === label);

describe('the tray menu', () => {
  it('lists open, the counts, the urgent requests (each opens its request), sync with its time, pause, preferences, quit', () => {
    const { calls, actions } = recorder();
    const items = trayMenu(model(), actions, NOW);
    expect(items.filter((i) => i.type !== 'separator').map((i) => i.label)).toEqual([
      'Open Interdesk',
      'Engineering: 1 new, 1 overdue',
      'AB12CD · Late one — overdue by 2 h',
      'EF34GH · Fresh — due tomorrow',
      'Sync now (last at 10:29)',
      'Pause notifications',
      'Preferences…',
      'Quit Interdesk',
    ]);
    click(byLabel(items, 'AB12CD · Late one — overdue by 2 h'));
    click(byLabel(items, 'Sync now (last at 10:29)'));
    const pause = byLabel(items, 'Pause notifications')!.submenu as MenuItemConstructorOptions[];
    click(pause[0]);
    click(pause[1]);
    click(byLabel(items, 'Quit Interdesk'));
    expect(calls).toEqual([
      'open r1',
      'sync',
      `pause ${new Date(2026, 10, 24, 11, 30).toString()}`,
      `pause ${new Date(2026, 10, 25, 8, 0).toString()}`,
      'quit',
    ]);
  });

  it('offers the requests to join waiting for this person, which open People; none, no item', () => {
    const { calls, actions } = recorder();
    const items = trayMenu(model({ joinRequests: 2, tooltip: 'Engineering: 1 new, 1 overdue, 2 asking to join' }), actions, NOW);
    click(byLabel(items, '2 requests to join — review…'));
    expect(calls).toEqual(['people']);
    expect(trayMenu(model(), actions, NOW).some((i) => i.label?.includes('to join'))).toBe(false);
  });

  it('offers the requests another department paused on this one, which open Waiting on us; none, no item', () => {
    const { calls, actions } = recorder();
    click(byLabel(trayMenu(model({ waitingOnUs: 1 }), actions, NOW), '1 request waits on your answer — open…'));
    click(byLabel(trayMenu(model({ waitingOnUs: 3 }), actions, NOW), '3 requests wait on your answer — open…'));
    expect(calls).toEqual(['waiting', 'waiting']);
    expect(trayMenu(model(), actions, NOW).some((i) => i.label?.includes('your answer'))).toBe(false);
  });

  it('offers to resume while paused, and says so when nothing waits', () => {
    const { calls, actions } = recorder();
    const items = trayMenu(model({ urgent: [], pausedLabel: 'Notifications paused until 11:30' }), actions, NOW);
    expect(byLabel(items, 'Nothing waiting')).toMatchObject({ enabled: false });
    click(byLabel(items, 'Notifications paused until 11:30 — resume now'));
    expect(calls).toEqual(['pause off']);
  });
});

describe('the tray presenter (Electron objects injected)', () => {
  it('draws icon, tooltip and menu, and rebuilds only when the model changed', () => {
    const drawn: string[] = [];
    const presenter = new TrayPresenter({
      tray: {
        setImage: (img) => drawn.push(`image ${String(img)}`),
        setToolTip: (t) => drawn.push(`tooltip ${t}`),
        setContextMenu: () => drawn.push('menu'),
      },
      buildMenu: (template) => ({ items: template }) as unknown as Menu,
      icon: (attention) => (attention ? 'attention' : 'plain') as unknown as NativeImage,
      actions: recorder().actions,
      now: () => NOW,
    });
    presenter.render(model());
    presenter.render(model());
    presenter.render(model({ attention: false, tooltip: 'Engineering: nothing waiting', urgent: [] }));
    expect(drawn).toEqual(['image attention', 'tooltip Engineering: 1 new, 1 overdue', 'menu', 'image plain', 'tooltip Engineering: nothing waiting', 'menu']);
    presenter.render(null);
    expect(drawn.slice(-2, -1)).toEqual(['tooltip Interdesk — not set up yet']);
  });
});

describe('the native notifier', () => {
  const intent: NotificationIntent = { id: 'new:r1', kind: 'newRequest', title: 'New request from Sales', body: 'Laptop (AB12CD)', requestId: 'r1' };

  it('shows an intent and hands its click back with the intent', () => {
    const shown: string[] = [];
    const clicked: NotificationIntent[] = [];
    let listener: () => void = () => {};
    const notifier = new Notifier({
      isSupported: () => true,
      create: ({ title, body }) => ({ on: (_e, l) => (listener = l), show: () => shown.push(`${title}: ${body}`) }),
      onClick: (i) => clicked.push(i),
    });
    notifier.show(intent);
    listener();
    expect(shown).toEqual(['New request from Sales: Laptop (AB12CD)']);
    expect(clicked).toEqual([intent]);
  });

  it('stays silent where the system has no notifications', () => {
    let created = 0;
    new Notifier({ isSupported: () => false, create: () => (created++, { on: () => {}, show: () => {} }), onClick: () => {} }).show(intent);
    expect(created).toBe(0);
  });
});
