// The one data directory shared by the Electron app, `pinfleet serve` and the CLI.
// It matches Electron's app.getPath('userData') for an app named Pinfleet, so all three see the
// same inventory without the services ever importing electron.
import os from 'node:os';
import path from 'node:path';

export const APP_NAME = 'Pinfleet';

export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = os.homedir(),
): string {
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_NAME);
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_NAME);
}

/** `--data-dir` wins, then PINFLEET_DATA_DIR, then the OS app-data folder. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = flag ?? env.PINFLEET_DATA_DIR;
  return chosen ? path.resolve(chosen) : defaultDataDir(process.platform, env);
}
