// `npm start` → `pinfleet start`: the desktop app when the Electron runtime is (or can be made)
// available, otherwise the same console in the browser, saying why in one line.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { CommandContext } from '../command.js';
import { appRoot } from '../paths.js';
import { serveCommand } from './serve.js';

const ELECTRON_DOWNLOAD_TIMEOUT_MS = 120_000;

function electronBinary(): string | null {
  try {
    // Under plain Node, the electron package exports the path of its binary, or throws when the
    // binary was never downloaded (npm install skips its install script: see package.json).
    const binary = createRequire(path.join(appRoot(), 'package.json'))('electron') as unknown;
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

function tryDownloadElectron(): string | null {
  const installer = path.join(appRoot(), 'node_modules', 'electron', 'install.js');
  if (!existsSync(installer)) return 'the electron package is not installed';
  const result = spawnSync(process.execPath, [installer], { stdio: 'ignore', timeout: ELECTRON_DOWNLOAD_TIMEOUT_MS });
  if (result.error) return result.error.message;
  return result.status === 0 ? null : 'its download host could not be reached';
}

export function whyNotElectron(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string | null {
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return 'there is no graphical display';
  return null;
}

export async function startCommand(ctx: CommandContext): Promise<void> {
  let reason = whyNotElectron(process.env, process.platform);
  let binary = reason ? null : electronBinary();
  if (!reason && !binary) {
    ctx.out.line('Fetching the Electron runtime (first start only)…');
    const failure = tryDownloadElectron();
    binary = failure ? null : electronBinary();
    if (!binary) reason = `the Electron runtime could not be fetched (${failure ?? 'unknown reason'})`;
  }
  if (binary) {
    const child = spawn(binary, [appRoot(), `--data-dir=${ctx.dataDir}`], { stdio: 'inherit' });
    await new Promise<void>((resolve) => child.once('exit', () => resolve()));
    return;
  }
  ctx.out.line(`Starting Pinfleet in your browser instead, because ${reason}.`);
  await serveCommand(ctx, { openByDefault: true });
}
