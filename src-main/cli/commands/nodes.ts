// `pinfleet nodes list|show|add|update|remove`
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

/**
 * Builds nodes.update changes from the flags given, and only those. `--host-key` is passed on so
 * that the router refuses it with the same words as every other client: pins change through
 * `pinfleet hostkeys trust|replace`. "none" clears --api-url, --kubo-container and --region.
 */
export function nodeChangesFromFlags(flags: CliFlags): Record<string, unknown> {
  const orNone = (value: string | undefined) => (value === 'none' ? null : value);
  const changes: Record<string, unknown> = {
    name: flags.name,
    host: flags.host,
    sshPort: integerFlag(flags.port, 'port'),
    sshUser: flags.user,
    hostKeyFingerprint: flags['host-key'],
    tags: flags.tags === undefined ? undefined : listFlag(flags.tags),
    region: orNone(flags.region),
    priority: integerFlag(flags.priority, 'priority'),
    state: flags.state,
    notes: flags.notes,
    apiAddress: flags.api,
    gatewayAddress: flags.gateway,
    apiUrl: orNone(flags['api-url']),
    kuboContainer: orNone(flags['kubo-container']),
  };
  for (const key of Object.keys(changes)) if (changes[key] === undefined) delete changes[key];
  if (Object.keys(changes).length === 0) {
    throw new UsageError('nodes update NAME needs at least one field to change, e.g. --host HOST, --tags a,b or --api-url URL');
  }
  return changes;
}

/** What an update made the admin confirm again: a cleared pin, a dropped RPC credential. */
export function describeUpdate(before: NodeRecord, after: NodeRecord, hadApiCredential: boolean, hasApiCredential: boolean): string[] {
  const lines = [`Updated ${after.name}.`];
  if (before.hostKeyFingerprint !== null && after.hostKeyFingerprint === null) {
    lines.push(
      `The host key pin was cleared because the address changed: nothing secret is sent to ${after.host}:${after.sshPort} until you confirm its key:`,
      `  pinfleet hostkeys check ${after.name}, then pinfleet hostkeys trust ${after.name} --fingerprint SHA256:…`,
    );
  }
  if (hadApiCredential && !hasApiCredential) {
    lines.push(`The RPC credential was dropped because it was meant for the old URL; set it again for ${after.apiUrl ?? 'the new URL'}: pinfleet credentials set ${after.name} --api-token-stdin`);
  }
  return lines;
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
    case 'update': {
      const name = requireName(ctx, 'update');
      const changes = nodeChangesFromFlags(ctx.flags);
      const before = await call(ctx, 'nodes.get', { name });
      const hadApi = (await call(ctx, 'credentials.get', { name })).api?.credential != null;
      const after = await call(ctx, 'nodes.update', { name, changes: changes as never });
      const hasApi = (await call(ctx, 'credentials.get', { name: after.name })).api?.credential != null;
      ctx.out.data(after, () => describeUpdate(before, after, hadApi, hasApi).join('\n'));
      return;
    }
    case 'remove': {
      const result = await call(ctx, 'nodes.remove', { name: requireName(ctx, 'remove') });
      ctx.out.data(result, () =>
        result.secretsPending === null
          ? `Removed ${result.removed} from the inventory and its secrets from the secret store (nothing on the server was touched).`
          : `Removed ${result.removed} from the inventory (nothing on the server was touched). ${result.secretsPending}`,
      );
      return;
    }
    default:
      throw new UsageError(`unknown command "nodes ${sub}": use list, show, add, update or remove`);
  }
}
