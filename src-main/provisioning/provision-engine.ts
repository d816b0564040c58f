// The add-a-server wizard as a resumable state machine: the steps of PROVISION_STEPS in order, each
// recorded (provisioning_steps, with what it did and how to undo it), streamed to the UI as
// provisioning.progress events and, when it changed something, written to the audit log. The first
// failure stops the run with its reason; the admin retries from that step (fromStep) or rolls back
// everything the wizard did on that server (rollbackProvisioning).
import { PinfleetError } from '../../src-preload/contract/errors.js';
import { provisionStepsFor, type ProvisionProgress, type ProvisionReport, type ProvisionStepName, type RollbackReport } from '../../src-preload/contract/provisioning-types.js';
import { openTargetSession, type ConnectionTarget, type TargetSession } from '../connections/target-connector.js';
import { rpcTokenFor } from './rpc-token.js';
import { writeAudit } from '../inventory/audit-log.js';
import { defaultKuboImage } from './default-image.js';
import { serverLayout, swarmHostFor } from './provision-plan.js';
import type { ProvisionInput, RunShared, StepEnv, StepOutcome, WizardDeps } from './provision-env.js';
import type { Identity } from './provision-plan.js';
import { peerIdentity } from '../uploads/kubo-pins.js';
import { ProvisionRunStore } from './provision-run-store.js';
import { connectStep, dockerStep, imageStep, preflightStep } from './steps-host.js';
import { configureStep, containerStep, registerStep, verifyStep } from './steps-node.js';
import { describeUndo, type UndoAction } from './undo-actions.js';
import { clusterStep } from './cluster-step.js';
import { removeClusterPeer } from '../cluster/cluster-peer-access.js';

const STEPS: Record<ProvisionStepName, (env: StepEnv) => Promise<StepOutcome>> = {
  connect: connectStep,
  preflight: preflightStep,
  docker: dockerStep,
  image: imageStep,
  container: containerStep,
  configure: configureStep,
  cluster: clusterStep,
  verify: verifyStep,
  register: registerStep,
};

const MAX_LINES = 200;

function targetOf(input: Pick<ProvisionInput, 'host' | 'port' | 'user' | 'fingerprint' | 'login'>): ConnectionTarget {
  return { host: input.host, port: input.port, user: input.user, fingerprint: input.fingerprint, login: input.login };
}

export async function provisionServer(deps: WizardDeps, input: ProvisionInput): Promise<ProvisionReport> {
  const store = new ProvisionRunStore(deps.db);
  const runId = store.startRun(input.host, 'provision');
  const report: ProvisionReport = {
    runId, host: input.host, name: input.name, status: 'done', failedStep: null, error: null, changed: false, dockerInstall: null, health: null,
    steps: provisionStepsFor(input).map((step) => ({ step, status: 'pending', changed: false, durationMs: null, summary: '', lines: [] })),
  };
  const emit = (progress: Omit<ProvisionProgress, 'runId' | 'host' | 'kind'>) => deps.bus.publish('provisioning.progress', { runId, host: input.host, kind: 'provision', ...progress });
  let session: TargetSession | null = null;
  const fromIndex = input.fromStep ? Math.max(0, provisionStepsFor(input).indexOf(input.fromStep)) : 0;
  // The fleet's identities are asked now, over the pooled connections, while the server is prepared.
  const shared: RunShared = { facts: null, factsAskedAt: 0, factsAnsweredAt: 0, peers: fleetIdentities(deps, input) };
  try {
    session = openTargetSession(targetOf(input), {
      environment: deps.environment,
      log: deps.log,
      // With rpcToken the session always sends the token: kubo ignores it until it requires it.
      ...(input.rpcToken ? { rpcAuthorization: async () => `Bearer ${await rpcTokenFor(deps.secrets, input.host, input.containerName)}` } : {}),
    });
    const open = session;
    for (const [index, entry] of report.steps.entries()) {
      // Connect always runs (every later step needs the session); others before fromStep are not repeated.
      if (index < fromIndex && entry.step !== 'connect') {
        entry.status = 'skipped';
        entry.summary = `not run: resumed from ${input.fromStep}`;
        store.stepEnded(runId, entry.step, 'skipped', { summary: entry.summary, lines: [], undo: [] });
        emit({ step: entry.step, status: 'skipped', line: entry.summary, bytes: null });
        continue;
      }
      const undo: UndoAction[] = [];
      const env: StepEnv = {
        input, deps, session: open, report, shared,
        image: input.image ?? defaultKuboImage(deps.environment),
        swarmHost: swarmHostFor(input.host, input.swarmHost),
        layout: serverLayout(input.dataPath),
        run: (argv, options) => open.connector.exec(open.node, argv, { timeoutMs: options?.timeoutMs ?? 60_000, ...(options?.stdin !== undefined ? { stdin: options.stdin } : {}) }),
        docker: () => open.connector.docker(open.node),
        kuboUrl: () => open.connector.kuboApiUrl(open.node),
        say: (line) => {
          if (entry.lines.length < MAX_LINES) entry.lines.push(line);
          emit({ step: entry.step, status: 'running', line, bytes: null });
        },
        bytes: (done, total) => emit({ step: entry.step, status: 'running', line: null, bytes: { done, total } }),
        undo: (action) => undo.push(action),
      };
      entry.status = 'running';
      const startedAt = performance.now();
      const took = () => Math.round(performance.now() - startedAt);
      store.stepStarted(runId, entry.step);
      emit({ step: entry.step, status: 'running', line: null, bytes: null });
      try {
        const outcome = await STEPS[entry.step](env);
        Object.assign(entry, { status: 'done', changed: outcome.changed, summary: outcome.summary, durationMs: took() });
        report.changed ||= outcome.changed;
        store.stepEnded(runId, entry.step, 'done', { summary: outcome.summary, lines: entry.lines, undo });
        if (outcome.changed) {
          writeAudit(deps.db, { at: new Date().toISOString(), actor: deps.actor, action: `provisioning.${entry.step}`, target: input.name, detail: { host: input.host, runId, summary: outcome.summary, undo } });
        }
        emit({ step: entry.step, status: 'done', line: outcome.summary, bytes: null });
      } catch (error) {
        const failure = asFailure(error);
        Object.assign(entry, { status: 'failed', summary: failure.message, durationMs: took() });
        // What the step did before it failed is recorded too: a rollback must undo it.
        store.stepEnded(runId, entry.step, 'failed', { summary: failure.message, lines: entry.lines, undo });
        if (undo.length > 0) writeAudit(deps.db, { at: new Date().toISOString(), actor: deps.actor, action: `provisioning.${entry.step}`, target: input.name, detail: { host: input.host, runId, failed: failure.message, undo } });
        emit({ step: entry.step, status: 'failed', line: failure.message, bytes: null });
        report.status = 'failed';
        report.failedStep = entry.step;
        report.error = failure;
        break;
      }
    }
  } catch (error) {
    // The session could not even be opened (a bad key file): the connect step failed.
    const failure = asFailure(error);
    const connect = report.steps[0]!;
    Object.assign(connect, { status: 'failed', summary: failure.message });
    store.stepEnded(runId, 'connect', 'failed', { summary: failure.message, lines: [], undo: [] });
    emit({ step: 'connect', status: 'failed', line: failure.message, bytes: null });
    Object.assign(report, { status: 'failed', failedStep: 'connect', error: failure });
  } finally {
    await session?.close();
  }
  store.finishRun(runId, report.status, report.error?.message ?? null);
  return report;
}

/** Every other inventory node's peer ID and addresses; one that does not answer is noted, not fatal. */
async function fleetIdentities(deps: WizardDeps, input: ProvisionInput): Promise<{ identities: Identity[]; notes: string[] }> {
  const others = deps.inventory.listNodes().filter((n) => n.name.toLowerCase() !== input.name.toLowerCase() && n.host.toLowerCase() !== input.host.toLowerCase());
  const identities: Identity[] = [];
  const notes: string[] = [];
  await Promise.all(
    others.map(async (node) => {
      try {
        identities.push({ name: node.name, ...(await peerIdentity(await deps.connector.kuboApiUrl(node))) });
      } catch (error) {
        notes.push(`not peering with ${node.name}: it did not answer (${error instanceof Error ? error.message : String(error)})`);
      }
    }),
  );
  return { identities, notes };
}

function asFailure(error: unknown): { code: string; message: string } {
  if (error instanceof PinfleetError) return { code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'remote_failed', message };
}

/** Undoes, newest first, everything the wizard's runs on this host did and have not undone yet. */
export async function rollbackProvisioning(deps: WizardDeps, target: ConnectionTarget): Promise<RollbackReport> {
  const store = new ProvisionRunStore(deps.db);
  const { runIds, actions } = store.pendingUndo(target.host);
  const report: RollbackReport = { host: target.host, runIds, undone: [], failures: [] };
  const emit = (line: string, status: 'running' | 'done' | 'failed') =>
    deps.bus.publish('provisioning.progress', { runId: runIds[0] ?? 0, host: target.host, kind: 'rollback', step: 'rollback', status, line, bytes: null });
  if (actions.length === 0) {
    if (runIds.length > 0) store.markRolledBack(runIds);
    emit('nothing to undo', 'done');
    return report;
  }
  const needsServer = actions.some((a) => a.action.kind !== 'remove-node' && a.action.kind !== 'remove-cluster-peer');
  const session = needsServer ? openTargetSession(target, { environment: deps.environment, log: deps.log }) : null;
  try {
    for (const { action } of actions) {
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
  if (report.failures.length === 0) store.markRolledBack(runIds);
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
