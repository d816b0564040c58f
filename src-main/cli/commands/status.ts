// `pinfleet status`
import { call, type CommandContext } from '../command.js';

export async function statusCommand(ctx: CommandContext): Promise<void> {
  const status = await call(ctx, 'status.get');
  ctx.out.data(status, () =>
    [
      `Nodes:      ${status.nodes.total} (${status.nodes.active} active, ${status.nodes.draining} draining)`,
      `Regions:    ${status.regions.join(', ') || '-'}`,
      `Inventory:  ${status.inventory.path} (schema ${status.inventory.schemaVersion})`,
      ...(status.inventory.readOnly ? [`WARNING:    read-only — ${status.inventory.readOnlyReason}`] : []),
    ].join('\n'),
  );
}
