// What an admin can do to a node from the health view: restart its kubo container, run kubo's
// garbage collection. Both are changes to a server, so both go to the audit log.
import type Database from 'better-sqlite3';
import type { NodeConnector } from '../connections/node-connector.js';
import type { ContainerInfo } from '../../src-preload/contract/health-types.js';
import type { NodeRecord } from '../../src-preload/contract/types.js';
import { PinfleetError } from '../../src-preload/contract/errors.js';
import { writeAudit } from '../inventory/audit-log.js';
import { withDeadline } from './concurrency.js';
import { containerInfo, type InspectAnswer } from './kubo-container.js';
import { readRepoStat } from './kubo-answers.js';
import { kuboCall, describeFetchError } from './kubo-rpc.js';
import { findKuboContainer } from './read-node.js';

const RESTART_GRACE_SECONDS = 10;
/** GC of a large repo takes a while; beyond this the admin is told it is still running on the node. */
const GC_DEADLINE_MS = 10 * 60_000;

export class NodeActions {
  constructor(
    private readonly connector: NodeConnector,
    private readonly db: Database.Database,
    private readonly readOnly: boolean,
    private readonly actor: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async restartContainer(node: NodeRecord): Promise<ContainerInfo> {
    this.refuseWhenReadOnly();
    const { docker, summary } = await findKuboContainer(this.connector, node);
    const container = docker.getContainer(summary.Id);
    await container.restart({ t: RESTART_GRACE_SECONDS });
    const info = containerInfo((await container.inspect()) as unknown as InspectAnswer, { cpuPercent: null, memoryBytes: null });
    this.audit('node.restartContainer', node.name, { container: info.name });
    return info;
  }

  async runGc(node: NodeRecord): Promise<{ freedBytes: number; repoSize: number }> {
    this.refuseWhenReadOnly();
    const base = await this.connector.kuboApiUrl(node);
    const before = readRepoStat(await kuboCall(base, 'repo/stat?size-only=true'));
    const removed = await withDeadline(GC_DEADLINE_MS, `kubo's garbage collection on ${node.name}`, (signal) => collectGarbage(base, signal));
    const after = readRepoStat(await kuboCall(base, 'repo/stat?size-only=true'));
    const result = { freedBytes: Math.max(0, before.repoSize - after.repoSize), repoSize: after.repoSize };
    this.audit('node.runGc', node.name, { ...result, removedBlocks: removed });
    return result;
  }

  private audit(action: string, target: string, detail: unknown): void {
    writeAudit(this.db, { at: this.now().toISOString(), actor: this.actor, action, target, detail });
  }

  private refuseWhenReadOnly(): void {
    if (this.readOnly) throw new PinfleetError('read_only', 'Nothing was done: the inventory is read-only, so the change could not be logged.');
  }
}

/**
 * `repo/gc` streams one JSON object per removed block and reports failures inside the stream
 * (`{"Error": …}`) with HTTP 200, so the whole answer has to be read to know it succeeded.
 */
async function collectGarbage(base: string, signal: AbortSignal): Promise<number> {
  let response: Response;
  try {
    response = await fetch(`${base.replace(/\/$/, '')}/api/v0/repo/gc?stream-errors=true`, { method: 'POST', signal });
  } catch (error) {
    if (signal.aborted && signal.reason instanceof PinfleetError) throw signal.reason;
    throw new PinfleetError('unreachable', `kubo's RPC API did not answer (${describeFetchError(error)})`);
  }
  const body = await response.text();
  if (!response.ok) throw new PinfleetError('remote_failed', `kubo refused repo/gc: HTTP ${response.status} ${body.slice(0, 200)}`);
  let removed = 0;
  for (const line of body.split('\n')) {
    if (line.trim() === '') continue;
    const entry = JSON.parse(line) as { Key?: unknown; Error?: string };
    if (entry.Error) throw new PinfleetError('remote_failed', `kubo's garbage collection failed: ${entry.Error}`);
    if (entry.Key) removed += 1;
  }
  return removed;
}
