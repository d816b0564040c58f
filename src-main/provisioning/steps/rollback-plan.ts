// What "Roll back" of the add-a-server wizard will undo, decided before anything is touched: which
// runs (the unfinished attempt, or the one run the admin names), their undo actions in the order
// they run, which of them delete data, what the admin must type to allow that, and what blocks the
// whole rollback. Pure: the engine reads the runs and asks kubo for pins, then shows this as a plan.
import { PinfleetError } from '../../../src-preload/contract/errors.js';
import type { RollbackPlan, RollbackPlanAction, RollbackPlanRun } from '../../../src-preload/contract/provisioning-types.js';
import { describeUndo, type UndoAction } from './undo-actions.js';

export type RunStatus = 'running' | 'paused' | 'failed' | 'done' | 'rolled_back' | 'cancelled';

/** One provision run on the host as recorded: its steps newest first, each with its undo actions in the order they were made. */
export interface RecordedRun {
  id: number;
  status: RunStatus;
  createdAt: string;
  /** The node it was for; null for rows written before the run recorded it. */
  node: string | null;
  steps: { step: string; undo: UndoAction[] }[];
}

/** A repo the rollback would delete, and the registered node(s) that must be asked whether it holds pins. */
export interface PinQuestion {
  path: string;
  nodes: string[];
}

export interface PlanDraft {
  plan: RollbackPlan;
  /** The recorded actions behind plan.actions that are not kept, in the same order: what the rollback runs. */
  undo: UndoAction[];
  /** Asked by the engine before the plan is final (judgePins). */
  questions: PinQuestion[];
}

/** A node's recursive pins (their CIDs), or why it could not say. */
export type PinAnswer = { node: string; pins: string[] } | { node: string; error: string };

/** The empty folder `ipfs init` pins in every new repo (CIDv0 and v1): it holds nothing. */
const INIT_PINS = new Set(['QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn', 'bafybeiczsscdsbs7ffqz55asqdf3smv6klcw3gofszvwlyarci47bgf354']);

/** The pins that hold the admin's data: every recursive pin but kubo's own empty folder. */
export function dataPins(pins: readonly string[]): string[] {
  return pins.filter((cid) => !INIT_PINS.has(cid));
}

/**
 * Which runs a rollback undoes. Named: that run only, even a successful one. Otherwise the
 * unfinished attempt: the runs newer than the newest successful one that are not rolled back yet
 * (a retry from a step is a new run of the same attempt). A successful run and anything before it
 * is never undone unless named: its work may be a production node's.
 */
export function selectRuns(runs: readonly RecordedRun[], runId?: number): { selected: RecordedRun[]; why: string } {
  const newestFirst = [...runs].sort((a, b) => b.id - a.id);
  if (runId !== undefined) {
    const named = newestFirst.find((r) => r.id === runId);
    if (!named) throw new PinfleetError('not_found', `runId: this host has no add-a-server run ${runId}`);
    if (named.status === 'rolled_back') throw new PinfleetError('invalid_input', `runId: run ${runId} is already rolled back`);
    return { selected: [named], why: `run ${runId} (${named.status}), as named` };
  }
  const selected: RecordedRun[] = [];
  for (const run of newestFirst) {
    if (run.status === 'done') break;
    if (run.status !== 'rolled_back') selected.push(run);
  }
  if (selected.length === 0) {
    const done = newestFirst.find((r) => r.status === 'done');
    return { selected, why: done ? `the last run (${done.id}) succeeded: nothing unfinished to undo; name a run (runId) to undo a successful one` : 'no unfinished run on this host' };
  }
  return { selected, why: `the unfinished run${selected.length > 1 ? 's' : ''} ${selected.map((r) => r.id).join(', ')} since the last successful one` };
}

/** A path a rollback removes is the node's data; a container, an image, an inventory row or a peerset entry is not. */
export function deletesData(action: UndoAction): boolean {
  return action.kind === 'remove-path';
}

export interface RegisteredNode {
  name: string;
  host: string;
  kuboContainer?: string | null | undefined;
}

/**
 * A container the plan would remove that is the kubo of a registered node it does not also remove
 * from the inventory: a re-run that changed a setting replaced it, and removing the new one would
 * not bring the old one back, only take the node down. Left running, with why.
 */
function keptContainer(action: UndoAction, host: string, registered: readonly RegisteredNode[], removedNodes: ReadonlySet<string>): string | null {
  if (action.kind !== 'remove-container') return null;
  const owner = registered.find((n) => n.host.toLowerCase() === host.toLowerCase() && n.kuboContainer === action.name && !removedNodes.has(n.name.toLowerCase()));
  return owner ? `kept: it is the kubo of ${owner.name}, which stays registered; removing it would take ${owner.name} down without bringing back what it replaced (re-run the wizard with the earlier settings instead)` : null;
}

/** registered: every inventory node. A repo is matched to its node by name wherever the inventory says it is: a wrong match only refuses. */
export function planRollback(input: { host: string; runs: readonly RecordedRun[]; runId?: number; registered: readonly RegisteredNode[] }): PlanDraft {
  const { selected, why } = selectRuns(input.runs, input.runId);
  const chosen = new Set(selected.map((r) => r.id));
  const actions: RollbackPlanAction[] = [];
  const undoActions: UndoAction[] = [];
  const questions: PinQuestion[] = [];
  const removedNodes = new Set(selected.flatMap((r) => r.steps.flatMap((st) => st.undo)).flatMap((a) => (a.kind === 'remove-node' ? [a.name.toLowerCase()] : [])));
  for (const run of selected) {
    for (const { step, undo } of run.steps) {
      for (const action of [...undo].reverse()) {
        const kept = keptContainer(action, input.host, input.registered, removedNodes);
        if (!kept) undoActions.push(action);
        actions.push({
          runId: run.id, step, kind: action.kind, description: describeUndo(action), deletesData: deletesData(action),
          ...(action.kind === 'remove-path' && action.repoOf ? { repoOf: action.repoOf } : {}),
          ...(kept ? { kept } : {}),
        });
        if (action.kind !== 'remove-path') continue;
        // A repo of a registered node is asked for pins. Older rows did not mark repos: any path of theirs could be one.
        const owners = (action.repoOf
          ? input.registered.filter((n) => n.name.toLowerCase() === action.repoOf!.toLowerCase())
          : run.node === null ? input.registered.filter((n) => n.host.toLowerCase() === input.host.toLowerCase()) : []
        ).map((n) => n.name);
        if (owners.length > 0) questions.push({ path: action.path, nodes: owners });
      }
    }
  }
  const runs: RollbackPlanRun[] = selected.map((r) => ({ runId: r.id, status: r.status, createdAt: r.createdAt, node: r.node }));
  const leftAlone = [...input.runs].sort((a, b) => b.id - a.id).filter((r) => !chosen.has(r.id) && r.status !== 'rolled_back').map((r) => ({ runId: r.id, status: r.status, createdAt: r.createdAt, node: r.node }));
  const destructive = actions.some((a) => a.deletesData);
  const plan: RollbackPlan = {
    host: input.host,
    runIds: selected.map((r) => r.id),
    runs,
    actions,
    leftAlone,
    deletesData: destructive,
    confirmWord: destructive ? (selected.find((r) => r.node !== null)?.node ?? input.host) : null,
    blocked: [],
    explanation: [
      `Undoes ${why}.`,
      ...(leftAlone.length > 0 ? [`Left alone: run${leftAlone.length > 1 ? 's' : ''} ${leftAlone.map((r) => `${r.runId} (${r.status})`).join(', ')}.`] : []),
      ...(questions.length > 0 ? ['A repo of a registered node is deleted only when its kubo answers that it holds no pins; if it holds any, or cannot be asked, nothing at all is undone, so the node is never left half-removed.'] : []),
    ],
  };
  return { plan, undo: undoActions, questions };
}

/** The plan with its blocks: a repo whose node holds pins, or could not say, stops the whole rollback before anything is touched. */
export function judgePins(draft: PlanDraft, answers: readonly PinAnswer[]): RollbackPlan {
  const blocked: string[] = [];
  for (const question of draft.questions) {
    for (const node of question.nodes) {
      const answer = answers.find((a) => a.node === node);
      if (!answer) blocked.push(`refusing to delete ${question.path}: ${node} was not asked for its pins`);
      else if ('error' in answer) blocked.push(`refusing to delete ${question.path}: ${node} could not be asked for its pins (${answer.error}); unknown is not empty. Bring its kubo back, or decommission ${node} instead.`);
      else {
        const held = dataPins(answer.pins).length;
        if (held > 0) blocked.push(`refusing to delete ${question.path}: it is the repo of ${node}, which holds ${held} pin${held > 1 ? 's' : ''}. Decommission ${node} instead: it moves every pin to other nodes first.`);
      }
    }
  }
  return { ...draft.plan, blocked };
}

/** Why the rollback may not run as asked, or null: blocked, or data to delete without the exact name typed. */
export function refusal(plan: RollbackPlan, confirm: string | undefined): PinfleetError | null {
  if (plan.blocked.length > 0) return new PinfleetError('holds_data', `Nothing was undone. ${plan.blocked.join(' ')}`);
  if (plan.deletesData && confirm !== plan.confirmWord) {
    const doomed = plan.actions.filter((a) => a.deletesData).map((a) => a.description.replace(/^remove /, ''));
    return new PinfleetError('confirmation_required', `This rollback deletes data (${doomed.join(', ')}): type ${plan.confirmWord} to confirm${confirm ? ` (you typed "${confirm}")` : ''}. Nothing was undone.`);
  }
  return null;
}
