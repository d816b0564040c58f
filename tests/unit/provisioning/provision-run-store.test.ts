// The run store against a real SQLite inventory: what a rollback reads back. A process killed in
// the middle of a step leaves the run 'running'; what that step had made is still found.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStorage, type OpenedDatabase } from '../../../src-main/inventory/index.js';
import { ProvisionRunStore } from '../../../src-main/provisioning/steps/provision-run-store.js';
import { planRollback } from '../../../src-main/provisioning/steps/rollback-plan.js';
import { tempDir } from '../inventory/inventory-test-kit.js';

let opened: OpenedDatabase;
let store: ProvisionRunStore;

beforeEach(() => {
  opened = openStorage({ dataDir: tempDir() }).opened;
  store = new ProvisionRunStore(opened.db);
});
afterEach(() => opened.db.close());

describe('ProvisionRunStore', () => {
  it('finds the undo actions of a step the process was killed in, and its node', () => {
    const runId = store.startRun('10.0.0.5', 'provision');
    store.stepStarted(runId, 'connect');
    store.stepEnded(runId, 'connect', 'done', { summary: 'connected', lines: [], undo: [], node: 'eu1' });
    store.stepStarted(runId, 'container');
    store.stepUndoRecorded(runId, 'container', { summary: '', lines: [], undo: [{ kind: 'remove-path', path: '/srv/ipfs/ipfs', repoOf: 'eu1' }], node: 'eu1' });
    // Killed here: no stepEnded, no finishRun.
    const runs = store.runsOf('10.0.0.5');
    expect(runs).toMatchObject([{ id: runId, status: 'running', node: 'eu1', steps: [{ step: 'container', undo: [{ kind: 'remove-path', path: '/srv/ipfs/ipfs' }] }, { step: 'connect', undo: [] }] }]);
    const { plan } = planRollback({ host: '10.0.0.5', runs, registered: [] });
    expect(plan.actions.map((a) => a.description)).toEqual(['remove /srv/ipfs/ipfs']);

    store.markRolledBack([runId]);
    expect(store.runsOf('10.0.0.5')[0]!.status).toBe('rolled_back');
    expect(planRollback({ host: '10.0.0.5', runs: store.runsOf('10.0.0.5'), registered: [] }).plan.runIds).toEqual([]);
  });

  it('answers only add-a-server runs of that host, newest first, the host in any case', () => {
    const first = store.startRun('Srv.example', 'provision');
    store.finishRun(first, 'done');
    const second = store.startRun('srv.example', 'provision');
    store.finishRun(second, 'failed', 'cluster step failed');
    store.startRun('srv.example', 'decommission');
    store.startRun('other.example', 'provision');
    expect(store.runsOf('SRV.example').map((r) => [r.id, r.status])).toEqual([[second, 'failed'], [first, 'done']]);
  });
});
