import type { Menu, MenuItemConstructorOptions, NativeImage, Tray } from 'electron';
import type { TrayModel } from '../../shared/notify/tray.js';
import type { TrayActions } from './trayMenu.js';
import { trayMenu } from './trayMenu.js';

export interface TrayPresenterDeps {
  tray: Pick<Tray, 'setImage' | 'setToolTip' | 'setContextMenu'>;
  buildMenu(template: MenuItemConstructorOptions[]): Menu;
  /** The icon for the panel's theme, with the mark when something waits. */
  icon(attention: boolean): NativeImage;
  actions: TrayActions;
  now?: () => Date;
}

/** Draws the tray from its model; Electron's objects are injected, so tests pass fakes. */
export class TrayPresenter {
  private last = '';

  constructor(private readonly deps: TrayPresenterDeps) {}

  render(model: TrayModel | null): void {
    const now = this.deps.now?.() ?? new Date();
    const shown = model ?? {
      tooltip: 'Interdesk — not set up yet',
      attention: false,
      counts: { new: 0, atRisk: 0, overdue: 0 },
      joinRequests: 0,
      waitingOnUs: 0,
      escalated: 0,
      urgent: [],
      syncLabel: 'Sync now',
      pausedLabel: null,
    };
    // Menus are rebuilt only when something in them changed (renders come with every sync).
    const key = JSON.stringify(shown);
    if (key === this.last) return;
    this.last = key;
    this.deps.tray.setImage(this.deps.icon(shown.attention));
    this.deps.tray.setToolTip(shown.tooltip);
    this.deps.tray.setContextMenu(this.deps.buildMenu(trayMenu(shown, this.deps.actions, now)));
  }

  /** The panel's theme changed: the same model, drawn again. */
  redraw(model: TrayModel | null): void {
    this.last = '';
    this.render(model);
  }
}
