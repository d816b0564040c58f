import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLUSTER_PASSWORD_REF, ClusterSettingsStore, mergeClusterSettings } from '../../../src-main/cluster/cluster-settings.js';
import { clusterAddressOf } from '../../../src-main/cluster/cluster-tunnel.js';
import { openStorage } from '../../../src-main/inventory/index.js';
import { MemorySecrets } from '../../support/memory-secrets.js';
import type { NodeRecord } from '../../../src-preload/contract/types.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function store() {
  const dataDir = mkdtempSync(join(tmpdir(), 'pinfleet-cluster-settings-'));
  dirs.push(dataDir);
  const { inventory, opened } = openStorage({ dataDir });
  const secrets = new MemorySecrets();
  return { settings: new ClusterSettingsStore(opened.db, false, secrets), secrets, inventory };
}

describe('cluster settings', () => {
  it('start off, with the cluster\'s own replication', async () => {
    const { settings, inventory } = store();
    expect(await settings.view()).toEqual({ enabled: false, node: null, apiAddresses: {}, user: null, hasPassword: false, replicationMin: null, replicationMax: null });
    inventory.close();
  });

  it('keep the password in the secret store only', async () => {
    const { settings, secrets, inventory } = store();
    const view = await settings.update({ enabled: true, user: 'admin', password: 'hunter2', replicationMin: 2, replicationMax: 3 });
    expect(view).toMatchObject({ enabled: true, user: 'admin', hasPassword: true, replicationMin: 2, replicationMax: 3 });
    expect(JSON.stringify(view)).not.toContain('hunter2');
    expect(secrets.values.get(CLUSTER_PASSWORD_REF)).toBe('hunter2');
    expect(JSON.stringify(settings.stored())).not.toContain('hunter2');
    expect((await settings.update({ password: null })).hasPassword).toBe(false);
    inventory.close();
  });

  it('refuse min above max and change nothing', async () => {
    const { settings, secrets, inventory } = store();
    await expect(settings.update({ replicationMin: 3, replicationMax: 2, password: 'x' })).rejects.toMatchObject({ code: 'invalid_input' });
    expect(secrets.values.size).toBe(0);
    expect((await settings.update({ replicationMin: 3, replicationMax: -1 })).replicationMax).toBe(-1);
    inventory.close();
  });

  it('ignore junk in a hand-edited row', () => {
    expect(mergeClusterSettings({ enabled: 'yes', replicationMin: 1.5, apiAddresses: { node1: 7, node2: '10.0.0.2:9094' } })).toMatchObject({
      enabled: false, replicationMin: null, apiAddresses: { node2: '10.0.0.2:9094' },
    });
  });
});

describe('where the Cluster REST API is', () => {
  const node = { id: 7, name: 'node1', apiAddress: '127.0.0.11:5001' } as NodeRecord;
  it('defaults to kubo\'s RPC host on port 9094, or what is configured', () => {
    expect(clusterAddressOf(node, {})).toBe('127.0.0.11:9094');
    expect(clusterAddressOf({ name: 'n', apiAddress: '127.0.0.1:5001' }, {})).toBe('127.0.0.1:9094');
    expect(clusterAddressOf({ name: 'n', apiAddress: '[::1]:5001' }, {})).toBe('[::1]:9094');
    expect(clusterAddressOf(node, { node1: '10.1.1.1:19094' })).toBe('10.1.1.1:19094');
  });
});
