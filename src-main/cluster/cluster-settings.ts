// Cluster settings in the inventory's `settings` table (key `cluster`, one JSON value), the REST
// password in the secret store only. Pure merge below; the store is a thin adapter.
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { ClusterSettings } from '../../src-preload/contract/cluster-types.js';
import { PinfleetError } from '../../src-preload/contract/errors.js';
import { SettingsStore } from '../health/settings-store.js';
import type { SecretStore } from '../secrets/secret-store.js';

export const CLUSTER_SETTINGS_KEY = 'cluster';
export const CLUSTER_PASSWORD_REF = 'cluster.restApi.password';
/** The fleet's shared cluster secret (CLUSTER_SECRET of every peer): the secret store only. */
export const CLUSTER_SECRET_REF = 'cluster.secret';

export type StoredClusterSettings = Omit<ClusterSettings, 'hasPassword'>;

export const DEFAULT_CLUSTER_SETTINGS: StoredClusterSettings = {
  enabled: false,
  node: null,
  apiAddresses: {},
  user: null,
  replicationMin: null,
  replicationMax: null,
};

const isReplication = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= -1;

/** Keeps only known fields with sane values: a hand-edited or older row never breaks the page. */
export function mergeClusterSettings(stored: unknown): StoredClusterSettings {
  const merged = { ...DEFAULT_CLUSTER_SETTINGS, apiAddresses: {} as Record<string, string> };
  if (typeof stored !== 'object' || stored === null) return merged;
  const s = stored as Record<string, unknown>;
  if (typeof s.enabled === 'boolean') merged.enabled = s.enabled;
  if (typeof s.node === 'string' && s.node !== '') merged.node = s.node;
  if (typeof s.user === 'string' && s.user !== '') merged.user = s.user;
  if (isReplication(s.replicationMin)) merged.replicationMin = s.replicationMin;
  if (isReplication(s.replicationMax)) merged.replicationMax = s.replicationMax;
  if (typeof s.apiAddresses === 'object' && s.apiAddresses !== null) {
    for (const [name, address] of Object.entries(s.apiAddresses)) if (typeof address === 'string') merged.apiAddresses[name] = address;
  }
  return merged;
}

export interface ClusterSettingsChanges extends Partial<StoredClusterSettings> {
  password?: string | null;
}

export class ClusterSettingsStore {
  private readonly settings: SettingsStore;

  constructor(
    db: Database.Database,
    private readonly readOnly: boolean,
    private readonly secrets: SecretStore,
  ) {
    this.settings = new SettingsStore(db, readOnly);
  }

  stored(): StoredClusterSettings {
    return mergeClusterSettings(this.settings.get(CLUSTER_SETTINGS_KEY));
  }

  async view(): Promise<ClusterSettings> {
    return { ...this.stored(), hasPassword: (await this.password()) !== null };
  }

  /** null when none is stored, or when the store is locked (the CLI without its passphrase). */
  async password(): Promise<string | null> {
    try {
      return await this.secrets.get(CLUSTER_PASSWORD_REF);
    } catch {
      return null;
    }
  }

  /** The fleet's cluster secret; null when none is stored, or when the store is locked. */
  async secret(): Promise<string | null> {
    try {
      return await this.secrets.get(CLUSTER_SECRET_REF);
    } catch {
      return null;
    }
  }

  async setSecret(secret: string): Promise<void> {
    if (this.readOnly) throw new PinfleetError('read_only', 'The cluster secret was not stored: the inventory is read-only.');
    if (!/^[0-9a-f]{64}$/.test(secret)) throw new PinfleetError('invalid_input', 'a cluster secret is 64 hexadecimal characters (32 bytes), as `od -vN 32 -An -tx1 /dev/urandom | tr -d " \\n"` prints');
    await this.secrets.set(CLUSTER_SECRET_REF, secret);
  }

  /**
   * "Set up a cluster": the fleet's secret, generated once (32 random bytes, hex) when the store has
   * none; an existing secret is kept, or the peers already running with it could not join.
   */
  async ensureSecret(): Promise<{ secret: string; generated: boolean }> {
    const existing = await this.secrets.get(CLUSTER_SECRET_REF);
    if (existing !== null) return { secret: existing, generated: false };
    const secret = randomBytes(32).toString('hex');
    await this.setSecret(secret);
    return { secret, generated: true };
  }

  async update(changes: ClusterSettingsChanges): Promise<ClusterSettings> {
    if (this.readOnly) throw new PinfleetError('read_only', 'Cluster settings were not changed: the inventory is read-only.');
    const { password, ...rest } = changes;
    const next = mergeClusterSettings({ ...this.stored(), ...rest });
    const { replicationMin: min, replicationMax: max } = next;
    if (min !== null && max !== null && max !== -1 && min > max) {
      throw new PinfleetError('invalid_input', `replication min (${min}) is above replication max (${max})`);
    }
    // The password before the row: if the secret store refuses it, nothing changes.
    if (password === null) await this.secrets.delete(CLUSTER_PASSWORD_REF);
    else if (password !== undefined) await this.secrets.set(CLUSTER_PASSWORD_REF, password);
    this.settings.put(CLUSTER_SETTINGS_KEY, next);
    return this.view();
  }
}
