// `pinfleet decommission NAME [--remove-container] [--remove-data] [--replicas N]`: drain a node,
// move every CID it holds onto the others (verified), then stop it and remove it from the inventory.
import type { DecommissionReport, ProvisionProgress } from '../../../src-preload/contract/provisioning-types.js';
import { integerFlag, UsageError } from '../args.js';
import { call, type CommandContext } from '../command.js';

const USAGE = 'pinfleet decommission NAME [--remove-container] [--remove-data] [--replicas N]';

function describeDecommission(report: DecommissionReport): string {
  return [
    `Decommissioned ${report.name}: ${report.moved.length} CID(s) now held elsewhere.`,
    ...report.moved.map((m) => `  ${m.cid} → ${m.to.join(', ')}`),
    `  container ${report.containerRemoved ? 'removed' : 'stopped'}; data ${report.dataRemoved ? 'removed' : 'kept'}; ${report.removedFromInventory ? 'removed from the inventory' : 'still in the inventory'}`,
  ].join('\n');
}

export async function decommissionCommand(ctx: CommandContext): Promise<void> {
  const name = ctx.args[0];
  if (!name || ctx.args.length > 1) throw new UsageError(`usage: ${USAGE}`);
  const replicas = integerFlag(ctx.flags.replicas, 'replicas');
  const unsubscribe = ctx.app().bus.subscribe((event, payload) => {
    const p = payload as ProvisionProgress;
    if (event === 'provisioning.progress' && p.kind === 'decommission' && p.line) process.stderr.write(`[${p.step}] ${p.line}\n`);
  });
  try {
    const report = await call(ctx, 'provisioning.decommission', {
      name,
      removeContainer: ctx.flags['remove-container'] === true,
      removeData: ctx.flags['remove-data'] === true,
      ...(replicas !== undefined ? { replicas } : {}),
    });
    ctx.out.data(report, () => describeDecommission(report));
  } finally {
    unsubscribe();
  }
}
