// The upload queue: plans, queues local paths in SQLite, runs at most two transfers at a time,
// keeps items that fit nowhere right now 'queued' (waiting for space) and re-plans them as the
// fleet's capacity changes. Built once by compose.ts; every I/O dependency comes in from there.
import { PinfleetError } from '../../src-preload/contract/errors.js';
import type { ItemPlan, UploadItem, UploadProgress, UploadStarted } from '../../src-preload/contract/upload-types.js';
import type { NodeConnector } from '../connections/node-connector.js';
import { asClusterPlan } from './cluster-plan.js';
import type { EventBus } from '../core/events.js';
import type { HealthService } from '../health/health-service.js';
import type { Inventory } from '../inventory/inventory.js';
import type { OpenedDatabase } from '../inventory/open-database.js';
import { CHUNKER } from './local-cid.js';
import { planItem, toCandidates, tooBigForEveryNode } from './placement-input.js';
import { runUpload, WaitingInQueue } from './upload-run.js';
import { ReplicaCleanup } from './replica-cleanup.js';
import { readUploadSource } from './upload-source.js';
import { UploadStore } from './upload-store.js';

export interface UploadServiceDeps {
  opened: OpenedDatabase;
  inventory: Inventory;
  health: HealthService;
  connector: NodeConnector;
  bus: EventBus;
  concurrency?: number;
  /** How often items waiting for space are re-planned (each time after a fresh poll). */
  waitingRetryMs?: number;
  /** How long a replica's pin may fetch nothing before the console sends the blocks itself (default 60 s). */
  replicaStallMs?: number;
  /**
   * Cluster mode (src-main/cluster/cluster-upload.ts): while active() says so, an item is
   * handed whole to the cluster uploader (pinned through IPFS Cluster, its allocator placing the
   * replicas) instead of runUpload's own placement. Same RunDeps, same store, same progress events.
   */
  cluster?: { active(): boolean; run: typeof runUpload };
}

interface Job {
  replicas: number;
  node?: string;
}

export class UploadService {
  readonly store: UploadStore;
  private readonly jobs = new Map<number, Job>();
  private readonly ready: number[] = [];
  private readonly running = new Map<number, AbortController>();
  private readonly waiting = new Set<number>();
  /** Cancelled while running: the run's own ending must not overwrite 'cancelled'. */
  private readonly cancelled = new Set<number>();
  private readonly committed = new Map<string, number>();
  private readonly cleanup: ReplicaCleanup;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private lastPollMs = 0;

  constructor(private readonly deps: UploadServiceDeps) {
    this.store = new UploadStore(deps.opened.db);
    const online = (name: string) => deps.health.node(name).state === 'online';
    this.cleanup = new ReplicaCleanup(this.store, deps.inventory, deps.connector, online);
    deps.bus.subscribe((event) => {
      if (event !== 'health.updated' || this.closed) return;
      if (this.waiting.size > 0) this.wakeWaiting();
      void this.cleanup.sweep();
    });
  }

  async plan(asked: { name: string; size: number; path?: string }[], replicas: number, node?: string): Promise<ItemPlan[]> {
    // Metadata only: a folder is walked as the upload will walk it (what it skips is not counted).
    const items = await Promise.all(asked.map(async (item) => (item.path ? { name: item.name, size: (await readUploadSource(item.path)).size } : item)));
    const candidates = await this.candidates();
    const extra = new Map<string, number>();
    const clusterMode = this.deps.cluster?.active() === true;
    return items.map((item) => {
      const plan = planItem(item, candidates.map((c) => ({ ...c, committed: c.committed + (extra.get(c.name) ?? 0) })), replicas, { node });
      if (plan.ok) for (const t of plan.targets) extra.set(t.node, (extra.get(t.node) ?? 0) + item.size);
      return clusterMode ? asClusterPlan(plan) : plan;
    });
  }

  /** Queues local paths; an item too big for every node even when empty is refused here, up front. */
  async start(paths: string[], replicas: number, node?: string): Promise<UploadStarted> {
    if (this.deps.opened.readOnly) throw new PinfleetError('read_only', 'the inventory is open read-only: uploads cannot be queued');
    const target = node === undefined ? null : this.deps.inventory.getNode(node);
    const sources = await Promise.all(paths.map((p) => readUploadSource(p)));
    await this.candidates();
    const totals = this.deps.health.fleet().nodes.filter((n) => n.state !== 'draining').map((n) => n.capacity?.usableTotal ?? 0);
    for (const source of sources) {
      const problem = tooBigForEveryNode(source.size, totals);
      if (problem) throw new PinfleetError('no_space', `${source.name}: ${problem}`);
    }
    // The chosen node is stored with each item: a resumed or retried item still goes there.
    const ids = sources.map((s) => this.store.insert({ name: s.name, sourcePath: s.absolute, size: s.size, replicas, chunker: CHUNKER, targetNodeId: target?.id ?? null }));
    for (const id of ids) this.enqueue(id, { replicas, node });
    const skipped = sources.flatMap((s) => s.skipped.map((k) => ({ path: `${s.absolute}/${k.relative}`, reason: k.reason })));
    return { ids, skipped };
  }

  list(search: string | undefined, limit: number): UploadItem[] {
    return this.store.list(search, limit);
  }

  cancel(id: number): UploadItem {
    const item = this.get(id);
    if (['done', 'failed', 'cancelled'].includes(item.status)) return item;
    this.waiting.delete(id);
    this.ready.splice(this.ready.indexOf(id) >>> 0, this.ready.includes(id) ? 1 : 0);
    if (this.running.has(id)) this.cancelled.add(id);
    this.running.get(id)?.abort(new PinfleetError('internal', 'cancelled by the admin'));
    this.store.setStatus(id, 'cancelled', { error: 'cancelled by the admin' });
    this.publish({ id, status: 'cancelled', bytesDone: 0, bytesTotal: item.size, rateBytesPerSec: 0, etaSec: null, node: null });
    return this.get(id);
  }

  retry(id: number): UploadItem {
    const item = this.get(id);
    if (item.status !== 'failed' && item.status !== 'cancelled') {
      throw new PinfleetError('invalid_input', `upload ${id} is ${item.status}: only failed or cancelled uploads can be retried`);
    }
    this.cancelled.delete(id);
    this.store.setStatus(id, 'queued');
    this.enqueue(id, this.jobs.get(id) ?? this.storedJob(id, item.replicasWanted));
    return this.get(id);
  }

  /**
   * After a restart: items cut off mid-transfer go back to the queue (kubo's add is idempotent by
   * CID), with the reason recorded; an item whose source is gone fails saying so (the run does).
   */
  resume(): void {
    for (const item of this.store.withStatus(['uploading', 'pinning', 'queued'])) {
      const note = item.status === 'queued' ? null : `resumed after a restart cut it off while ${item.status}`;
      this.store.setStatus(item.id, 'queued', { error: note });
      this.enqueue(item.id, this.storedJob(item.id, item.replicasWanted));
    }
  }

  /** What a queued item was asked for, from SQLite (after a restart). */
  private storedJob(id: number, replicas: number): { replicas: number; node?: string } {
    const node = this.store.targetNode(id);
    return node === null ? { replicas } : { replicas, node };
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    for (const controller of this.running.values()) controller.abort(new PinfleetError('internal', 'the app is closing'));
    while (this.running.size > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    await this.cleanup.idle();
  }

  private get(id: number): UploadItem {
    const item = this.store.get(id);
    if (!item) throw new PinfleetError('not_found', `no upload with id ${id}`);
    return item;
  }

  private enqueue(id: number, job: Job): void {
    this.jobs.set(id, job);
    this.ready.push(id);
    this.pump();
  }

  private pump(): void {
    while (!this.closed && this.running.size < (this.deps.concurrency ?? 2) && this.ready.length > 0) {
      const id = this.ready.shift()!;
      const controller = new AbortController();
      this.running.set(id, controller);
      void this.run(id, controller.signal).finally(() => {
        this.running.delete(id);
        this.pump();
      });
    }
  }

  private async run(id: number, signal: AbortSignal): Promise<void> {
    const item = this.get(id);
    const job = this.jobs.get(id) ?? { replicas: item.replicasWanted };
    const progress = (p: Partial<UploadProgress> & Pick<UploadProgress, 'status'>) =>
      this.publish({ id, bytesDone: 0, bytesTotal: item.size, rateBytesPerSec: 0, etaSec: null, node: null, ...p });
    try {
      const source = await readUploadSource(item.sourcePath ?? '').catch((error: unknown) => {
        throw new PinfleetError('not_found', `the source is gone: ${(error as Error).message}`);
      });
      const runner = this.deps.cluster?.active() ? this.deps.cluster.run.bind(this.deps.cluster) : runUpload; // cluster mode: see UploadServiceDeps.cluster
      const cid = await runner(id, source, job.replicas, {
        store: this.store,
        connector: this.deps.connector,
        node: (name) => this.deps.inventory.getNode(name),
        plan: async (exclude, fresh) => planItem(source, await this.candidates(fresh), job.replicas, { node: exclude.size > 0 ? undefined : job.node, exclude }),
        progress: (p) => this.publish(p),
        commit: (node, bytes) => this.commit(node, bytes),
        nowMs: () => Date.now(),
        ...(this.deps.replicaStallMs !== undefined ? { replicaStallMs: this.deps.replicaStallMs } : {}),
        writeRefused: (name) => this.deps.health.suspectWrites(name),
      }, signal);
      if (signal.aborted) throw signal.reason;
      this.waiting.delete(id);
      this.store.setStatus(id, 'done', { cid });
      progress({ status: 'done', bytesDone: item.size, cid, node: this.get(id).replicas.find((r) => r.status === 'pinned')?.node ?? null });
    } catch (error) {
      if (this.cancelled.delete(id)) {
        // A cancel can land between two steps of the run; whatever the run wrote since, it stays cancelled.
        this.store.setStatus(id, 'cancelled', { error: 'cancelled by the admin' });
        this.store.settleReplicas(id, 'cancelled by the admin');
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof WaitingInQueue && !signal.aborted) {
        this.store.setStatus(id, 'queued', { error: message });
        this.waiting.add(id);
        this.scheduleWaiting();
        progress({ status: 'queued', error: message });
        return;
      }
      const status = signal.aborted ? 'queued' : 'failed';
      if (status === 'failed') this.store.settleReplicas(id, message);
      this.store.setStatus(id, status, { error: signal.aborted ? `interrupted: ${message}` : message });
      progress({ status, error: message });
    }
  }

  private async candidates(fresh = false) {
    // Placement decides on the capacity of this moment: poll unless a poll just finished.
    if (fresh || Date.now() - this.lastPollMs > 1000) {
      await this.deps.health.pollNow();
      this.lastPollMs = Date.now();
    }
    const health = new Map(this.deps.health.fleet().nodes.map((n) => [n.name, n]));
    return toCandidates(this.deps.inventory.listNodes(), health, this.committed);
  }

  private commit(node: string, bytes: number): () => void {
    this.committed.set(node, (this.committed.get(node) ?? 0) + bytes);
    return () => this.committed.set(node, (this.committed.get(node) ?? 0) - bytes);
  }

  private scheduleWaiting(): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.wakeWaiting();
    }, this.deps.waitingRetryMs ?? 5000);
    this.timer.unref();
  }

  private wakeWaiting(): void {
    for (const id of this.waiting) {
      if (this.running.has(id) || this.ready.includes(id)) continue;
      this.waiting.delete(id);
      this.ready.push(id);
    }
    this.pump();
  }

  private publish(progress: UploadProgress): void {
    this.deps.bus.publish('uploads.progress', progress);
  }
}
