// The fleet's cluster secret: in the secret store only, generated once, never replaced.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLUSTER_SECRET_REF, ClusterSettingsStore } from '../../../src-main/cluster/cluster-settings.js';
import { openStorage } from '../../../src-main/inventory/index.js';
import { MemorySecrets } from '../../support/memory-secrets.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function store(readOnly = false) {
  const dataDir = mkdtempSync(join(tmpdir(), 'pinfleet-cluster-secret-'));
  dirs.push(dataDir);
  const { inventory, opened } = openStorage({ dataDir });
  const secrets = new MemorySecrets();
  return { settings: new ClusterSettingsStore(opened.db, readOnly, secrets), secrets, inventory, db: opened.db };
}

describe('the cluster secret', () => {
  it('is generated once as 32 bytes of hex into the secret store, then kept', async () => {
    const { settings, secrets, inventory, db } = store();
    expect(await settings.secret()).toBeNull();
    const first = await settings.ensureSecret();
    expect(first.generated).toBe(true);
    expect(first.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(secrets.values.get(CLUSTER_SECRET_REF)).toBe(first.secret);
    expect(await settings.ensureSecret()).toEqual({ secret: first.secret, generated: false });
    // Never in SQLite.
    const rows = JSON.stringify(db.prepare('SELECT * FROM settings').all());
    expect(rows).not.toContain(first.secret);
    inventory.close();
  });

  it('refuses a value that is not a Cluster secret', async () => {
    const { settings, inventory } = store();
    await expect(settings.setSecret('not-hex')).rejects.toMatchObject({ code: 'invalid_input' });
    await settings.setSecret('cd'.repeat(32));
    expect(await settings.secret()).toBe('cd'.repeat(32));
    inventory.close();
  });
});
