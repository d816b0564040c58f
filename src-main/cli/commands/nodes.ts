// `pinfleet nodes list|show|add|remove`
import { PinfleetError } from '../../../src-preload/contract/errors.js';
import type { NodeInput } from '../../../src-preload/contract/schemas.js';
import type { NodeRecord } from '../../../src-preload/contract/types.js';
import type { NodeHealth } from '../../../src-preload/contract/health-types.js';
import { formatBytes } from '../../placement/format-bytes.js';
import { integerFlag, listFlag, UsageError, type CliFlags } from '../args.js';
import { call, type CommandContext } from '../command.js';
import { table } from '../output.js';

function describeNode(node: NodeRecord): string {
  return [
    `${node.name}  (${node.state})`,
    `  ssh:        ${node.sshUser}@${node.host}:${node.sshPort}`,
    `  host key:   ${node.hostKeyFingerprint ?? 'not pinned yet (confirmed on first connect)'}`,
    node.apiUrl
      ? `  kubo API:   ${node.apiUrl} (direct URL, no SSH tunnel)`
      : `  kubo API:   ${node.apiAddress} (on the server, through the SSH tunnel)`,
    ...(node.kuboContainer ? [`  container:  ${node.kuboContainer} (set by the admin)`] : []),
    `  gateway:    ${node.gatewayAddress} (on the server)`,
    `  region:     ${node.region ?? '-'}`,
    `  tags:       ${node.tags.join(', ') || '-'}`,
    `  priority:   ${node.priority}`,
    ...(node.notes ? [`  notes:      ${node.notes}`] : []),
    `  added:      ${node.createdAt}`,
  ].join('\n');
}

/** The node's health as the last poll recorded it (`nodes show` never polls: `pinfleet status` does). */
export function describeHealth(health: NodeHealth): string {
  const c = health.capacity;
  const container = health.container;
  return [
    `  health:     ${health.state} — ${health.reason}`,
    `  checked:    ${health.checkedAt ?? 'never'} (last seen ${health.lastSeenAt ?? 'never'})`,
    ...(c
      ? [
          `  capacity:   ${formatBytes(c.repoSize)} used of ${formatBytes(c.usableTotal)} usable (${(c.fillRatio * 100).toFixed(1)} % full), ${formatBytes(c.usableFree)} free`,
          `  disk:       ${formatBytes(c.diskFree)} free of ${formatBytes(c.diskTotal)}; StorageMax ${formatBytes(c.storageMax)}; limited by ${c.limitedBy}`,
        ]
      : []),
    ...(health.kuboVersion ? [`  kubo:       ${health.kuboVersion}, peer ${health.peerId ?? '-'}, ${health.peers ?? '-'} peers`] : []),
    ...(container
      ? [`  container:  ${container.name} ${container.state} (${container.image}, ${container.restartCount} restarts, started ${container.startedAt ?? '-'})`]
      : []),
  ].join('\n');
}

/** Builds nodes.add input from flags; undefined fields take the contract's defaults. */
export function nodeInputFromFlags(name: string, flags: CliFlags): NodeInput {
  if (!flags.host) throw new PinfleetError('invalid_input', '--host is required: the server\'s host name or IP address');
  const input: Record<string, unknown> = {
    name,
    host: flags.host,
    sshPort: integerFlag(flags.port, 'port'),
    sshUser: flags.user,
    hostKeyFingerprint: flags['host-key'],
    tags: listFlag(flags.tags),
    region: flags.region,
    priority: integerFlag(flags.priority, 'priority'),
    notes: flags.notes,
    apiAddress: flags.api,
    gatewayAddress: flags.gateway,
    apiUrl: flags['api-url'],
    kuboContainer: flags['kubo-container'],
  };
  for (const key of Object.keys(input)) if (input[key] === undefined) delete input[key];
  return input as NodeInput;
}

function requireName(ctx: CommandContext, verb: string): string {
  const name = ctx.args[0];
  if (!name) throw new PinfleetError('invalid_input', `usage: pinfleet nodes ${verb} NAME`);
  return name;
}

export async function nodesCommand(sub: string | undefined, ctx: CommandContext): Promise<void> {
  switch (sub) {
    case 'list':
    case undefined: {
      const nodes = await call(ctx, 'nodes.list');
      ctx.out.data(nodes, () =>
        nodes.length === 0
          ? 'No nodes in the inventory yet. Add one: pinfleet nodes add NAME --host HOST'
          : table(
              ['NAME', 'HOST', 'USER', 'REGION', 'TAGS', 'PRIO', 'STATE'],
              nodes.map((n) => [n.name, `${n.host}:${n.sshPort}`, n.sshUser, n.region ?? '-', n.tags.join(',') || '-', String(n.priority), n.state]),
            ),
      );
      return;
    }
    case 'show': {
      const node = await call(ctx, 'nodes.get', { name: requireName(ctx, 'show') });
      const health = await call(ctx, 'health.node', { name: node.name });
      // How kubo's RPC is reached, and warnings about it (a credential sent in the clear), never a secret.
      const access = (await call(ctx, 'credentials.get', { name: node.name })).api ?? null;
      const warnings = (access?.warnings ?? []).map((w) => `  WARNING:    ${w.code}: ${w.message}`);
      const rpcAuth = access ? [`  RPC auth:   ${access.credential ?? 'none'}`] : [];
      ctx.out.data({ ...node, health, access }, () => [describeNode(node), ...rpcAuth, ...warnings, describeHealth(health)].join('\n'));
      return;
    }
    case 'add': {
      const node = await call(ctx, 'nodes.add', nodeInputFromFlags(requireName(ctx, 'add --host HOST'), ctx.flags));
      ctx.out.data(node, () => `Added ${node.name} (${node.sshUser}@${node.host}:${node.sshPort}).`);
      return;
    }
    case 'remove': {
      const result = await call(ctx, 'nodes.remove', { name: requireName(ctx, 'remove') });
      ctx.out.data(result, () => `Removed ${result.removed} from the inventory (nothing on the server was touched).`);
      return;
    }
    default:
      throw new UsageError(`unknown command "nodes ${sub}": use list, show, add or remove`);
  }
}
