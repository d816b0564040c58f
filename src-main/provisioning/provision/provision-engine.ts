// The add-a-server wizard as a resumable state machine: the steps of PROVISION_STEPS in order, each
// recorded (provisioning_steps, with what it did and how to undo it), streamed to the UI as
// provisioning.progress events and, when it changed something, written to the audit log. The first
// failure stops the run with its reason; the admin retries from that step (fromStep) or rolls back
// what the unfinished run did (provision-rollback.ts).
import { PinfleetError } from '../../../src-preload/contract/errors.js';
import { provisionStepsFor, type ProvisionProgress, type ProvisionReport, type ProvisionStepName } from '../../../src-preload/contract/provisioning-types.js';
import { openTargetSession, type ConnectionTarget, type TargetSession } from '../../connections/target-connector.js';
import { rpcTokenFor } from './rpc-token.js';
import { writeAudit } from '../../inventory/audit-log.js';
import { defaultKuboImage } from '../steps/default-image.js';
import { serverLayout, swarmHostFor } from '../steps/provision-plan.js';
import type { ProvisionInput, RunShared, StepEnv, StepOutcome, WizardDeps } from '../steps/provision-env.js';
import type { Identity } from '../steps/provision-plan.js';
import { peerIdentity } from '../../uploads/kubo-pins.js';
import { ProvisionRunStore } from '../steps/provision-run-store.js';
import { connectStep, dockerStep, imageStep, preflightStep } from './steps-host.js';
import { configureStep, containerStep, registerStep, verifyStep } from './steps-node.js';
import type { UndoAction } from '../steps/undo-actions.js';
import { clusterStep } from './cluster-step.js';

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
        store.stepEnded(runId, entry.step, 'skipped', { summary: entry.summary, lines: [], undo: [], node: input.name });
        emit({ step: entry.step, status: 'skipped', line: entry.summary, bytes: null });
        continue;
      }
      const undo: UndoAction[] = [];
      const layout = serverLayout(input.dataPath);
      const env: StepEnv = {
        input, deps, session: open, report, shared,
        image: input.image ?? defaultKuboImage(deps.environment),
        swarmHost: swarmHostFor(input.host, input.swarmHost),
        layout,
        run: (argv, options) => open.connector.exec(open.node, argv, { timeoutMs: options?.timeoutMs ?? 60_000, ...(options?.stdin !== undefined ? { stdin: options.stdin } : {}) }),
        docker: () => open.connector.docker(open.node),
        kuboUrl: () => open.connector.kuboApiUrl(open.node),
        say: (line) => {
          if (entry.lines.length < MAX_LINES) entry.lines.push(line);
          emit({ step: entry.step, status: 'running', line, bytes: null });
        },
        bytes: (done, total) => emit({ step: entry.step, status: 'running', line: null, bytes: { done, total } }),
        // The repo is marked as this node's, so a rollback asks the node for pins before deleting it.
        undo: (action) => {
          undo.push(action.kind === 'remove-path' && action.path === layout.repo ? { ...action, repoOf: input.name } : action);
          store.stepUndoRecorded(runId, entry.step, { summary: '', lines: [], undo, node: input.name });
        },
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
        store.stepEnded(runId, entry.step, 'done', { summary: outcome.summary, lines: entry.lines, undo, node: input.name });
        if (outcome.changed) {
          writeAudit(deps.db, { at: new Date().toISOString(), actor: deps.actor, action: `provisioning.${entry.step}`, target: input.name, detail: { host: input.host, runId, summary: outcome.summary, undo } });
        }
        emit({ step: entry.step, status: 'done', line: outcome.summary, bytes: null });
      } catch (error) {
        const failure = asFailure(error);
        Object.assign(entry, { status: 'failed', summary: failure.message, durationMs: took() });
        // What the step did before it failed is recorded too: a rollback must undo it.
        store.stepEnded(runId, entry.step, 'failed', { summary: failure.message, lines: entry.lines, undo, node: input.name });
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
    store.stepEnded(runId, 'connect', 'failed', { summary: failure.message, lines: [], undo: [], node: input.name });
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
