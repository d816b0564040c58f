// The console as a real child process for R1: the built CLI (`node out/main/cli.js upload …`) on its
// own data dir, SIGKILLed at a chosen moment; the queue as the killed process left it on disk, read
// without the app; and `pinfleet serve`, which owns the persisted queue and resumes it, queried over
// its HTTP API until this iteration's items settle (with a deadline).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { DATABASE_FILE } from '../../../src-main/inventory/open-database.js';
import type { UploadItem } from '../../../src-preload/contract/upload-types.js';
import { startPinfleet, type ServedPinfleet } from '../../e2e/support/pinfleet-server.js';
import { callApi } from '../../e2e/support/session.js';
import { storageServers, type FleetDescription } from '../../fleet/fleet-description.js';
import { run, waitFor } from '../../fleet/shell.js';
import { MiB } from './soak-fleet.js';

export const CLI = path.resolve('out/main/cli.js');

export function requireBuiltCli(): void {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npx electron-vite build\` first`);
}

export interface KilledUpload {
  /** Lines the CLI printed on stderr before it died (a line names a file once it is queued). */
  lines: string[];
  /** True when the CLI had already exited on its own before the kill landed. */
  finishedFirst: boolean;
  exitCode: number | null;
  elapsedMs: number;
  /** From the spawn to the first line on stderr (the console's first word that it queued the files); null if none. */
  firstLineMs: number | null;
}

/** When to SIGKILL: a delay after the spawn, or after the CLI's first line (once the files are queued); null never. */
export type KillMoment = { afterSpawnMs: number } | { afterFirstLineMs: number } | null;

/** Runs `pinfleet upload`, SIGKILLs it at the moment given, and waits for it to end (at most `deadlineMs`). */
export async function uploadAndKill(dataDir: string, files: string[], replicas: number, moment: KillMoment, deadlineMs = 180_000): Promise<KilledUpload> {
  const started = Date.now();
  const child = spawn(process.execPath, [CLI, '--data-dir', dataDir, 'upload', '--replicas', String(replicas), ...files], { stdio: ['ignore', 'ignore', 'pipe'] });
  const lines: string[] = [];
  let firstLineMs: number | null = null;
  let killed = false;
  let timer: NodeJS.Timeout | null = null;
  const killIn = (ms: number) => {
    timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, ms);
  };
  if (moment && 'afterSpawnMs' in moment) killIn(moment.afterSpawnMs);
  createInterface({ input: child.stderr! }).on('line', (line) => {
    lines.push(line);
    if (firstLineMs !== null) return;
    firstLineMs = Date.now() - started;
    if (moment && 'afterFirstLineMs' in moment) killIn(moment.afterFirstLineMs);
  });
  const deadline = setTimeout(() => child.kill('SIGKILL'), deadlineMs);
  const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  if (timer) clearTimeout(timer);
  clearTimeout(deadline);
  return { lines, finishedFirst: !killed || exit.signal !== 'SIGKILL', exitCode: exit.code, elapsedMs: Date.now() - started, firstLineMs };
}

export interface RowOnDisk {
  id: number;
  name: string;
  status: string;
  cid: string | null;
  /** Nodes the item records as pinned. */
  pinnedOn: string[];
}

/** The queue as the killed process left it, read straight from SQLite. */
export function rowsOnDisk(dataDir: string, names: readonly string[]): RowOnDisk[] {
  const file = path.join(dataDir, DATABASE_FILE);
  const db = new Database(file, { readonly: true });
  try {
    const rows = db.prepare(`SELECT u.id, u.name, u.status, u.cid,
                               (SELECT group_concat(n.name) FROM upload_replicas r JOIN nodes n ON n.id = r.node_id
                                WHERE r.upload_id = u.id AND r.status = 'pinned') AS pinned
                             FROM uploads u ORDER BY u.id`).all() as { id: number; name: string; status: string; cid: string | null; pinned: string | null }[];
    return rows.filter((r) => names.includes(r.name)).map((r) => ({ id: r.id, name: r.name, status: r.status, cid: r.cid, pinnedOn: r.pinned ? r.pinned.split(',') : [] }));
  } finally {
    db.close();
  }
}

export const pinnedNodes = (item: UploadItem): string[] => item.replicas.filter((r) => r.status === 'pinned').map((r) => r.node).sort();

/** A restarted console: `pinfleet serve` on the data dir, which resumes the persisted queue. */
export class RestartedConsole {
  private constructor(private readonly served: ServedPinfleet) {}

  static async start(dataDir: string): Promise<RestartedConsole> {
    return new RestartedConsole(await startPinfleet(dataDir, 30_000));
  }

  async list(): Promise<UploadItem[]> {
    const { body } = await callApi(this.served, 'uploads.list', { limit: 1000 });
    if (!body.ok) throw new Error(`uploads.list: ${body.error?.message}`);
    return body.data as UploadItem[];
  }

  /** Waits until every named item is done, failed or cancelled; throws at the deadline with their states. */
  async settled(names: readonly string[], deadlineMs: number): Promise<UploadItem[]> {
    let last: UploadItem[] = [];
    try {
      return await waitFor(`${names.join(', ')} to settle after the restart`, async () => {
        last = (await this.list()).filter((i) => names.includes(i.name));
        return last.length === names.length && last.every((i) => ['done', 'failed', 'cancelled'].includes(i.status)) ? last : undefined;
      }, deadlineMs);
    } catch (error) {
      const states = last.map((i) => `${i.name} ${i.status}${i.error ? ` (${i.error})` : ''}`).join('; ');
      throw new Error(`${(error as Error).message}; last seen: ${states || 'none of them'}`);
    }
  }

  stop(): Promise<void> {
    return this.served.stop();
  }
}

/** Runs one CLI command to completion; fails with its stderr. */
export function cli(dataDir: string, args: string[]): Promise<string> {
  return run(process.execPath, [CLI, '--data-dir', dataDir, ...args]);
}

/**
 * Sets up a data dir with the built console itself (so its schema is the one the built CLI knows):
 * the fleet's storage nodes added and their key set through the CLI, then, through `pinfleet serve`'s
 * API, a disk reserve sized for the test disks (the default 1 GiB would leave nothing usable) and,
 * when asked, Cluster mode on.
 */
export async function prepareConsoleDataDir(fleet: FleetDescription, dataDir: string, options: { cluster?: boolean } = {}): Promise<void> {
  for (const s of storageServers(fleet)) {
    await cli(dataDir, [
      'nodes', 'add', s.name, '--host', s.ssh.host, '--port', String(s.ssh.port), '--user', s.ssh.user, '--host-key', s.ssh.hostKeyFingerprint,
      '--tags', s.tags.join(','), '--region', s.region, '--api', `${s.kubo.api.host}:${s.kubo.api.port}`, '--gateway', `${s.kubo.gateway.host}:${s.kubo.gateway.port}`,
    ]);
    await cli(dataDir, ['credentials', 'set', s.name, '--key-file', fleet.clientKeyPath]);
  }
  const served = await startPinfleet(dataDir, 30_000);
  try {
    const set = async (channel: string, input: unknown) => {
      const { body } = await callApi(served, channel, input);
      if (!body.ok) throw new Error(`${channel}: ${body.error?.message}`);
    };
    await set('health.updateSettings', { diskReserveBytes: 8 * MiB, fullBelowBytes: 24 * MiB });
    if (options.cluster) await set('cluster.updateSettings', { enabled: true });
  } finally {
    await served.stop();
  }
}
