// The health side of the app, put together: poller, stores, series, alerts, logs and node
// actions behind the calls the handlers make. Built once by compose.ts; every I/O dependency
// (database, connector, bus, clock) comes in from there.
import type { EventBus } from '../core/events.js';
import type { Inventory } from '../inventory/inventory.js';
import type { OpenedDatabase } from '../inventory/open-database.js';
import type { NodeConnector } from '../connections/node-connector.js';
import type {
  AlertEntry,
  CapacitySeries,
  FleetHealth,
  HealthSettings,
  HealthState,
  NodeHealth,
  SeriesRange,
} from '../../src-preload/contract/health-types.js';
import { AlertStore } from './alert-store.js';
import { forecastFull } from './forecast.js';
import { LogStreams } from './log-streams.js';
import { NodeActions } from './node-actions.js';
import { newerHealth, unpolledHealth } from './node-reading.js';
import { Poller, type PollerOptions } from './poller.js';
import { NodeReader } from './read-node.js';
import { WriteProbeSchedule } from './write-probe-schedule.js';
import { watermarkKey } from './rollup.js';
import { planSeries } from './series-plan.js';
import { querySeries } from './series-query.js';
import { SETTINGS_KEYS, SettingsStore } from './settings-store.js';
import { StatusStore } from './status-store.js';

export interface HealthServiceDeps {
  opened: OpenedDatabase;
  inventory: Inventory;
  bus: EventBus;
  connector: NodeConnector;
  /** Who the audit log names for admin actions (restart, GC): 'ui', 'web', 'cli'. */
  actor: string;
  poller?: PollerOptions;
  now?: () => Date;
}

const ALL_STATES: HealthState[] = ['online', 'degraded', 'full', 'unreachable', 'draining', 'unknown'];

export class HealthService {
  readonly poller: Poller;
  readonly logs: LogStreams;
  readonly actions: NodeActions;
  private readonly settingsStore: SettingsStore;
  private readonly statuses: StatusStore;
  private readonly alertStore: AlertStore;
  private readonly now: () => Date;
  private readonly writeProbes = new WriteProbeSchedule();

  constructor(private readonly deps: HealthServiceDeps) {
    const { db, readOnly } = deps.opened;
    this.now = deps.now ?? (() => new Date());
    this.settingsStore = new SettingsStore(db, readOnly);
    this.statuses = new StatusStore(db);
    this.alertStore = new AlertStore(db);
    this.poller = new Poller(
      {
        db, inventory: deps.inventory, reader: new NodeReader(deps.connector, this.writeProbes), statuses: this.statuses,
        alerts: this.alertStore, settings: this.settingsStore, bus: deps.bus, readOnly, now: this.now,
      },
      deps.poller,
    );
    this.logs = new LogStreams(deps.connector, deps.bus);
    this.actions = new NodeActions(deps.connector, db, readOnly, deps.actor, this.now);
  }

  /** Straight from SQLite (and this process's latest polls): renders at once, offline too. */
  fleet(): FleetHealth {
    const stored = this.statuses.all();
    const nodes = this.deps.inventory
      .listNodes()
      .map((node) => newerHealth(this.poller.latest.get(node.name), stored.get(node.name)) ?? unpolledHealth(node.name));
    const byState = Object.fromEntries(ALL_STATES.map((s) => [s, 0])) as Record<HealthState, number>;
    for (const node of nodes) byState[node.state] += 1;
    return {
      nodes,
      totals: totalsOf(nodes),
      byState,
      pollIntervalMs: this.poller.intervalMs(),
      lastCycleAt: this.settingsStore.get<string>(SETTINGS_KEYS.lastCycleAt),
    };
  }

  node(name: string): NodeHealth {
    const node = this.deps.inventory.getNode(name);
    return newerHealth(this.poller.latest.get(node.name), this.statuses.get(node.id)) ?? unpolledHealth(node.name);
  }

  series(name: string | undefined, range: SeriesRange): CapacitySeries {
    const node = name === undefined ? null : this.deps.inventory.getNode(name);
    const plan = planSeries(range, this.now().getTime(), this.poller.intervalMs());
    const rolledTo = (tier: string) => (tier === 'raw' ? null : this.settingsStore.get<string>(watermarkKey(tier as '5m' | '1h')));
    const points = querySeries(this.deps.opened.db, plan, rolledTo, node?.id ?? null);
    return { name: node?.name ?? null, range, points, forecast: forecastFull(points) };
  }

  /** Something saw the node refuse a write (an upload's "no space" while it has room): its next poll probes writes. */
  suspectWrites(name: string): void {
    this.writeProbes.suspect(name);
  }

  pollNow(name?: string): Promise<string[]> {
    return this.poller.pollNow(name);
  }

  settings(): HealthSettings {
    return this.settingsStore.health();
  }

  updateSettings(changes: Partial<HealthSettings>): HealthSettings {
    const updated = this.settingsStore.updateHealth(changes);
    this.poller.reschedule();
    return updated;
  }

  alerts(limit: number): AlertEntry[] {
    return this.alertStore.list(limit);
  }

  async close(): Promise<void> {
    this.logs.stopAll();
    await this.poller.stop();
  }
}

/** Sums what the nodes last showed; a node never measured adds nothing. */
export function totalsOf(nodes: readonly NodeHealth[]): FleetHealth['totals'] {
  const totals = { used: 0, usableFree: 0, usableTotal: 0 };
  for (const { capacity } of nodes) {
    if (capacity === null) continue;
    totals.used += capacity.repoSize;
    totals.usableFree += capacity.usableFree;
    totals.usableTotal += capacity.usableTotal;
  }
  return totals;
}
