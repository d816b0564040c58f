// `pinfleet serve`: the console in a browser, over the local web transport.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PinfleetError } from '../../../src-preload/contract/errors.js';
import { startWebServer } from '../../web/server.js';
import { integerFlag } from '../args.js';
import type { CommandContext } from '../command.js';
import { openBrowser } from '../open-browser.js';
import { rendererRoot } from '../paths.js';

async function readTls(ctx: CommandContext) {
  const { 'tls-cert': cert, 'tls-key': key } = ctx.flags;
  if (!cert && !key) return undefined;
  if (!cert || !key) throw new PinfleetError('invalid_input', '--tls-cert and --tls-key go together');
  return { cert: await readFile(cert), key: await readFile(key) };
}

export interface ServeOptions {
  openByDefault?: boolean;
  /** Launches the browser; the real one by default, a recorder in tests. */
  open?: (url: string) => Promise<boolean>;
  /** Resolves when the server should stop; SIGINT or SIGTERM by default. */
  stopped?: Promise<void>;
}

function untilSignalled(): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

export async function serveCommand(ctx: CommandContext, opts: ServeOptions = {}): Promise<void> {
  const root = rendererRoot();
  if (!existsSync(path.join(root, 'index.html'))) {
    throw new PinfleetError('not_found', `the console's web build is missing at ${root}: run \`npm run build\` first`);
  }
  const app = ctx.app();
  const server = await startWebServer({
    router: app.router,
    bus: app.bus,
    rendererRoot: root,
    dataDir: ctx.dataDir,
    host: ctx.flags.host ?? '127.0.0.1',
    port: integerFlag(ctx.flags.port, 'port') ?? 0,
    allowRemote: ctx.flags['allow-remote'] ?? false,
    tls: await readTls(ctx),
  });
  // The token is in the URL: print it to stdout only, never to a log.
  ctx.out.data({ url: server.url, dataDir: ctx.dataDir }, () => `Pinfleet is ready at ${server.url}`);
  ctx.out.line(`Data directory: ${ctx.dataDir}. Press Ctrl-C to stop.`);
  const wantOpen = ctx.flags['no-open'] ? false : (ctx.flags.open ?? opts.openByDefault ?? false);
  // A launched command line is visible to every local user (`ps`): it carries a single-use,
  // short-lived nonce that the page trades for the token, never the token itself.
  if (wantOpen && !(await (opts.open ?? openBrowser)(server.openUrl()))) {
    ctx.out.line('Could not open a browser here: open the URL above yourself.');
  }
  await (opts.stopped ?? untilSignalled());
  await server.close();
}
