// `pinfleet provision HOST --rollback [--run-id N] [--confirm NAME] [--dry-run]`: shows what the
// rollback undoes (the unfinished run, or the run named) before anything happens, on stderr so
// --json stays one document ({ plan, report }). What deletes data needs --confirm with the node's
// name typed exactly; main refuses it otherwise, and refuses a repo whose node holds pins.
import { PinfleetError } from '../../../src-preload/contract/errors.js';
import type { RollbackPlan, RollbackReport } from '../../../src-preload/contract/provisioning-types.js';
import { integerFlag } from '../args.js';
import { call, type CommandContext } from '../command.js';
import type { targetFromFlags } from './preflight.js';

export function describeRollbackPlan(plan: RollbackPlan): string {
  const lines = [`Rollback on ${plan.host}:`, ...plan.explanation.map((e) => `  ${e}`)];
  for (const run of plan.runs) {
    lines.push(`  run ${run.runId} (${run.status}${run.node ? `, node ${run.node}` : ''}):`);
    const actions = plan.actions.filter((a) => a.runId === run.runId);
    if (actions.length === 0) lines.push('    nothing to undo');
    for (const a of actions) lines.push(`    ${a.kept ? `(not undone) ${a.description}: ${a.kept}` : a.description}${a.deletesData ? '   [deletes data]' : ''}`);
  }
  if (plan.runs.length === 0) lines.push('  nothing to undo');
  for (const reason of plan.blocked) lines.push(`  BLOCKED: ${reason}`);
  if (plan.blocked.length === 0 && plan.confirmWord) lines.push(`  This deletes data: give --confirm ${plan.confirmWord} to go on.`);
  return lines.join('\n');
}

function describeReport(report: RollbackReport): string {
  if (report.undone.length === 0 && report.failures.length === 0) return `Nothing to roll back on ${report.host}.`;
  return [`Rolled back on ${report.host} (run${report.runIds.length > 1 ? 's' : ''} ${report.runIds.join(', ')}):`, ...report.undone.map((u) => `  ${u}`), ...report.failures.map((f) => `  FAILED: ${f}`)].join('\n');
}

export async function rollbackCommand(ctx: CommandContext, target: ReturnType<typeof targetFromFlags>): Promise<void> {
  const runId = integerFlag(ctx.flags['run-id'], 'run-id');
  const named = runId !== undefined ? { runId } : {};
  const plan = await call(ctx, 'provisioning.rollbackPlan', { ...target, ...named });
  if (ctx.flags['dry-run'] === true) {
    ctx.out.data({ plan, report: null }, () => describeRollbackPlan(plan));
    return;
  }
  process.stderr.write(`${describeRollbackPlan(plan)}\n`);
  const confirm = ctx.flags.confirm;
  let report: RollbackReport;
  try {
    // Main checks the block and the confirmation again: the plan shown is only advice to this process.
    report = await call(ctx, 'provisioning.rollback', { ...target, ...named, ...(confirm !== undefined ? { confirm } : {}) });
  } catch (error) {
    if (ctx.out.json) ctx.out.data({ plan, report: null }, () => '');
    if (error instanceof PinfleetError && error.code === 'confirmation_required') {
      throw new PinfleetError(error.code, `${error.message.replace(/: type (\S+) to confirm/, ': give --confirm $1 to go on')}`);
    }
    throw error;
  }
  ctx.out.data({ plan, report }, () => describeReport(report));
  if (report.failures.length > 0) throw new PinfleetError('remote_failed', `${report.failures.length} undo action(s) failed; run --rollback again once fixed.`);
}
