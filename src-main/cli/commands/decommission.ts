// `pinfleet decommission NAME [--remove-container] [--remove-data] [--replicas N] [--dry-run]
// [--confirm NAME] [--realloc-timeout S]`: shows the plan first (what is stopped, removed and
// deleted; in Cluster mode the peer and the pins Cluster re-allocates), then runs it. A run that
// deletes data needs the node's name: typed at the prompt on a terminal, or given with --confirm.
import { createInterface } from 'node:readline/promises';
import type { DecommissionPlan, DecommissionReport, ProvisionProgress } from '../../../src-preload/contract/provisioning-types.js';
import { integerFlag, UsageError } from '../args.js';
import { call, type CommandContext } from '../command.js';

const USAGE = 'pinfleet decommission NAME [--remove-container] [--remove-data] [--replicas N] [--dry-run] [--confirm NAME] [--realloc-timeout SECONDS]';

export function describePlan(name: string, plan: DecommissionPlan): string {
  return [
    `Plan to decommission ${name} (${plan.mode === 'cluster' ? 'through IPFS Cluster' : 'standalone fleet'}):`,
    ...plan.steps.map((s, i) => `  ${i + 1}. ${s}`),
    ...(plan.deletes.length > 0 ? [`  Deletes on the server: ${plan.deletes.join(', ')}`] : []),
  ].join('\n');
}

function describeDecommission(report: DecommissionReport): string {
  if (report.dryRun) return `${describePlan(report.name, report.plan)}\nNothing was changed (dry run).`;
  return [
    `Decommissioned ${report.name}${report.plan.cluster ? ` through the cluster: ${report.plan.cluster.pins} pin(s) re-allocated to the remaining peers` : `: ${report.moved.length} CID(s) now held elsewhere`}.`,
    ...report.moved.map((m) => `  ${m.cid} → ${m.to.join(', ')}`),
    `  container ${report.containerRemoved ? 'removed' : 'stopped'}; data ${report.dataRemoved ? 'removed' : 'kept'}; ${report.removedFromInventory ? 'removed from the inventory' : 'still in the inventory'}`,
  ].join('\n');
}

async function askName(name: string): Promise<string> {
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await prompt.question(`This deletes data. Type ${name} to go on: `)).trim();
  } finally {
    prompt.close();
  }
}

export async function decommissionCommand(ctx: CommandContext): Promise<void> {
  const name = ctx.args[0];
  if (!name || ctx.args.length > 1) throw new UsageError(`usage: ${USAGE}`);
  const replicas = integerFlag(ctx.flags.replicas, 'replicas');
  const timeout = integerFlag(ctx.flags['realloc-timeout'], 'realloc-timeout');
  const input = {
    name,
    removeContainer: ctx.flags['remove-container'] === true,
    removeData: ctx.flags['remove-data'] === true,
    ...(replicas !== undefined ? { replicas } : {}),
    ...(timeout !== undefined ? { reallocationTimeoutSeconds: timeout } : {}),
  };
  const plan = await call(ctx, 'provisioning.decommission', { ...input, dryRun: true });
  if (ctx.flags['dry-run'] === true) {
    ctx.out.data(plan, () => describeDecommission(plan));
    return;
  }
  // The plan before anything changes, on stderr so --json output stays one document.
  process.stderr.write(`${describePlan(name, plan.plan)}\n`);
  let confirm = ctx.flags.confirm;
  if (plan.plan.confirmationRequired && confirm === undefined) {
    if (!process.stdin.isTTY || ctx.flags.json === true) {
      throw new UsageError(`decommissioning ${name} deletes ${plan.plan.deletes.join(', ')}: give --confirm ${name} to go on (nothing was changed)`);
    }
    confirm = await askName(name);
  }
  const unsubscribe = ctx.app().bus.subscribe((event, payload) => {
    const p = payload as ProvisionProgress;
    if (event === 'provisioning.progress' && p.kind === 'decommission' && p.line) process.stderr.write(`[${p.step}] ${p.line}\n`);
  });
  try {
    const report = await call(ctx, 'provisioning.decommission', { ...input, ...(confirm !== undefined ? { confirm } : {}) });
    ctx.out.data(report, () => describeDecommission(report));
  } finally {
    unsubscribe();
  }
}
