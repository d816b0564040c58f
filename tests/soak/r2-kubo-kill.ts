// R2: SIGKILL the target kubo mid-upload (the fleet's `kubo-kill` fault: SIGKILL to the container's
// init, the restart policy brings it back). The console runs in this process on its own data dir
// with its poller; each iteration uploads one large random file (replicas 1 or 2, alternating) and
// kills the node receiving it once a seeded share of the bytes has gone. Before any healing, the
// iteration checks what the product did: the item is done, its CID is what `ipfs add --only-hash`
// gives, every node it records pins it (their own pin ls), and the killed node, once back, keeps no
// pin the item does not record. Only then does it heal the fleet and remove its pins.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAppContext, type AppContext } from '../../src-main/app/compose.js';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../src-preload/contract/contract.js';
import { unwrap } from '../../src-preload/contract/errors.js';
import type { UploadItem, UploadProgress } from '../../src-preload/contract/upload-types.js';
import { writeRandomFile } from '../../bench/upload-throughput.js';
import { healFleet, killKubo } from '../fleet/faults.js';
import { serverNamed, storageServers, type FleetDescription } from '../fleet/fleet-description.js';
import { waitForKubo } from '../fleet/kubo-node.js';
import { waitFor } from '../fleet/shell.js';
import { figure, type SoakFigure, type SoakScenario, type SoakSize } from './scenario.js';
import { pinnedNodes } from './support/console-process.js';
import { prepareDataDir } from './support/in-process-console.js';
import { diskUsageCacheDamaged, repairDiskUsageCache } from './support/kubo-disk-usage.js';
import { between, MiB, onlyHasher, pinnedOn, removePins, runningFleet, seededRandom } from './support/soak-fleet.js';

const meta = {
  id: 'R2',
  nemesis: 'SIGKILL the target kubo mid-upload',
  mustHold: 'every upload completes (elsewhere or after the restart)',
};

const FINISH_DEADLINE_MS = 240_000;
/** The poller's clean-up of a failed transfer runs once the node answers again. */
const CLEANUP_DEADLINE_MS = 60_000;

export interface R2Counts {
  iterations: number;
  completed: number;
  killedMidTransfer: number;
  finishedBeforeKill: number;
  notDone: number;
  wrongCid: number;
  doneWithoutPins: number;
  strayPins: number;
  /** The killed kubo came back with a damaged disk-usage cache (kubo's flatfs after SIGKILL). */
  damagedDiskUsageCache: number;
  /** ... and the console showed that node unreachable naming the damaged cache, as it must. */
  damagedCacheShown: number;
}

export async function runR2(fleet: FleetDescription, size: SoakSize): Promise<SoakFigure> {
  const started = Date.now();
  const runs = size.runs ?? (size.quick ? r2.runs.quick : r2.runs.full);
  const random = seededRandom(size.seed + 2);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pinfleet-soak-r2-'));
  const onlyHash = onlyHasher(fleet, work);
  const problems: string[] = [];
  const counts: R2Counts = { iterations: 0, completed: 0, killedMidTransfer: 0, finishedBeforeKill: 0, notDone: 0, wrongCid: 0, doneWithoutPins: 0, strayPins: 0, damagedDiskUsageCache: 0, damagedCacheShown: 0 };
  const dataDir = path.join(work, 'data');
  let app: AppContext | undefined;
  try {
    await prepareDataDir(fleet, dataDir);
    app = createAppContext({ dataDir, actor: 'soak', runPoller: true, poller: { intervalMs: 2000, nodeTimeoutMs: 5000 } });
    for (let i = 0; i < runs; i += 1) {
      try {
        await iteration(fleet, app, i, random, work, onlyHash, counts, (what) => problems.push(`iteration ${i}: ${what}`));
      } catch (error) {
        counts.notDone += 1;
        problems.push(`iteration ${i}: ${(error as Error).message}`);
        await healFleet(fleet).catch(() => {});
      }
      counts.iterations += 1;
    }
    // The last gc may have shown damage too: leave the fleet whole for whoever runs next.
    const call = async <C extends ChannelName>(channel: C, input?: ChannelInput<C>) => unwrap(await app!.router.call(channel, input)) as ChannelOutput<C>;
    for (const node of storageServers(fleet)) await damagedCache(fleet, call, node.name, counts, (what) => problems.push(`after the last iteration: ${what}`));
  } finally {
    await app?.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
  const held = counts.iterations === runs && counts.completed === runs && counts.notDone === 0 && counts.wrongCid === 0 && counts.doneWithoutPins === 0 && counts.strayPins === 0
    && counts.damagedCacheShown === counts.damagedDiskUsageCache;
  return figure(meta, size, runs, started, { ...counts }, problems, held);
}

async function iteration(
  fleet: FleetDescription, app: AppContext, i: number, random: () => number, work: string, onlyHash: (f: string) => string,
  counts: R2Counts, note: (what: string) => void,
): Promise<void> {
  const call = async <C extends ChannelName>(channel: C, input?: ChannelInput<C>) => unwrap(await app.router.call(channel, input)) as ChannelOutput<C>;
  // The damage shows once the killed kubo's repo shrinks (the previous iteration's gc), so every node is checked first.
  for (const node of storageServers(fleet)) await damagedCache(fleet, call, node.name, counts, note);
  const file = path.join(work, `r2-${i}.bin`);
  await writeRandomFile(file, between(random, 96 * MiB, 160 * MiB));
  const cid = onlyHash(file);
  const replicas = i % 2 === 0 ? 1 : 2;
  const share = 0.02 + random() * 0.5;
  // The kill's outcome is kept as a value: a failed kill is reported after the item settles, never left unhandled.
  let killed: { node: string; done: Promise<Error | null> } | null = null;
  let itemId = -1;
  const unsubscribe = app.bus.subscribe((event, payload) => {
    if (event !== 'uploads.progress' || killed) return;
    const p = payload as UploadProgress;
    if (p.id !== itemId || p.status !== 'uploading' || p.node === null || p.bytesDone < share * p.bytesTotal) return;
    killed = { node: p.node, done: killKubo(fleet, p.node).then(() => null, (error: unknown) => error as Error) };
  });
  try {
    const { ids } = await call('uploads.start', { paths: [file], replicas });
    itemId = ids[0]!;
    const item = await waitFor(`upload ${itemId} to finish`, async () => {
      const found = (await call('uploads.list', { limit: 50 })).find((it) => it.id === itemId);
      return found && ['done', 'failed', 'cancelled'].includes(found.status) ? found : undefined;
    }, FINISH_DEADLINE_MS);
    unsubscribe();
    const victim = killed as { node: string; done: Promise<Error | null> } | null;
    const killError = victim ? await victim.done : null;
    if (killError) throw new Error(`the kubo-kill fault on ${victim!.node} failed: ${killError.message}`);
    await check(fleet, call, item, cid, replicas, victim?.node ?? null, counts, note);
  } finally {
    unsubscribe();
    // Healing comes after the checks: the kubo comes back by its restart policy; heal makes sure of it and of the mesh.
    await healFleet(fleet);
    await removePins(fleet, [cid]);
    fs.rmSync(file, { force: true });
  }
}

async function check(
  fleet: FleetDescription, call: <C extends ChannelName>(c: C, i?: ChannelInput<C>) => Promise<ChannelOutput<C>>,
  item: UploadItem, cid: string, replicas: number, victim: string | null, counts: R2Counts, note: (what: string) => void,
): Promise<void> {
  if (item.status !== 'done') {
    counts.notDone += 1;
    note(`${item.name} ended ${item.status}: ${item.error ?? ''}`);
    return;
  }
  counts.completed += 1;
  if (item.cid !== cid) {
    counts.wrongCid += 1;
    note(`${item.name} is done with ${item.cid}, but ipfs add --only-hash gives ${cid}`);
  }
  const recorded = pinnedNodes(item);
  if (recorded.length < replicas) note(`${item.name} is done on ${recorded.join(',')} only, ${replicas} wanted`);
  for (const node of recorded) {
    if (node === victim) continue; // checked below, once it is back
    if ((await pinnedOn(fleet, node, cid)) !== true) {
      counts.doneWithoutPins += 1;
      note(`${item.name} is recorded on ${node}, whose pin ls does not list ${cid}`);
    }
  }
  if (victim === null) {
    counts.finishedBeforeKill += 1;
    return;
  }
  const victimRow = item.replicas.find((r) => r.node === victim);
  if (victimRow && victimRow.status !== 'pinned') counts.killedMidTransfer += 1;
  else if (!victimRow) note(`the killed node ${victim} has no replica row: the kill did not land on the transfer`);
  // The killed kubo comes back by its restart policy; the product must then keep or clean up its pin.
  await waitForKubo(serverNamed(fleet, victim));
  if (recorded.includes(victim)) {
    if ((await pinnedOn(fleet, victim, cid)) !== true) {
      counts.doneWithoutPins += 1;
      note(`${item.name} is recorded on ${victim} (killed), whose pin ls does not list ${cid} after its restart`);
    }
    return;
  }
  const stray = await waitFor(`${victim} to drop the pin the broken add left`, async () => ((await pinnedOn(fleet, victim, cid)) === false ? false : undefined), CLEANUP_DEADLINE_MS).catch(() => true);
  if (stray) {
    counts.strayPins += 1;
    const row = (await call('uploads.list', { search: item.name })).find((it) => it.id === item.id)?.replicas.find((r) => r.node === victim);
    note(`${victim} (killed) still pins ${cid} ${CLEANUP_DEADLINE_MS / 1000} s after it came back, though the item does not record it there (its row: ${row?.status ?? 'none'} ${row?.error ?? ''})`);
  }
}

/**
 * A kubo killed mid-write can come back with its disk-usage cache damaged: the size of blocks it wrote
 * before the kill is missing from the cache, so a later gc subtracts more than it holds. The console must show
 * that node unreachable, naming the cache; only then is it repaired (heal does not), so the next
 * iteration has the whole fleet.
 */
async function damagedCache(fleet: FleetDescription, call: <C extends ChannelName>(c: C, i?: ChannelInput<C>) => Promise<ChannelOutput<C>>, victim: string, counts: R2Counts, note: (what: string) => void): Promise<void> {
  if (!(await diskUsageCacheDamaged(fleet, victim))) return;
  counts.damagedDiskUsageCache += 1;
  await call('health.pollNow', { name: victim });
  const health = await call('health.node', { name: victim });
  if (health.state === 'unreachable' && /disk-usage cache is damaged/.test(health.reason)) counts.damagedCacheShown += 1;
  else note(`${victim}'s kubo reports an impossible repo size after the kill, but the console shows it ${health.state}: ${health.reason}`);
  await repairDiskUsageCache(fleet, victim);
}

export const r2: SoakScenario = {
  ...meta,
  runs: { full: 100, quick: 3 },
  needsFleet: true,
  run: (size) => runR2(runningFleet(), size),
};
