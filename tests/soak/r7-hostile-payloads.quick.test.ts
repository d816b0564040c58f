// R7 at its quick size inside `npm test`: a few hundred generated hostile payloads per transport
// against a real `pinfleet serve` child, the composed router behind the IPC transport, and the
// built CLI. `npm run soak -- --only R7` runs the full size.
import { describe, expect, it } from 'vitest';
import { R7_SIZES, transportHeld } from './r7-hostile-payloads.js';
import { CLI_BUILD, runCliTransport } from './r7/cli-transport.js';
import { runHttpTransport } from './r7/http-transport.js';
import { runIpcTransport } from './r7/ipc-transport.js';
import { runWebSocketTransport } from './r7/websocket-transport.js';
import { existsSync } from 'node:fs';

const SEED = Number(process.env.R7_SEED ?? 20261207);
const SLOW = 600_000;

describe('R7 quick: hostile payloads on every transport', () => {
  it('HTTP: every request refused or closed, serve alive, inventory unchanged', async () => {
    const { counts, problems } = await runHttpTransport(R7_SIZES.quick.http, SEED);
    expect(problems).toEqual([]);
    expect(counts).toMatchObject({ sent: R7_SIZES.quick.http, accepted: 0, failed: 0, hung: 0, processDeaths: 0, inventoryChanged: 0 });
    expect(counts.refused + counts.closedWithoutAnswer).toBe(counts.sent);
    expect(transportHeld(counts)).toBe(true);
  }, SLOW);

  it('WebSocket: upgrades refused, frames dropped or ending only their socket, serve alive', async () => {
    const { counts, extra, problems } = await runWebSocketTransport(R7_SIZES.quick.ws, SEED);
    expect(problems).toEqual([]);
    expect(counts).toMatchObject({ sent: R7_SIZES.quick.ws, accepted: 0, failed: 0, hung: 0, processDeaths: 0, inventoryChanged: 0 });
    expect(extra.upgradesRefused).toBeGreaterThan(0);
    expect(extra.framesEndedTheirSocket).toBeGreaterThan(0);
    expect(transportHeld(counts)).toBe(true);
  }, SLOW);

  it('IPC: the router refuses every hostile pair and every foreign sender, and nothing is polluted', async () => {
    const { counts, extra, problems } = await runIpcTransport(R7_SIZES.quick.ipc, SEED);
    expect(problems).toEqual([]);
    expect(counts).toMatchObject({ sent: R7_SIZES.quick.ipc, refused: R7_SIZES.quick.ipc, accepted: 0, failed: 0, inventoryChanged: 0 });
    expect(extra.prototypePolluted).toBe(0);
    expect(extra.senderRefused).toBeGreaterThan(0);
    expect(extra.invalidInput).toBeGreaterThan(0);
  }, SLOW);

  // The CLI still ends 0 when a command ignores arguments it does not take (`nodes list junk`): the
  // full soak counts those as findings (exitZero). What must hold already is checked here: no death,
  // no stack trace, no hang, a refusal ends in one "pinfleet: …" line, the inventory unchanged.
  it('CLI: no hostile argv kills it, shows a stack trace, hangs or changes the inventory', async () => {
    expect(existsSync(CLI_BUILD), `${CLI_BUILD} is missing: run \`npx electron-vite build\``).toBe(true);
    const { counts, extra } = await runCliTransport(R7_SIZES.quick.cli, SEED);
    expect(counts).toMatchObject({ sent: R7_SIZES.quick.cli, failed: 0, hung: 0, processDeaths: 0, inventoryChanged: 0 });
    expect(counts.refused + counts.accepted).toBe(counts.sent);
    expect(counts.refused).toBeGreaterThan(0);
    expect(extra).toMatchObject({ stackTraces: 0, unclearErrors: 0 });
  }, SLOW);
});
