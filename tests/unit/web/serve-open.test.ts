// `pinfleet serve --open` launches the browser with a nonce, never the token (a command line is
// visible in `ps`); the page trades the nonce once for the token over POST /session.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../../src-main/app/compose.js';
import type { CommandContext } from '../../../src-main/cli/command.js';
import { serveCommand } from '../../../src-main/cli/commands/serve.js';
import { browserCommand } from '../../../src-main/cli/open-browser.js';
import { createOutput } from '../../../src-main/cli/output.js';

let dir: string;
let app: AppContext;
let printed = '';
let launched: string[] = [];
let stop: () => void;
let served: Promise<void>;
let printedToken = '';
let origin = '';

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'pinfleet-serve-open-'));
  const renderer = path.join(dir, 'renderer');
  await mkdir(renderer);
  await writeFile(path.join(renderer, 'index.html'), '<!doctype html><title>Pinfleet</title>');
  process.env.PINFLEET_RENDERER_DIR = renderer;
  const dataDir = path.join(dir, 'data');
  app = createAppContext({ dataDir, actor: 'web' });
  const ctx: CommandContext = {
    args: [],
    flags: { open: true, port: '0' },
    out: createOutput(false, (text) => (printed += text)),
    dataDir,
    app: () => app,
  };
  const opened = new Promise<void>((resolve) => {
    served = serveCommand(ctx, {
      // What the real opener would put on the command line of the browser it launches.
      open: async (url) => {
        const [command, args] = browserCommand(process.platform, url);
        launched = [command, ...args];
        resolve();
        return true;
      },
      stopped: new Promise<void>((resolve) => (stop = resolve)),
    });
  });
  await opened;
  const match = /ready at (http:\/\/127\.0\.0\.1:\d+)\/#token=(\S+)/.exec(printed);
  origin = match![1]!;
  printedToken = match![2]!;
});

afterAll(async () => {
  stop?.();
  await served;
  delete process.env.PINFLEET_RENDERER_DIR;
  await app?.close();
  await rm(dir, { recursive: true, force: true });
});

const redeem = (nonce: string) =>
  fetch(`${origin}/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ nonce }) });

describe('pinfleet serve --open', () => {
  it('launches the browser on a command line that holds no token', () => {
    expect(launched.join(' ')).not.toContain(printedToken);
    expect(launched.at(-1)).toMatch(new RegExp(`^${origin}/#nonce=[A-Za-z0-9_-]{32}$`));
  });

  it('trades the launched nonce for the token once, and refuses it the second time', async () => {
    const nonce = /#nonce=(\S+)$/.exec(launched.at(-1)!)![1]!;
    const first = await redeem(nonce);
    expect(first.status).toBe(200);
    const { data } = (await first.json()) as { data: { token: string } };
    expect(data.token).toBe(printedToken);
    const call = await fetch(`${origin}/api/app.info`, { method: 'POST', headers: { Authorization: `Bearer ${data.token}` }, body: '{}' });
    expect(call.status).toBe(200);

    const again = await redeem(nonce);
    expect(again.status).toBe(401);
    expect(await again.json()).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('refuses a nonce it never issued, and a nonce exchange from a foreign origin', async () => {
    expect((await redeem('made-up')).status).toBe(401);
    const foreign = await fetch(`${origin}/session`, { method: 'POST', headers: { Origin: 'http://evil.example' }, body: '{"nonce":"x"}' });
    expect(foreign.status).toBe(403);
  });
});
