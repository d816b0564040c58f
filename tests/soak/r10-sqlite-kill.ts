// R10: SIGKILL a process of the real inventory code while it writes (nodes with their audit rows,
// capacity samples with the node's status, upload queue rows and replicas, provisioning runs and
// steps), and while it opens an older database (backup, then migrations). After every kill the
// database is reopened as the app opens it and must pass integrity_check and hold every commit the
// writer acknowledged; the one write in flight may be there or not, but never half.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { INVENTORY_SCHEMA_VERSION } from '../../src-main/inventory/index.js';
import { figure, type SoakScenario, type SoakSize } from './scenario.js';
import { r10WriterBundle, runWriterUntilKilled, type WriterRun } from './support/r10-child.js';
import { r10Random, R10Expectation } from './support/r10-ops.js';
import { buildR10Template, copyTemplate, templateProblem, type R10Template } from './support/r10-template.js';
import { backupProblems, integrityProblem, reopen } from './support/r10-verify.js';

/** One kill in this many lands while an older database is being backed up and migrated (quick: more often, to meet the backup). */
const MIGRATION_EVERY = { full: 10, quick: 4 };
/** A commit (synchronous=FULL, so an fsync each) takes a few milliseconds here: 150 ms lets a kill land after 0 to ~50 of them. */
const WRITE_WINDOW_MS = 150;
/** Every this many kills, every key ever acknowledged is checked, not only the ones just written. */
const FULL_SWEEP_EVERY = 100;

export interface R10Counts {
  kills: number;
  writeKills: number;
  migrationKills: number;
  /** Kills that landed between a write's announcement and its acknowledgement. */
  killedInTransaction: number;
  /** Migration kills that landed before the open finished (in the probe, backup or a migration). */
  killedInOpenOrMigration: number;
  acknowledged: number;
  /** In-flight writes found committed after the kill (allowed: the commit returned, the ack did not). */
  inFlightKept: number;
  missing: number;
  integrityFailures: number;
  openFailures: number;
  tornBackups: number;
  msPerKill: number;
}

export const r10: SoakScenario = {
  id: 'R10',
  nemesis: 'SIGKILL during SQLite write transactions (WAL) and during a migration with its backup',
  mustHold: 'integrity_check ok, every acknowledged commit present, a killed migration still opens, every backup whole',
  runs: { full: 1000, quick: 40 },
  needsFleet: false,
  async run(size: SoakSize) {
    const started = Date.now();
    const runs = size.runs ?? (size.quick ? this.runs.quick : this.runs.full);
    const { counts, problems } = await killRepeatedly(runs, size.seed, size.quick ? MIGRATION_EVERY.quick : MIGRATION_EVERY.full);
    const held =
      counts.missing === 0 && counts.integrityFailures === 0 && counts.openFailures === 0 && counts.tornBackups === 0 && problems.length === 0;
    return figure(this, size, runs, started, { ...counts }, problems, held);
  },
};

export async function killRepeatedly(runs: number, seed: number, migrationEvery: number): Promise<{ counts: R10Counts; problems: string[] }> {
  const bundle = await r10WriterBundle();
  const random = r10Random(seed);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pinfleet-r10-'));
  const counts: R10Counts = {
    kills: 0, writeKills: 0, migrationKills: 0, killedInTransaction: 0, killedInOpenOrMigration: 0, acknowledged: 0,
    inFlightKept: 0, missing: 0, integrityFailures: 0, openFailures: 0, tornBackups: 0, msPerKill: 0,
  };
  const problems: string[] = [];
  const note = (iteration: number, found: string[]) => problems.push(...found.map((p) => `kill ${iteration}: ${p}`));
  try {
    const liveDir = path.join(root, 'live');
    const expectation = new R10Expectation();
    const template = buildR10Template(path.join(root, 'template'));
    const openMs = await calibrateMigration(bundle, template, path.join(root, 'calibrate'), seed);
    const loopStarted = performance.now();
    for (let i = 0; i < runs; i += 1) {
      const childSeed = Math.floor(random() * 2 ** 31);
      counts.kills += 1;
      if (i % migrationEvery === migrationEvery - 1) {
        counts.migrationKills += 1;
        const dataDir = path.join(root, 'migrate');
        copyTemplate(template, dataDir);
        const run = await runWriterUntilKilled(bundle, { dataDir, seed: childSeed, tag: `m${i}` }, { after: 'O', delayMs: random() * openMs * 1.2 });
        if (run.openedAt === null) counts.killedInOpenOrMigration += 1;
        note(i, checkAfterKill(dataDir, run, new R10Expectation(), counts, false, template));
        fs.rmSync(dataDir, { recursive: true, force: true });
      } else {
        counts.writeKills += 1;
        const run = await runWriterUntilKilled(bundle, { dataDir: liveDir, seed: childSeed, tag: `w${i}` }, { after: 'R', delayMs: random() * WRITE_WINDOW_MS });
        note(i, checkAfterKill(liveDir, run, expectation, counts, (i + 1) % FULL_SWEEP_EVERY === 0 || i === runs - 1, null));
      }
    }
    counts.msPerKill = Math.round((performance.now() - loopStarted) / Math.max(1, runs));
    return { counts, problems };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** How long opening (backup + migrations) a copy of the template takes, so kills can land inside it. */
async function calibrateMigration(bundle: string, template: R10Template, dataDir: string, seed: number): Promise<number> {
  copyTemplate(template, dataDir);
  const run = await runWriterUntilKilled(bundle, { dataDir, seed, tag: 'c0' }, { after: 'R', delayMs: 0 });
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (run.openMs === null) throw new Error(`R10: the calibration writer never opened the template: ${run.problems.join('; ')}`);
  return run.openMs;
}

/** Reopens after one kill and checks it; folds the kill's writes into the expectation. */
function checkAfterKill(
  dataDir: string,
  run: WriterRun,
  expectation: R10Expectation,
  counts: R10Counts,
  fullSweep: boolean,
  template: R10Template | null,
): string[] {
  const found = [...run.problems];
  if (run.inFlight) counts.killedInTransaction += 1;
  counts.acknowledged += run.acknowledged.length;
  const { opened, problem } = reopen(dataDir);
  if (!opened) {
    counts.openFailures += 1;
    return [...found, problem ?? 'did not open'];
  }
  try {
    if (opened.schemaVersion !== INVENTORY_SCHEMA_VERSION) found.push(`reopened at schema ${opened.schemaVersion}, not ${INVENTORY_SCHEMA_VERSION}`);
    const integrity = integrityProblem(opened.db);
    if (integrity) {
      counts.integrityFailures += 1;
      found.push(integrity);
    }
    for (const op of run.acknowledged) expectation.acknowledge(op);
    const touched = run.acknowledged.flatMap((op) => (op.also ? [op.key, op.also.key] : [op.key]));
    const missing = expectation.check(opened.db, run.inFlight, fullSweep ? undefined : touched);
    counts.missing += missing.length;
    found.push(...missing);
    if (run.inFlight && expectation.check(opened.db, null, [run.inFlight.key]).length > 0) {
      // Not the acknowledged state, and check() accepted it: the in-flight write was committed.
      counts.inFlightKept += 1;
      expectation.acknowledge(run.inFlight);
    }
    if (template) {
      const lost = templateProblem(opened.db, template);
      if (lost) found.push(lost);
      const torn = backupProblems(path.join(dataDir, 'backups'));
      counts.tornBackups += torn.length;
      found.push(...torn);
    }
  } finally {
    opened.close();
  }
  return found;
}
