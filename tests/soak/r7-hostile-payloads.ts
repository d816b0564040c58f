// R7: generated malformed or hostile payloads on every transport (HTTP API, WebSocket, CLI
// arguments, and the router as IPC sees it); all refused, the process alive, the inventory
// unchanged. Each transport lives in r7/; this file sizes them and gives the verdict.
import { figure, type SoakScenario, type SoakSize } from './scenario.js';
import type { TransportCounts } from './r7/fixture.js';
import { runCliTransport } from './r7/cli-transport.js';
import { runHttpTransport } from './r7/http-transport.js';
import { runIpcTransport } from './r7/ipc-transport.js';
import { runWebSocketTransport } from './r7/websocket-transport.js';

/** Per transport; the CLI spawns a process per payload (~0.7 s of CPU each), so it runs fewer. */
export const R7_SIZES = {
  full: { http: 10_000, ws: 10_000, ipc: 10_000, cli: 400 },
  quick: { http: 300, ws: 300, ipc: 300, cli: 12 },
};

export interface R7Transport {
  counts: TransportCounts;
  extra?: Record<string, number | string>;
  problems: string[];
}

/** Held when nothing was accepted, failed, hung or died, and no inventory changed. */
export function transportHeld(counts: TransportCounts): boolean {
  return counts.sent > 0 && counts.accepted === 0 && counts.failed === 0 && counts.hung === 0 && counts.processDeaths === 0 && counts.inventoryChanged === 0;
}

export const r7: SoakScenario = {
  id: 'R7',
  nemesis: '10,000 generated malformed or hostile payloads per transport: HTTP API, WebSocket, CLI arguments, and the router as IPC sees it',
  mustHold: 'all answered invalid_input/4xx (or their connection closed), process alive, inventory unchanged',
  runs: { full: R7_SIZES.full.http, quick: R7_SIZES.quick.http },
  needsFleet: false,
  async run(size: SoakSize) {
    const started = Date.now();
    const sizes = size.runs !== undefined
      ? { http: size.runs, ws: size.runs, ipc: size.runs, cli: Math.min(size.runs, R7_SIZES.full.cli) }
      : size.quick ? R7_SIZES.quick : R7_SIZES.full;
    const results: Record<string, R7Transport> = {
      http: await runHttpTransport(sizes.http, size.seed),
      ws: await runWebSocketTransport(sizes.ws, size.seed),
      ipc: await runIpcTransport(sizes.ipc, size.seed),
      cli: await runCliTransport(sizes.cli, size.seed),
    };
    const measured: Record<string, number | string> = {};
    const problems: string[] = [];
    for (const [transport, result] of Object.entries(results)) {
      for (const [name, value] of Object.entries({ ...result.counts, ...result.extra })) measured[`${transport}.${name}`] = value;
      // The figure keeps 20 problems: a few of each transport, then how many more there were.
      problems.push(...result.problems.slice(0, 5));
      if (result.problems.length > 5) problems.push(`${transport}: ${result.problems.length - 5} more problems`);
    }
    measured['cli.note'] = `the CLI spawns one process per payload (about 0.7 s of CPU each), so it runs ${sizes.cli} payloads, not ${sizes.http}`;
    const held = Object.values(results).every((r) => transportHeld(r.counts));
    const total = Object.values(results).reduce((sum, r) => sum + r.counts.sent, 0);
    return figure(r7, size, total, started, measured, problems, held);
  },
};
