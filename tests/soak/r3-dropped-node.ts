// R3: drop all traffic to and from one node (the fleet's `drop` fault: iptables DROP, so clients time
// out rather than being refused) while the console polls and uploads. The console runs in this
// process with its poller at the product's defaults (the interval and per-node deadline from the
// settings), since the bar is the product's own: the dropped node shown unreachable within 45 s, the
// other nodes' polls staying good and uploads going to them and completing, and the node back
// online after `undrop` with nobody doing anything. Seconds to detection and to recovery are
// measured from the fault; the figure reports the worst of each.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAppContext, type AppContext } from '../../src-main/app/compose.js';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../src-preload/contract/contract.js';
import { unwrap } from '../../src-preload/contract/errors.js';
import type { FleetHealth } from '../../src-preload/contract/health-types.js';
import type { UploadItem } from '../../src-preload/contract/upload-types.js';
import { writeRandomFile } from '../../bench/upload-throughput.js';
import { dropTrafficOf, healFleet, undropTrafficOf } from '../fleet/faults.js';
import { storageServers, type FleetDescription } from '../fleet/fleet-description.js';
import { waitFor } from '../fleet/shell.js';
import { figure, type SoakFigure, type SoakScenario, type SoakSize } from './scenario.js';
import { pinnedNodes } from './support/console-process.js';
import { prepareDataDir } from './support/in-process-console.js';
import { between, MiB, onlyHasher, pinnedOn, removePins, runningFleet, seededRandom } from './support/soak-fleet.js';

const meta = {
  id: 'R3',
  nemesis: "drop a node's traffic (iptables) during polls and uploads, then undrop it",
  mustHold: 'detected within 45 s, other nodes unaffected, automatic recovery',
};

/** The bar for showing a dropped node as unreachable. */
export const DETECT_BAR_SEC = 45;
/** How long to wait for detection before calling it missed (the bar is checked on the measured figure). */
const DETECT_DEADLINE_MS = 120_000;
const RECOVER_DEADLINE_MS = 180_000;
const UPLOAD_DEADLINE_MS = 240_000;
const GOOD = new Set(['online', 'degraded', 'full']);

export interface R3Counts {
  iterations: number;
  detected: number;
  maxDetectSec: number;
  othersAffected: number;
  uploads: number;
  uploadsDone: number;
  uploadsOnDropped: number;
  doneWithoutPins: number;
  wrongCid: number;
  recovered: number;
  maxRecoverSec: number;
}

type Call = <C extends ChannelName>(channel: C, input?: ChannelInput<C>) => Promise<ChannelOutput<C>>;

export async function runR3(fleet: FleetDescription, size: SoakSize): Promise<SoakFigure> {
  const started = Date.now();
  const runs = size.runs ?? (size.quick ? r3.runs.quick : r3.runs.full);
  const random = seededRandom(size.seed + 3);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pinfleet-soak-r3-'));
  const onlyHash = onlyHasher(fleet, work);
  const problems: string[] = [];
  const counts: R3Counts = { iterations: 0, detected: 0, maxDetectSec: 0, othersAffected: 0, uploads: 0, uploadsDone: 0, uploadsOnDropped: 0, doneWithoutPins: 0, wrongCid: 0, recovered: 0, maxRecoverSec: 0 };
  const dataDir = path.join(work, 'data');
  let app: AppContext | undefined;
  try {
    await prepareDataDir(fleet, dataDir);
    app = createAppContext({ dataDir, actor: 'soak', runPoller: true });
    const call: Call = async (channel, input) => unwrap(await app!.router.call(channel, input)) as never;
    const nodes = storageServers(fleet).map((s) => s.name);
    for (let i = 0; i < runs; i += 1) {
      const victim = nodes[(size.seed + i) % nodes.length]!;
      try {
        await iteration(fleet, call, victim, i, random, work, onlyHash, counts, (what) => problems.push(`iteration ${i} (${victim} dropped): ${what}`));
      } catch (error) {
        problems.push(`iteration ${i} (${victim} dropped): ${(error as Error).message}`);
      } finally {
        await healFleet(fleet).catch((error: unknown) => problems.push(`heal after iteration ${i}: ${String(error)}`));
      }
      counts.iterations += 1;
    }
  } finally {
    await app?.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
  const held = counts.iterations === runs && counts.detected === runs && counts.maxDetectSec <= DETECT_BAR_SEC && counts.othersAffected === 0
    && counts.uploadsDone === counts.uploads && counts.uploadsOnDropped === 0 && counts.doneWithoutPins === 0 && counts.wrongCid === 0 && counts.recovered === runs;
  return figure(meta, size, runs, started, { ...counts, detectBarSec: DETECT_BAR_SEC }, problems, held);
}

async function iteration(
  fleet: FleetDescription, call: Call, victim: string, i: number, random: () => number, work: string, onlyHash: (f: string) => string,
  counts: R3Counts, note: (what: string) => void,
): Promise<void> {
  const others = storageServers(fleet).map((s) => s.name).filter((n) => n !== victim);
  await waitFor('every node online before the drop', async () => {
    const fleetHealth = await call('health.fleet');
    return fleetHealth.nodes.every((n) => GOOD.has(n.state)) ? true : undefined;
  }, 120_000);
  const files = ['a', 'b'].map((s) => path.join(work, `r3-${i}-${s}.bin`));
  for (const f of files) await writeRandomFile(f, between(random, 4 * MiB, 24 * MiB));
  const expected = new Map(files.map((f) => [path.basename(f), onlyHash(f)]));
  const uploadDelayMs = between(random, 0, 20_000);
  const before = await call('health.fleet');
  const checkedBefore = new Map(before.nodes.map((n) => [n.name, n.checkedAt]));
  const othersPolled = new Set<string>();
  const watchOthers = (health: FleetHealth) => {
    for (const n of health.nodes.filter((x) => others.includes(x.name))) {
      if (!GOOD.has(n.state)) {
        counts.othersAffected += 1;
        note(`${n.name} (not dropped) showed ${n.state}: ${n.reason}`);
      }
      if (n.checkedAt !== checkedBefore.get(n.name)) othersPolled.add(n.name);
    }
  };

  await dropTrafficOf(fleet, victim);
  const droppedAt = Date.now();
  try {
    // Uploads start at a seeded moment after the drop: before or after the poller notices.
    const uploads = (async () => {
      await new Promise((resolve) => setTimeout(resolve, uploadDelayMs));
      const { ids } = await call('uploads.start', { paths: files, replicas: 1 });
      return waitFor('the uploads to finish during the drop', async () => {
        const mine = (await call('uploads.list', { limit: 100 })).filter((it) => ids.includes(it.id));
        return mine.length === ids.length && mine.every((it) => ['done', 'failed', 'cancelled'].includes(it.status)) ? mine : undefined;
      }, UPLOAD_DEADLINE_MS);
    })();
    uploads.catch(() => {});
    const detectedAt = await waitFor(`${victim} to show unreachable`, async () => {
      const health = await call('health.fleet');
      watchOthers(health);
      return health.nodes.find((n) => n.name === victim)?.state === 'unreachable' ? Date.now() : undefined;
    }, DETECT_DEADLINE_MS).catch(() => null);
    if (detectedAt === null) note(`${victim} was still not shown unreachable ${DETECT_DEADLINE_MS / 1000} s after the drop`);
    else {
      counts.detected += 1;
      counts.maxDetectSec = Math.max(counts.maxDetectSec, Math.round((detectedAt - droppedAt) / 100) / 10);
    }
    const items = await uploads;
    for (const health of [await call('health.fleet')]) watchOthers(health);
    for (const other of others.filter((o) => !othersPolled.has(o))) {
      counts.othersAffected += 1;
      note(`${other} (not dropped) was not polled again during the drop`);
    }
    await checkUploads(fleet, items, expected, victim, counts, note);
  } finally {
    await undropTrafficOf(fleet, victim);
  }
  const undroppedAt = Date.now();
  const recoveredAt = await waitFor(`${victim} to come back online by itself`, async () => {
    const health = await call('health.fleet');
    return GOOD.has(health.nodes.find((n) => n.name === victim)?.state ?? '') ? Date.now() : undefined;
  }, RECOVER_DEADLINE_MS).catch(() => null);
  if (recoveredAt === null) note(`${victim} was not back online ${RECOVER_DEADLINE_MS / 1000} s after undrop`);
  else {
    counts.recovered += 1;
    counts.maxRecoverSec = Math.max(counts.maxRecoverSec, Math.round((recoveredAt - undroppedAt) / 100) / 10);
  }
  await removePins(fleet, expected.values());
  for (const f of files) fs.rmSync(f, { force: true });
}

async function checkUploads(fleet: FleetDescription, items: UploadItem[], expected: Map<string, string>, victim: string, counts: R3Counts, note: (what: string) => void): Promise<void> {
  for (const item of items) {
    counts.uploads += 1;
    if (item.status !== 'done') {
      note(`${item.name} ended ${item.status}: ${item.error ?? ''}`);
      continue;
    }
    counts.uploadsDone += 1;
    if (item.cid !== expected.get(item.name)) {
      counts.wrongCid += 1;
      note(`${item.name} is done with ${item.cid}, but ipfs add --only-hash gives ${expected.get(item.name)}`);
    }
    const recorded = pinnedNodes(item);
    if (recorded.includes(victim)) {
      counts.uploadsOnDropped += 1;
      note(`${item.name} is recorded on ${victim}, whose traffic was dropped throughout`);
    }
    for (const node of recorded.filter((n) => n !== victim)) {
      if ((await pinnedOn(fleet, node, item.cid!)) !== true) {
        counts.doneWithoutPins += 1;
        note(`${item.name} is recorded on ${node}, whose pin ls does not list ${item.cid}`);
      }
    }
  }
}

export const r3: SoakScenario = {
  ...meta,
  runs: { full: 3, quick: 1 },
  needsFleet: true,
  run: (size) => runR3(runningFleet(), size),
};
