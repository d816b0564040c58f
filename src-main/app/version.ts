// The app version, injected at build time from package.json (see electron.vite.config.ts);
// falls back for code run straight from sources (tests, tsx).
declare const __PINFLEET_VERSION__: string | undefined;

export const APP_VERSION: string =
  typeof __PINFLEET_VERSION__ === 'string' ? __PINFLEET_VERSION__ : '0.0.0-dev';
