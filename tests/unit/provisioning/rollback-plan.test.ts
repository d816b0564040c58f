// The rollback's decision by table: which runs it undoes (never a successful one unless named),
// which actions delete data, what must be typed, and what blocks it (a repo whose node holds pins,
// or cannot say).
import { describe, expect, it } from 'vitest';
import { judgePins, planRollback, refusal, selectRuns, type PinAnswer, type RecordedRun, type RunStatus } from '../../../src-main/provisioning/steps/rollback-plan.js';
import { describeUndo, type UndoAction } from '../../../src-main/provisioning/steps/undo-actions.js';

const HOST = '10.0.0.5';
const EMPTY_DIR = 'QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn';
const repo: UndoAction = { kind: 'remove-path', path: '/srv/ipfs/ipfs', repoOf: 'eu1' };
const initDir: UndoAction = { kind: 'remove-path', path: '/srv/ipfs/container-init.d' };
const kubo: UndoAction = { kind: 'remove-container', name: 'pinfleet-kubo' };
const image: UndoAction = { kind: 'remove-image', ref: 'ipfs/kubo:v0.38.1' };
const registered: UndoAction = { kind: 'remove-node', name: 'eu1' };
const clusterState: UndoAction = { kind: 'remove-path', path: '/srv/ipfs/ipfs-cluster' };
const clusterBox: UndoAction = { kind: 'remove-container', name: 'pinfleet-cluster' };

function run(id: number, status: RunStatus, steps: Record<string, UndoAction[]> = {}, node: string | null = 'eu1'): RecordedRun {
  // Steps newest first, as the store answers them.
  return { id, status, createdAt: `2026-12-0${id}T00:00:00.000Z`, node, steps: Object.entries(steps).reverse().map(([step, undo]) => ({ step, undo })) };
}

/** The first successful run made eu1; later runs are the admin's attempts to add a Cluster peer. */
const provisioned = run(1, 'done', { image: [image], container: [repo, initDir, kubo], register: [registered] });

describe('which runs a rollback undoes', () => {
  it.each([
    { case: 'no runs', runs: [], runId: undefined, want: [] },
    { case: 'only a successful run: nothing, it is never undone unless named', runs: [provisioned], runId: undefined, want: [] },
    { case: 'a failed run after a successful one: only the failed one', runs: [provisioned, run(2, 'failed')], runId: undefined, want: [2] },
    { case: 'a failed run and its retry: both, newest first', runs: [provisioned, run(2, 'failed'), run(3, 'failed')], runId: undefined, want: [3, 2] },
    { case: 'an interrupted (running) run counts as unfinished', runs: [provisioned, run(2, 'running')], runId: undefined, want: [2] },
    { case: 'already rolled back runs are skipped', runs: [provisioned, run(2, 'failed'), run(3, 'rolled_back')], runId: undefined, want: [2] },
    { case: 'a failed run before a successful one is not undone (its work became the node)', runs: [run(1, 'failed'), run(2, 'done')], runId: undefined, want: [] },
    { case: 'a failed first attempt with no success yet', runs: [run(1, 'failed'), run(2, 'failed')], runId: undefined, want: [2, 1] },
    { case: 'named: the successful run, alone', runs: [provisioned, run(2, 'failed')], runId: 1, want: [1] },
    { case: 'named: one failed run of several', runs: [provisioned, run(2, 'failed'), run(3, 'failed')], runId: 2, want: [2] },
  ])('$case', ({ runs, runId, want }) => {
    expect(selectRuns(runs, runId).selected.map((r) => r.id)).toEqual(want);
  });

  it('refuses a run it does not know, or one already rolled back', () => {
    expect(() => selectRuns([provisioned], 9)).toThrow(expect.objectContaining({ code: 'not_found' }) as Error);
    expect(() => selectRuns([run(1, 'rolled_back')], 1)).toThrow(expect.objectContaining({ code: 'invalid_input' }) as Error);
  });
});

describe('the plan', () => {
  const nodes = [{ name: 'eu1', host: HOST }, { name: 'eu2', host: '10.0.0.6' }];
  const failedCluster = run(2, 'failed', { cluster: [clusterState, clusterBox] });

  it.each([
    { case: 'the failed Cluster attempt: its container and state folder, nothing of eu1', runs: [provisioned, failedCluster], runId: undefined,
      want: { actions: ['remove container pinfleet-cluster', 'remove /srv/ipfs/ipfs-cluster'], deleting: ['remove /srv/ipfs/ipfs-cluster'], confirmWord: 'eu1', asks: [] } },
    { case: 'a failed run that only pulled an image deletes no data', runs: [run(1, 'failed', { image: [image] })], runId: undefined,
      want: { actions: ['remove image ipfs/kubo:v0.38.1'], deleting: [], confirmWord: null, asks: [] } },
    { case: 'the named successful run: newest step first, the repo asked for pins', runs: [provisioned, failedCluster], runId: 1,
      want: { actions: ['remove eu1 from the inventory', 'remove container pinfleet-kubo', 'remove /srv/ipfs/container-init.d', 'remove /srv/ipfs/ipfs', 'remove image ipfs/kubo:v0.38.1'], deleting: ['remove /srv/ipfs/container-init.d', 'remove /srv/ipfs/ipfs'], confirmWord: 'eu1', asks: [{ path: '/srv/ipfs/ipfs', nodes: ['eu1'] }] } },
    { case: 'a run recorded before runs kept their node: any path may be a repo of a node on that host', runs: [run(1, 'failed', { container: [initDir] }, null)], runId: undefined,
      want: { actions: ['remove /srv/ipfs/container-init.d'], deleting: ['remove /srv/ipfs/container-init.d'], confirmWord: HOST, asks: [{ path: '/srv/ipfs/container-init.d', nodes: ['eu1'] }] } },
  ])('$case', ({ runs, runId, want }) => {
    const { plan, questions, undo } = planRollback({ host: HOST, runs, registered: nodes, ...(runId !== undefined ? { runId } : {}) });
    expect(plan.actions.map((a) => a.description)).toEqual(want.actions);
    expect(plan.actions.filter((a) => a.deletesData).map((a) => a.description)).toEqual(want.deleting);
    expect(plan.deletesData).toBe(want.deleting.length > 0);
    expect(plan.confirmWord).toBe(want.confirmWord);
    expect(questions).toEqual(want.asks);
    expect(undo).toHaveLength(plan.actions.filter((a) => !a.kept).length);
  });

  it.each([
    { case: 'a failed re-run replaced eu1\'s kubo container (a setting changed): kept, eu1 stays up', runs: [provisioned, run(2, 'failed', { container: [kubo], cluster: [clusterState, clusterBox] })], runId: undefined,
      kept: ['remove container pinfleet-kubo'], runs_: ['remove container pinfleet-cluster', 'remove /srv/ipfs/ipfs-cluster'] },
    { case: 'the named run that registered eu1 removes it too: its container goes with it', runs: [provisioned], runId: 1,
      kept: [], runs_: ['remove eu1 from the inventory', 'remove container pinfleet-kubo', 'remove /srv/ipfs/container-init.d', 'remove /srv/ipfs/ipfs', 'remove image ipfs/kubo:v0.38.1'] },
    { case: 'a container of the same name on another host is not eu1\'s', runs: [run(2, 'failed', { container: [kubo] })], runId: undefined, host: '10.0.0.9',
      kept: [], runs_: ['remove container pinfleet-kubo'] },
  ])('$case', ({ runs, runId, kept, runs_, host }) => {
    const { plan, undo } = planRollback({ host: host ?? HOST, runs, registered: [{ name: 'eu1', host: HOST, kuboContainer: 'pinfleet-kubo' }], ...(runId !== undefined ? { runId } : {}) });
    expect(plan.actions.filter((a) => a.kept).map((a) => a.description)).toEqual(kept);
    for (const a of plan.actions.filter((x) => x.kept)) expect(a.kept).toContain('it is the kubo of eu1, which stays registered');
    expect(undo.map((a) => describeUndo(a))).toEqual(runs_);
  });

  it('names the successful runs it leaves alone', () => {
    const { plan } = planRollback({ host: HOST, runs: [provisioned, failedCluster], registered: nodes });
    expect(plan.leftAlone.map((r) => [r.runId, r.status])).toEqual([[1, 'done']]);
    expect(plan.explanation.join(' ')).toContain('Left alone: run 1 (done)');
  });

  it('a repo of a node that is not in the inventory is not asked about', () => {
    const { questions } = planRollback({ host: HOST, runs: [provisioned], runId: 1, registered: [{ name: 'eu2', host: '10.0.0.6' }] });
    expect(questions).toEqual([]);
  });
});

describe('what blocks it, and the typed confirmation', () => {
  const draft = planRollback({ host: HOST, runs: [provisioned], runId: 1, registered: [{ name: 'eu1', host: HOST }] });

  it.each<{ case: string; answers: PinAnswer[]; blocked: RegExp | null }>([
    { case: 'eu1 holds no pins: the repo may go', answers: [{ node: 'eu1', pins: [] }], blocked: null },
    { case: 'eu1 holds only the empty folder kubo pins at init: the repo may go', answers: [{ node: 'eu1', pins: [EMPTY_DIR] }], blocked: null },
    { case: 'eu1 holds pins: refused', answers: [{ node: 'eu1', pins: [EMPTY_DIR, 'bafkreia', 'bafkreib', 'bafkreic'] }], blocked: /repo of eu1, which holds 3 pins\. Decommission eu1 instead/ },
    { case: 'eu1 holds one pin: refused', answers: [{ node: 'eu1', pins: ['QmData'] }], blocked: /which holds 1 pin\./ },
    { case: 'eu1 cannot be asked: refused, unknown is not empty', answers: [{ node: 'eu1', error: 'connection refused' }], blocked: /could not be asked .*connection refused.*unknown is not empty/ },
    { case: 'eu1 was not asked at all: refused', answers: [], blocked: /was not asked/ },
  ])('$case', ({ answers, blocked }) => {
    const plan = judgePins(draft, answers);
    if (blocked === null) {
      expect(plan.blocked).toEqual([]);
      expect(refusal(plan, 'eu1')).toBeNull();
    } else {
      expect(plan.blocked.join(' ')).toMatch(blocked);
      // Blocked whatever is typed: nothing at all is undone.
      expect(refusal(plan, 'eu1')).toMatchObject({ code: 'holds_data', message: expect.stringContaining('Nothing was undone') as unknown });
    }
  });

  it.each([
    { confirm: undefined, refused: true },
    { confirm: '', refused: true },
    { confirm: 'EU1', refused: true },
    { confirm: 'eu1 ', refused: true },
    { confirm: HOST, refused: true },
    { confirm: 'eu1', refused: false },
  ])('data to delete, typed $confirm: refused $refused', ({ confirm, refused }) => {
    const plan = judgePins(draft, [{ node: 'eu1', pins: [] }]);
    const problem = refusal(plan, confirm);
    if (refused) expect(problem).toMatchObject({ code: 'confirmation_required', message: expect.stringMatching(/deletes data \(\/srv\/ipfs\/container-init\.d, \/srv\/ipfs\/ipfs\): type eu1 to confirm/) as unknown });
    else expect(problem).toBeNull();
  });

  it('nothing to delete needs no confirmation', () => {
    const { plan } = planRollback({ host: HOST, runs: [run(1, 'failed', { image: [image] })], registered: [] });
    expect(refusal(plan, undefined)).toBeNull();
  });
});
