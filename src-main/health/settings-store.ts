// Health settings and the poller's bookkeeping, in the inventory's `settings` table (one JSON
// value per key), so the app, `pinfleet serve` and the CLI all see the same values.
import { prepared } from '../inventory/prepared.js';
import type Database from 'better-sqlite3';
import type { HealthSettings } from '../../src-preload/contract/health-types.js';
import { PinfleetError } from '../../src-preload/contract/errors.js';
import { DEFAULT_HEALTH_SETTINGS, mergeSettings } from './health-settings.js';

export const SETTINGS_KEYS = {
  health: 'health',
  /** Where df looks when no kubo container names its repo: kubo's default IPFS_PATH, relative to the SSH user's home. */
  dataPathFallback: 'health.dataPathFallback',
  lastCycleAt: 'health.lastCycleAt',
} as const;

export class SettingsStore {
  constructor(
    private readonly db: Database.Database,
    private readonly readOnly: boolean,
  ) {}

  get<T>(key: string): T | null {
    const row = prepared(this.db, 'SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as T) : null;
  }

  /** Quietly skipped on a read-only inventory: bookkeeping must not fail a poll. */
  put(key: string, value: unknown): void {
    if (this.readOnly) return;
    prepared(this.db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(key, JSON.stringify(value));
  }

  health(): HealthSettings {
    return mergeSettings(DEFAULT_HEALTH_SETTINGS, this.get(SETTINGS_KEYS.health));
  }

  updateHealth(changes: Partial<HealthSettings>): HealthSettings {
    if (this.readOnly) throw new PinfleetError('read_only', 'Settings were not changed: the inventory is read-only.');
    const next = { ...this.health(), ...changes };
    this.put(SETTINGS_KEYS.health, next);
    return next;
  }

  dataPathFallback(): string {
    return this.get<string>(SETTINGS_KEYS.dataPathFallback) ?? '.ipfs';
  }
}
