// The options of every Pinfleet window, decided here and nowhere else. The renderer is treated
// as untrusted content: it gets no Node, runs in Chromium's sandbox, is isolated from the
// preload's world and only reaches main through the typed contract the preload exposes.
import type { BrowserWindowConstructorOptions } from 'electron';

export interface WindowOptionsInput {
  /** Absolute path of the built preload (out/preload/index.cjs). */
  preloadPath: string;
  /** nativeTheme.shouldUseDarkColors, so the first paint does not flash the wrong colour. */
  prefersDark: boolean;
}

// Matches the renderer's page background in each theme.
export const BACKGROUND_DARK = '#111318';
export const BACKGROUND_LIGHT = '#f7f8fa';

export function createWindowOptions({ preloadPath, prefersDark }: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    title: 'Pinfleet',
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    // Shown on 'ready-to-show' so the admin never sees an empty white frame.
    show: false,
    backgroundColor: prefersDark ? BACKGROUND_DARK : BACKGROUND_LIGHT,
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // Spellcheck would send typed text (host names, notes) to a dictionary service on some OSes.
      spellcheck: false,
    },
  };
}
