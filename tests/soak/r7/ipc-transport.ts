// R7 for "the router as IPC sees it": the real composed router behind the real IPC transport
// (registerIpcTransport, with a map standing in for ipcMain: it takes electron objects through its
// deps), on a fixture's data directory. Trusted calls carry hostile (channel, input) pairs, also
// values only structured clone can carry (cycles, BigInt, Map, typed arrays); foreign senders
// carry valid, inventory-changing input and must be refused before the router. Answers must
// refuse with a code other than internal; Object.prototype must stay clean; the inventory unchanged.
import fc from 'fast-check';
import type { IpcMainInvokeEvent } from 'electron';
import { createAppContext } from '../../../src-main/app/compose.js';
import { PathGrants } from '../../../src-main/files/path-grants.js';
import { registerIpcTransport, type IpcTransportDeps } from '../../../src-main/shell/ipc-transport.js';
import { CHANNEL_NAMES } from '../../../src-preload/contract/contract.js';
import type { Result } from '../../../src-preload/contract/errors.js';
import { createFixture, emptyCounts, inventoryDifference, type TransportCounts } from './fixture.js';
import { generate, hostilePair, hostileString } from './hostile-values.js';

type Listener = (event: IpcMainInvokeEvent, input: unknown) => Promise<Result<unknown>>;
const OUR_ID = 1;
const MAIN_FRAME = { processId: 10, routingId: 1 };
const ours = { sender: { id: OUR_ID, mainFrame: MAIN_FRAME }, senderFrame: { url: 'pinfleet://app/index.html', parent: null, ...MAIN_FRAME } };

/** Values structured clone carries and JSON cannot. */
function cloneOnly(kind: number, text: string): unknown {
  switch (kind) {
    case 0: {
      const cycle: Record<string, unknown> = { name: text };
      cycle.self = cycle;
      cycle.changes = cycle;
      return cycle;
    }
    case 1: return { name: BigInt(text.length), limit: 10n ** 30n };
    case 2: return new Map([['name', text]]);
    case 3: return { name: new Date(Number.NaN), paths: [new Uint8Array(8)] };
    case 4: return { name: new Set([text]), id: Number.POSITIVE_INFINITY };
    case 5: return { name: text, paths: new Array(1_000_000) };
    default: return Object.create(null, { name: { value: text, enumerable: true } });
  }
}

type Sender = 'foreign-url' | 'other-window' | 'subframe' | 'vanished';
const foreignEvent = (kind: Sender): unknown => {
  if (kind === 'foreign-url') return { ...ours, senderFrame: { ...ours.senderFrame, url: 'https://evil.example/' } };
  if (kind === 'other-window') return { ...ours, sender: { id: 99, mainFrame: MAIN_FRAME } };
  if (kind === 'subframe') return { ...ours, senderFrame: { ...ours.senderFrame, parent: {} } };
  return { ...ours, senderFrame: null };
};

type Call =
  | { kind: 'pair'; channel: string; input: string }
  | { kind: 'clone'; channel: string; value: number; text: string }
  | { kind: 'foreign'; sender: Sender; name: string };

const call: fc.Arbitrary<Call> = fc.oneof(
  { weight: 8, arbitrary: hostilePair.map(({ channel, input }): Call => ({ kind: 'pair', channel, input })) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...CHANNEL_NAMES), fc.integer({ min: 0, max: 6 }), hostileString.filter((s) => s.length < 1000))
    .map(([channel, value, text]): Call => ({ kind: 'clone', channel, value, text })) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom<Sender>('foreign-url', 'other-window', 'subframe', 'vanished'), fc.stringMatching(/^[a-z][a-z0-9]{0,20}$/))
    .map(([sender, name]): Call => ({ kind: 'foreign', sender, name: `r7-evil-${name}` })) },
);

export async function runIpcTransport(count: number, seed: number): Promise<{ counts: TransportCounts; extra: Record<string, number>; problems: string[] }> {
  const fixture = await createFixture('ipc');
  const counts = emptyCounts();
  const extra = { unknownChannel: 0, invalidInput: 0, otherDomainRefusal: 0, senderRefused: 0, prototypePolluted: 0 };
  const problems: string[] = [];
  const app = createAppContext({ dataDir: fixture.dataDir, actor: 'ui' });
  const handlers = new Map<string, Listener>();
  const ipcMain = {
    handle: (channel: string, listener: Listener) => handlers.set(channel, listener),
    removeHandler: (channel: string) => handlers.delete(channel),
    on: () => ipcMain,
    removeListener: () => ipcMain,
  } as unknown as IpcTransportDeps['ipcMain'];
  // Nothing granted: no admin picked or dropped a file in this session, so no local path may be named.
  const stop = registerIpcTransport({
    ipcMain, router: app.router, bus: app.bus, isOurWebContents: (id) => id === OUR_ID, eventReceivers: () => [],
    grants: new PathGrants(), chooseFiles: async () => [],
    log: { warn: () => undefined, error: () => undefined },
  });
  const tally = (i: number, label: string, answer: Result<unknown>) => {
    if (answer.ok) {
      counts.accepted++;
      problems.push(`ipc #${i} ${label}: accepted`);
      return;
    }
    const code = answer.error.code;
    if (code === 'internal') {
      counts.failed++;
      problems.push(`ipc #${i} ${label}: internal: ${answer.error.message.slice(0, 200)}`);
      return;
    }
    counts.refused++;
    if (code === 'unknown_channel') extra.unknownChannel++;
    else if (code === 'invalid_input') extra.invalidInput++;
    else if (code === 'forbidden_origin') extra.senderRefused++;
    else extra.otherDomainRefusal++;
  };
  try {
    const before = fixture.fingerprint();
    const calls = generate(call, count, seed);
    for (const [i, c] of calls.entries()) {
      counts.sent++;
      try {
        if (c.kind === 'foreign') {
          const listener = handlers.get('pinfleet:nodes.add')!;
          const answer = await listener(foreignEvent(c.sender) as IpcMainInvokeEvent, { name: c.name, host: '10.9.9.9' });
          tally(i, `foreign ${c.sender}`, answer);
          if (answer.ok || answer.error.code !== 'forbidden_origin') problems.push(`ipc #${i}: a ${c.sender} sender was not refused`);
          continue;
        }
        const input = c.kind === 'pair' ? (JSON.parse(c.input) as unknown) : cloneOnly(c.value, c.text);
        const listener = handlers.get(`pinfleet:${c.channel}`);
        // Electron refuses a channel nobody handles before main sees it; the router is asked too.
        const answer = listener ? await listener(ours as unknown as IpcMainInvokeEvent, input) : await app.router.call(c.channel, input);
        tally(i, c.channel.slice(0, 40), answer);
      } catch (error) {
        counts.failed++;
        problems.push(`ipc #${i}: threw ${String(error).slice(0, 200)}`);
      }
      if (Object.keys(Object.prototype).length > 0 || ({} as Record<string, unknown>).polluted !== undefined) {
        extra.prototypePolluted++;
        problems.push(`ipc #${i}: Object.prototype was polluted`);
        for (const key of Object.keys(Object.prototype)) delete (Object.prototype as Record<string, unknown>)[key];
      }
    }
    const after = fixture.fingerprint();
    if (after !== before) {
      counts.inventoryChanged = 1;
      problems.push(`ipc: the inventory changed: ${inventoryDifference(before, after)}`);
    }
  } finally {
    stop();
    await app.close();
    await fixture.remove();
  }
  return { counts, extra, problems };
}
