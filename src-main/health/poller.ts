// The poller: every interval (30 s by default, from the settings), reads every node with at most
// `concurrency` polls in flight, each under its own deadline, and records each node the moment
// its poll ends: status and sample to SQLite, alerts, then `health.updated`. A dropped node
// therefore costs only its own deadline; the others' updates go out as they arrive.
import type { EventBus } from '../core/events.js';
import type { Inventory } from '../inventory/inventory.js';
import type { AlertEntry, NodeHealth } from '../../src-preload/contract/health-types.js';
import type { NodeRecord } from '../../src-preload/contract/types.js';
import { PinfleetError } from '../../src-preload/contract/errors.js';
import { decideAlerts } from './alert-rules.js';
import type { AlertStore } from './alert-store.js';
import { mapWithConcurrency } from './concurrency.js';
import { newerHealth, nodeHealthFrom, type NodeReading } from './node-reading.js';
import type { ReadOptions } from './read-node.js';
import { runRollup } from './rollup.js';
import { SETTINGS_KEYS, type SettingsStore } from './settings-store.js';
import type { StatusStore } from './status-store.js';
import type Database from 'better-sqlite3';
import { RecordBatcher } from './record-batcher.js';

/** How long a finished poll waits for others to share its commit. */
const RECORD_BATCH_WINDOW_MS = 25;

export interface PollerDeps {
  db: Database.Database;
  inventory: Inventory;
  reader: { read(node: NodeRecord, options: ReadOptions): Promise<NodeReading> };
  statuses: StatusStore;
  alerts: AlertStore;
  settings: SettingsStore;
  bus: EventBus;
  /** A read-only inventory still polls; results then live in memory only. */
  readOnly: boolean;
  now?: () => Date;
  log?: (message: string, error?: unknown) => void;
}

export interface PollerOptions {
  concurrency?: number;
  /** Each node's deadline; by default 10 s, never more than the interval. */
  nodeTimeoutMs?: number;
  /** Overrides the interval from the settings (tests poll every couple of seconds). */
  intervalMs?: number;
}

const DEFAULT_NODE_TIMEOUT_MS = 10_000;

interface InFlightPoll {
  /** Settles when the node has been read (never rejects): its concurrency slot is free again. */
  read: Promise<void>;
  /** The node's health once it is recorded (and announced). */
  recorded: Promise<NodeHealth>;
}
/** Polls in flight at once: enough to cover 500 nodes in a few seconds, few enough for 2 cores. */
const DEFAULT_CONCURRENCY = 16;

export class Poller {
  /** The latest health this process measured, newest wins over node_status (needed when read-only). */
  readonly latest = new Map<string, NodeHealth>();
  private readonly inFlight = new Map<string, InFlightPoll>();
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  /** Set by stop(): the database may close next, so polls still in flight record nothing. */
  private stopped = false;
  private cycling: Promise<void> | null = null;
  private readonly now: () => Date;
  private readonly log: (message: string, error?: unknown) => void;
  private readonly recorder: RecordBatcher<{ name: string; alerts: AlertEntry[] }>;

  constructor(
    private readonly deps: PollerDeps,
    private readonly options: PollerOptions = {},
  ) {
    this.now = deps.now ?? (() => new Date());
    this.log = deps.log ?? ((message, error) => console.error(`pinfleet health: ${message}`, error ?? ''));
    // Events go out only once the batch is committed: nothing is announced that was not stored.
    this.recorder = new RecordBatcher(deps.db, RECORD_BATCH_WINDOW_MS, (written) => {
      for (const entry of written.flatMap((w) => w.alerts)) this.deps.bus.publish('alerts.raised', entry);
      this.deps.bus.publish('health.updated', { names: written.map((w) => w.name) });
    });
  }

  intervalMs(): number {
    return this.options.intervalMs ?? this.deps.settings.health().pollIntervalSeconds * 1000;
  }

  /** Starts polling: a first cycle now, then one every interval after the previous ended. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.cycling;
    this.recorder.flush();
  }

  /** The settings changed: the next cycle follows the new interval. */
  reschedule(): void {
    if (this.running && this.cycling === null) this.schedule(this.intervalMs());
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.cycling = this.cycle()
        .catch((error: unknown) => this.log('a poll cycle failed', error))
        .finally(() => {
        this.cycling = null;
        if (this.running) this.schedule(this.intervalMs());
      });
    }, delayMs);
    // The poller alone must not keep a process alive (the CLI, tests).
    this.timer.unref();
  }

  /** One cycle over the whole inventory, then the downsampling job. */
  async cycle(): Promise<void> {
    const nodes = this.deps.inventory.listNodes();
    await this.pollNodes(nodes);
    if (this.stopped) return;
    this.deps.settings.put(SETTINGS_KEYS.lastCycleAt, this.now().toISOString());
    if (!this.deps.readOnly) {
      try {
        runRollup(this.deps.db, this.deps.settings, this.now().getTime());
      } catch (error) {
        this.log('downsampling capacity samples failed', error);
      }
    }
  }

  /** Polls the named node (or all) now; resolves when their results are recorded. */
  async pollNow(name?: string): Promise<string[]> {
    const nodes = name === undefined ? this.deps.inventory.listNodes() : [this.deps.inventory.getNode(name)];
    await this.pollNodes(nodes);
    return nodes.map((n) => n.name);
  }

  /**
   * A concurrency slot is held while a node is being read, not while its result waits for the
   * batch commit: otherwise every slot idled through the batch window once per node, which cost a
   * 500-node cycle most of a second.
   */
  private async pollNodes(nodes: NodeRecord[]): Promise<void> {
    const recordings: Promise<NodeHealth>[] = [];
    await mapWithConcurrency(nodes, this.options.concurrency ?? DEFAULT_CONCURRENCY, async (node) => {
      const poll = this.startPoll(node);
      recordings.push(poll.recorded);
      await poll.read;
    });
    await Promise.allSettled(recordings);
  }

  /** A node already being polled is not polled twice: the caller shares the poll in flight. */
  pollNode(node: NodeRecord): Promise<NodeHealth> {
    return this.startPoll(node).recorded;
  }

  private startPoll(node: NodeRecord): InFlightPoll {
    const existing = this.inFlight.get(node.name);
    if (existing) return existing;
    const timeoutMs = this.options.nodeTimeoutMs ?? Math.min(DEFAULT_NODE_TIMEOUT_MS, this.intervalMs());
    const reading = this.deps.reader.read(node, { timeoutMs, dataPathFallback: this.deps.settings.dataPathFallback() });
    const recorded = reading.then((r) => this.record(node, r)).finally(() => this.inFlight.delete(node.name));
    // Whoever asked gets the failure; until they look (pollNodes waits for every node's read
    // first), it must not count as unhandled: on shutdown a finished read fails its record at once.
    recorded.catch(() => {});
    const poll = { read: reading.then(() => undefined, () => undefined), recorded };
    this.inFlight.set(node.name, poll);
    return poll;
  }

  private async record(node: NodeRecord, reading: NodeReading): Promise<NodeHealth> {
    if (this.stopped) throw new PinfleetError('internal', 'Pinfleet is shutting down: the poll was abandoned');
    const settings = this.deps.settings.health();
    const previous = newerHealth(this.latest.get(node.name), this.deps.statuses.get(node.id));
    const health = nodeHealthFrom(node, reading, previous, settings, this.now().toISOString());
    this.latest.set(node.name, health);
    try {
      // Written with the other polls that end within a few milliseconds, in one commit; the
      // batch then publishes health.updated for all of them.
      await this.recorder.add({
        write: () => {
          if (!this.deps.readOnly) this.deps.statuses.record(node.id, health, reading.repo.ok);
          return { name: node.name, alerts: this.recordAlerts(previous, health) };
        },
      });
    } catch (error) {
      // The node was removed while it was being polled: nothing to record.
      if (!this.stillInInventory(node.name)) {
        this.latest.delete(node.name);
        return health;
      }
      throw error;
    }
    return health;
  }

  /** Stores the alerts this poll raises (once per crossing) and returns them for publishing. */
  private recordAlerts(previous: NodeHealth | null, current: NodeHealth): AlertEntry[] {
    const snapshot = (h: NodeHealth) => ({ state: h.state, fillRatio: h.capacity?.fillRatio ?? null, reason: h.reason });
    const decisions = decideAlerts(current.name, previous && snapshot(previous), snapshot(current));
    return decisions.map((decision) => {
      const at = current.checkedAt ?? this.now().toISOString();
      return this.deps.readOnly
        ? { id: 0, at, node: current.name, ...decision }
        : this.deps.alerts.add(at, current.name, decision.kind, decision.message);
    });
  }

  private stillInInventory(name: string): boolean {
    try {
      this.deps.inventory.getNode(name);
      return true;
    } catch (error) {
      if (error instanceof PinfleetError && error.code === 'not_found') return false;
      throw error;
    }
  }
}
