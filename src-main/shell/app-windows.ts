// The windows Pinfleet creates. It remembers their webContents ids so the IPC transport can tell
// one of ours from any other sender, and hands out the live ones for event delivery.
import { BrowserWindow, nativeTheme, type WebContents } from 'electron';
import { APP_ENTRY_URL } from './app-origin.js';
import type { ShellLog } from './log.js';
import { BACKGROUND_DARK, BACKGROUND_LIGHT, createWindowOptions } from './window-options.js';

export class AppWindows {
  // Keyed by the webContents id read at creation: a closed window's webContents cannot be read.
  private readonly windows = new Map<number, BrowserWindow>();

  private followingTheme = false;

  constructor(
    private readonly preloadPath: string,
    private readonly log: ShellLog,
  ) {}

  /** Must be called after app 'ready'. */
  open(): BrowserWindow {
    this.followTheme();
    const window = new BrowserWindow(
      createWindowOptions({ preloadPath: this.preloadPath, prefersDark: nativeTheme.shouldUseDarkColors }),
    );
    const id = window.webContents.id;
    this.windows.set(id, window);
    window.once('ready-to-show', () => window.show());
    window.on('closed', () => this.windows.delete(id));
    window.loadURL(APP_ENTRY_URL).catch((error: unknown) => this.log.error('could not load the Pinfleet UI', error));
    return window;
  }

  // Subscribed on first use rather than in the constructor, which runs before app 'ready'.
  private followTheme(): void {
    if (this.followingTheme) return;
    this.followingTheme = true;
    nativeTheme.on('updated', () => {
      const colour = nativeTheme.shouldUseDarkColors ? BACKGROUND_DARK : BACKGROUND_LIGHT;
      for (const window of this.windows.values()) window.setBackgroundColor(colour);
    });
  }

  count(): number {
    return this.windows.size;
  }

  isOurWebContents(webContentsId: number): boolean {
    return this.windows.has(webContentsId);
  }

  liveWebContents(): WebContents[] {
    return [...this.windows.values()].filter((w) => !w.isDestroyed()).map((w) => w.webContents);
  }

  /** Brings the existing window forward, or opens one if the last was closed (macOS). */
  focusOrOpen(): void {
    const [window] = this.windows.values();
    if (!window) {
      this.open();
      return;
    }
    if (window.isMinimized()) window.restore();
    window.focus();
  }
}
