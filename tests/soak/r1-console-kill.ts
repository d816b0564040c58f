// R1: SIGKILL the console at a random (seeded) moment during uploads, then restart it. The console is
// the real built CLI (`pinfleet upload`) on its own data dir; the restart is `pinfleet serve`, which
// resumes the persisted queue. Iterations rotate over plain transfer (1 replica), replica pinning
// (2 replicas) and Cluster mode (2 replicas, when the fleet runs Cluster). Counted per iteration:
//  - acknowledged: items the console queued durably (a row in SQLite) or named on its output;
//  - lost: an acknowledged item missing after the kill, or not done (with the right CID) after the restart;
//  - doneWithoutPins: an item done whose recorded nodes' own `pin ls` does not list its CID,
//    checked both right after the kill and after the restart;
//  - duplicatePins: a node pinning the CID that the item does not record, once the restarted
//    console has had a poll's time to clean up after failed transfers.
// Each iteration's CIDs are unpinned afterwards (only those), so the small test disks never fill.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FleetDescription } from '../fleet/fleet-description.js';
import { writeRandomFile } from '../../bench/upload-throughput.js';
import { figure, type SoakFigure, type SoakScenario, type SoakSize } from './scenario.js';
import { pinnedNodes, prepareConsoleDataDir, RestartedConsole, requireBuiltCli, rowsOnDisk, uploadAndKill } from './support/console-process.js';
import { between, holdersOf, MiB, onlyHasher, pinnedOn, removePins, runningFleet, seededRandom } from './support/soak-fleet.js';

const meta = {
  id: 'R1',
  nemesis: 'SIGKILL the console at a random moment during uploads (transfer, replicas 2, Cluster mode), then restart it',
  mustHold: '0 acknowledged uploads lost, 0 items done without confirmed pins, 0 duplicate pins left behind',
};

/** How long the restarted console has to finish an iteration's items. */
const SETTLE_DEADLINE_MS = 240_000;
/** Failed transfers are cleaned up on the poller's next reading (every 30 s by default): wait that long for stray pins to go. */
const CLEANUP_GRACE_MS = 45_000;

interface Mode {
  name: 'transfer' | 'replicas' | 'cluster';
  replicas: number;
  cluster: boolean;
  dataDir: string;
  /** One unkilled upload of the mode: time to the CLI's first line (queued), and from there to the end. */
  queuedMs: number;
  spanMs: number;
}

export interface R1Counts {
  iterations: number;
  acknowledged: number;
  lost: number;
  doneWithoutPins: number;
  duplicatePins: number;
  wrongCid: number;
  killedBeforeQueue: number;
  finishedBeforeKill: number;
}

export async function runR1(fleet: FleetDescription, size: SoakSize): Promise<SoakFigure> {
  requireBuiltCli();
  const started = Date.now();
  const runs = size.runs ?? (size.quick ? r1.runs.quick : r1.runs.full);
  const random = seededRandom(size.seed);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pinfleet-soak-r1-'));
  const onlyHash = onlyHasher(fleet, work);
  const problems: string[] = [];
  const counts: R1Counts = { iterations: 0, acknowledged: 0, lost: 0, doneWithoutPins: 0, duplicatePins: 0, wrongCid: 0, killedBeforeQueue: 0, finishedBeforeKill: 0 };
  const byMode: Record<string, number> = {};
  const phases: Record<string, number> = {};
  const modes: Mode[] = [
    { name: 'transfer', replicas: 1, cluster: false, dataDir: path.join(work, 'transfer'), queuedMs: 0, spanMs: 0 },
    { name: 'replicas', replicas: 2, cluster: false, dataDir: path.join(work, 'replicas'), queuedMs: 0, spanMs: 0 },
    ...(fleet.images.cluster !== undefined ? [{ name: 'cluster' as const, replicas: 2, cluster: true, dataDir: path.join(work, 'cluster'), queuedMs: 0, spanMs: 0 }] : []),
  ];
  if (modes.length < 3) problems.push('the fleet runs no Cluster: Cluster mode was not covered');
  try {
    for (const mode of modes) {
      await prepareConsoleDataDir(fleet, mode.dataDir, { cluster: mode.cluster });
      Object.assign(mode, await calibrate(fleet, mode, work, onlyHash));
    }
    for (let i = 0; i < runs; i += 1) {
      const mode = modes[i % modes.length]!;
      try {
        await iteration(fleet, mode, i, random, work, onlyHash, counts, problems, phases);
      } catch (error) {
        problems.push(`iteration ${i} (${mode.name}): ${(error as Error).message}`);
        counts.lost += 1;
      }
      counts.iterations += 1;
      byMode[mode.name] = (byMode[mode.name] ?? 0) + 1;
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  const held = counts.iterations === runs && counts.lost === 0 && counts.doneWithoutPins === 0 && counts.duplicatePins === 0 && counts.wrongCid === 0;
  const measured = { ...counts, ...Object.fromEntries(Object.entries(byMode).map(([k, v]) => [`${k}Iterations`, v])), ...Object.fromEntries(Object.entries(phases).map(([k, v]) => [`killedWhile${k}`, v])), ...Object.fromEntries(modes.map((m) => [`${m.name}QueuedToDoneMs`, m.spanMs])) };
  return figure(meta, size, runs, started, measured, problems, held);
}

/** One unkilled upload of the mode: proves the path works and measures the window kills are spread over. */
async function calibrate(fleet: FleetDescription, mode: Mode, work: string, onlyHash: (f: string) => string): Promise<Pick<Mode, 'queuedMs' | 'spanMs'>> {
  const file = path.join(work, `calibrate-${mode.name}.bin`);
  await writeRandomFile(file, 24 * MiB);
  const cid = onlyHash(file);
  try {
    const run = await uploadAndKill(mode.dataDir, [file], mode.replicas, null);
    if (run.exitCode !== 0) throw new Error(`an unkilled ${mode.name} upload failed (exit ${run.exitCode}): ${run.lines.slice(-3).join(' | ')}`);
    const queuedMs = run.firstLineMs ?? run.elapsedMs;
    return { queuedMs, spanMs: run.elapsedMs - queuedMs };
  } finally {
    await removePins(fleet, [cid], { cluster: mode.cluster });
  }
}

async function iteration(
  fleet: FleetDescription, mode: Mode, i: number, random: () => number, work: string, onlyHash: (f: string) => string,
  counts: R1Counts, problems: string[], phases: Record<string, number>,
): Promise<void> {
  const dir = path.join(work, `iteration-${i}`);
  fs.mkdirSync(dir);
  const files = ['a', 'b'].map((s) => path.join(dir, `r1-${i}-${s}.bin`));
  for (const f of files) await writeRandomFile(f, between(random, 4 * MiB, 40 * MiB));
  const names = files.map((f) => path.basename(f));
  const expected = new Map(files.map((f) => [path.basename(f), onlyHash(f)]));
  const note = (what: string) => problems.push(`iteration ${i} (${mode.name}): ${what}`);
  try {
    // One kill in ten lands anywhere from the spawn (start-up, queueing); the rest spread over the
    // work after the files are queued (transfer, replica pinning, the pin checks) and a little past it.
    const moment = random() < 0.1
      ? { afterSpawnMs: between(random, 0, mode.queuedMs + mode.spanMs) }
      : { afterFirstLineMs: between(random, 0, Math.round(mode.spanMs * 1.2)) };
    const run = await uploadAndKill(mode.dataDir, files, mode.replicas, moment);
    if (run.finishedFirst) counts.finishedBeforeKill += 1;
    else phases[phaseAtKill(run.lines)] = (phases[phaseAtKill(run.lines)] ?? 0) + 1;

    // Right after the kill: every item the CLI named is queued, and whatever says done is pinned.
    const afterKill = rowsOnDisk(mode.dataDir, names);
    const named = names.filter((n) => run.lines.some((l) => l.startsWith(`${n}: `)));
    const acknowledged = new Set([...afterKill.map((r) => r.name), ...named]);
    counts.acknowledged += acknowledged.size;
    if (acknowledged.size === 0) counts.killedBeforeQueue += 1;
    for (const name of named.filter((n) => !afterKill.some((r) => r.name === n))) {
      counts.lost += 1;
      note(`${name} was named on the console's output but is not in the queue after the kill`);
    }
    for (const row of afterKill.filter((r) => r.status === 'done')) {
      if (!(await confirmedPins(fleet, row.cid, row.pinnedOn))) {
        counts.doneWithoutPins += 1;
        note(`${row.name} was done at the kill, recorded on ${row.pinnedOn.join(',') || 'no node'}, but their pin ls does not all list ${row.cid}`);
      }
    }
    if (afterKill.length === 0) return;

    const restarted = await RestartedConsole.start(mode.dataDir);
    try {
      const items = await restarted.settled(afterKill.map((r) => r.name), SETTLE_DEADLINE_MS);
      for (const item of items) {
        if (item.status !== 'done') {
          counts.lost += 1;
          note(`${item.name} ended ${item.status} after the restart: ${item.error ?? ''}`);
          continue;
        }
        if (item.cid !== expected.get(item.name)) {
          counts.wrongCid += 1;
          note(`${item.name} is done with ${item.cid}, but ipfs add --only-hash gives ${expected.get(item.name)}`);
        }
        if (!(await confirmedPins(fleet, item.cid, pinnedNodes(item)))) {
          counts.doneWithoutPins += 1;
          note(`${item.name} is done, recorded on ${pinnedNodes(item).join(',') || 'no node'}, but their pin ls does not all list ${item.cid}`);
        }
        if (pinnedNodes(item).length < (mode.replicas)) note(`${item.name} is done on ${pinnedNodes(item).join(',')} only, ${mode.replicas} wanted`);
      }
      counts.duplicatePins += await strayPins(fleet, items, expected, note);
    } finally {
      await restarted.stop();
    }
  } finally {
    await removePins(fleet, expected.values(), { cluster: mode.cluster });
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** What the CLI last said before the kill: the phase the kill cut (Starting before it queued anything). */
export function phaseAtKill(lines: readonly string[]): string {
  const last = [...lines].reverse().map((l) => /: (queued|uploading|pinning|done|failed|waiting)/.exec(l)?.[1]).find(Boolean);
  if (lines.length === 0) return 'Starting';
  return last ? last[0]!.toUpperCase() + last.slice(1) : 'Queued';
}

/** Done means every recorded node's own pin ls lists the CID (and there is at least one). */
export async function confirmedPins(fleet: FleetDescription, cid: string | null, nodes: string[]): Promise<boolean> {
  if (cid === null || nodes.length === 0) return false;
  for (const node of nodes) if ((await pinnedOn(fleet, node, cid)) !== true) return false;
  return true;
}

/**
 * Pins on nodes the item does not record, for every CID of the iteration (an item that never got
 * queued must have left no pin at all). Waits up to the clean-up grace for them to go; counts what stays.
 */
export async function strayPins(
  fleet: FleetDescription, items: { name: string; status: string; replicas: { node: string; status: string }[] }[], expected: Map<string, string>,
  note: (what: string) => void, graceMs = CLEANUP_GRACE_MS,
): Promise<number> {
  const deadline = Date.now() + graceMs;
  for (;;) {
    const strays: string[] = [];
    for (const [name, cid] of expected) {
      const item = items.find((it) => it.name === name);
      const recorded = new Set(item?.status === 'done' ? item.replicas.filter((r) => r.status === 'pinned').map((r) => r.node) : []);
      const { pinned } = await holdersOf(fleet, cid);
      for (const node of pinned.filter((n) => !recorded.has(n))) {
        const replica = item?.replicas.find((r) => r.node === node);
        strays.push(`${name} (${cid}) is pinned on ${node}, which the item does not record as holding it (its row there: ${replica?.status ?? 'none'})`);
      }
    }
    if (strays.length === 0) return 0;
    if (Date.now() > deadline) {
      strays.forEach(note);
      return strays.length;
    }
    await new Promise((resolve) => setTimeout(resolve, 3000));
  }
}

export const r1: SoakScenario = {
  ...meta,
  runs: { full: 200, quick: 6 },
  needsFleet: true,
  run: (size) => runR1(runningFleet(), size),
};
