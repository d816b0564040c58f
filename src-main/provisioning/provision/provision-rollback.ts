// "Roll back" of the add-a-server wizard: the plan (rollback-plan.ts) made from the recorded runs and
// the pins of any registered node whose repo it would delete, then, only when nothing blocks it and
// the admin typed the name for what deletes data, each undo action newest first.
import { PinfleetError } from '../../../src-preload/contract/errors.js';
import type { RollbackPlan, RollbackReport } from '../../../src-preload/contract/provisioning-types.js';
import { removeClusterPeer } from '../../cluster/cluster-peer-access.js';
import { openTargetSession, type ConnectionTarget, type TargetSession } from '../../connections/target-connector.js';
import { kuboCall } from '../../health/kubo-rpc.js';
import { writeAudit } from '../../inventory/audit-log.js';
import type { WizardDeps } from '../steps/provision-env.js';
import { ProvisionRunStore } from '../steps/provision-run-store.js';
import { judgePins, planRollback, refusal, type PinAnswer } from '../steps/rollback-plan.js';
import { describeUndo, type UndoAction } from '../steps/undo-actions.js';

/** A node that cannot list its pins within this is treated as holding some. */
const PIN_LS_TIMEOUT_MS = 30_000;

export interface RollbackRequest extends ConnectionTarget {
  runId?: number | undefined;
  confirm?: string | undefined;
}

/** What a rollback of this host would undo, with what blocks it; changes nothing. */
export async function rollbackPlan(deps: WizardDeps, host: string, runId?: number): Promise<RollbackPlan> {
  return (await planWithActions(deps, host, runId)).plan;
}

async function planWithActions(deps: WizardDeps, host: string, runId?: number): Promise<{ plan: RollbackPlan; undo: UndoAction[] }> {
  const registered = deps.inventory.listNodes().map((n) => ({ name: n.name, host: n.host, kuboContainer: n.kuboContainer }));
  const draft = planRollback({ host, runs: new ProvisionRunStore(deps.db).runsOf(host), registered, ...(runId !== undefined ? { runId } : {}) });
  const asked = [...new Set(draft.questions.flatMap((q) => q.nodes))];
  return { plan: judgePins(draft, await Promise.all(asked.map((name) => askPins(deps, name)))), undo: draft.undo };
}

/** `pin ls --type=recursive` of a registered node through the pooled connector; any failure is an answer too. */
async function askPins(deps: WizardDeps, name: string): Promise<PinAnswer> {
  const node = deps.inventory.listNodes().find((n) => n.name === name);
  if (!node) return { node: name, error: 'it left the inventory meanwhile' };
  const deadline = AbortSignal.timeout(PIN_LS_TIMEOUT_MS);
  const late = new Promise<never>((_, reject) => deadline.addEventListener('abort', () => reject(new Error(`no answer within ${PIN_LS_TIMEOUT_MS / 1000} s`)), { once: true }));
  try {
    const answer = await Promise.race([deps.connector.kuboApiUrl(node).then((url) => kuboCall(url, 'pin/ls?type=recursive', deadline)), late]);
    const keys = (answer as { Keys?: unknown } | null)?.Keys;
    if (!keys || typeof keys !== 'object') return { node: name, error: 'its pin ls answer lists no Keys' };
    return { node: name, pins: Object.keys(keys) };
  } catch (error) {
    return { node: name, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Undoes, newest first, what the plan lists; refuses before touching anything when the plan is blocked or not confirmed. */
export async function rollbackProvisioning(deps: WizardDeps, request: RollbackRequest): Promise<RollbackReport> {
  const { runId, confirm, ...target } = request;
  const { plan, undo } = await planWithActions(deps, target.host, runId);
  const { runIds } = plan;
  const report: RollbackReport = { host: target.host, runIds, undone: [], failures: [] };
  const emit = (line: string, status: 'running' | 'done' | 'failed') =>
    deps.bus.publish('provisioning.progress', { runId: runIds[0] ?? 0, host: target.host, kind: 'rollback', step: 'rollback', status, line, bytes: null });
  const refused = refusal(plan, confirm);
  if (refused) {
    emit(refused.message, 'failed');
    throw refused;
  }
  if (undo.length === 0) {
    if (runIds.length > 0) new ProvisionRunStore(deps.db).markRolledBack(runIds);
    emit('nothing to undo', 'done');
    return report;
  }
  const needsServer = undo.some((a) => a.kind !== 'remove-node' && a.kind !== 'remove-cluster-peer');
  const session = needsServer ? openTargetSession(target, { environment: deps.environment, log: deps.log }) : null;
  try {
    for (const action of undo) {
      const what = describeUndo(action);
      try {
        await undoOne(deps, session, action);
        report.undone.push(what);
        emit(what, 'running');
      } catch (error) {
        const why = `${what}: ${error instanceof Error ? error.message : String(error)}`;
        report.failures.push(why);
        emit(why, 'failed');
      }
    }
  } finally {
    await session?.close();
  }
  // Runs stay pending when something could not be undone, so a second rollback tries again.
  if (report.failures.length === 0) new ProvisionRunStore(deps.db).markRolledBack(runIds);
  writeAudit(deps.db, { at: new Date().toISOString(), actor: deps.actor, action: 'provisioning.rollback', target: target.host, detail: { runIds, undone: report.undone, failures: report.failures } });
  emit(report.failures.length === 0 ? `rolled back ${report.undone.length} change(s)` : `${report.failures.length} undo action(s) failed`, report.failures.length === 0 ? 'done' : 'failed');
  return report;
}

async function undoOne(deps: WizardDeps, session: TargetSession | null, action: UndoAction): Promise<void> {
  if (action.kind === 'remove-node') {
    if (deps.inventory.listNodes().some((n) => n.name.toLowerCase() === action.name.toLowerCase())) {
      deps.inventory.removeNode(action.name, deps.actor);
      deps.bus.publish('inventory.changed', { change: 'removed', names: [action.name] });
    }
    return;
  }
  if (action.kind === 'remove-cluster-peer') {
    // Asked of the existing cluster (its peers re-allocate what the peer held); its container goes next.
    if (!deps.cluster) throw new PinfleetError('internal', 'this Pinfleet was started without its Cluster service');
    await removeClusterPeer((await deps.cluster.reach()).client, action.peerId);
    return;
  }
  if (!session) throw new PinfleetError('internal', 'no session to the server');
  if (action.kind === 'remove-path') {
    // Only paths this wizard created are recorded; refuse anything short enough to be a system folder.
    if (!action.path.startsWith('/') || action.path.split('/').filter(Boolean).length < 2) throw new PinfleetError('internal', `refusing to remove ${action.path}`);
    const result = await session.connector.exec(session.node, ['rm', '-rf', '--one-file-system', '--', action.path], { timeoutMs: 120_000 });
    if (result.code !== 0) throw new PinfleetError('remote_failed', result.stderr.trim() || `exit code ${String(result.code)}`);
    return;
  }
  const docker = await session.connector.docker(session.node);
  try {
    if (action.kind === 'remove-container') await docker.getContainer(action.name).remove({ force: true });
    else await docker.getImage(action.ref).remove();
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return; // Already gone.
    throw error;
  }
}
