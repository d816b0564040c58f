// `pinfleet cluster …`: the IPFS Cluster page on the command line, over the same channels.
import type { ClusterOverview, ClusterPin, ClusterPinsPage, ClusterSettings, ClusterSetupProgress, ClusterSetupReport } from '../../../src-preload/contract/cluster-types.js';
import type { ChannelInput } from '../../../src-preload/contract/contract.js';
import type { z } from 'zod';
import type { pinStatusFilter } from '../../../src-preload/contract/cluster-schemas.js';
import { PinfleetError } from '../../../src-preload/contract/errors.js';
import { formatBytes } from '../../placement/format-bytes.js';
import { UsageError, type CliFlags } from '../args.js';
import { call, type CommandContext } from '../command.js';
import { table } from '../output.js';

export const CLUSTER_USAGE = [
  '  cluster peers                  cluster peers with freespace, tags and health, and open alerts',
  '  cluster status [CID] [--filter all|pinned|pinning|queued|error|unexpectedly_unpinned|underReplicated] [--limit N]',
  '                                 the pinset with per-peer status and allocations',
  '  cluster pin CID [--rmin N --rmax N] [--name TEXT]   pin through the cluster (the allocator places it)',
  '  cluster unpin CID              remove from the cluster pinset',
  '  cluster replication CID --rmin N --rmax N          change a pin\'s replication',
  '  cluster recover [CID]          retry pins in error (one, or all)',
  '  cluster gc                     garbage-collect every peer\'s kubo',
  '  cluster import [--rmin N --rmax N] [--node NAME] [--dry-run]   put the CIDs the nodes already pin into the pinset',
  '  cluster setup [--node A,B] [--rmin N --rmax N] [--image REF] [--run-as UID:GID] [--state-dir NODE=PATH,…] [--dry-run]',
  '                                 "Set up a cluster": a peer beside every node\'s kubo, then their pins imported',
  '  cluster alerts [--json]        alerts the cluster raised (e.g. a peer stopped pinging)',
  '  cluster settings [--enable|--disable] [--node NAME] [--user U --password-stdin] [--rmin N --rmax N]',
].join('\n');

function integer(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value)) throw new UsageError(`--${flag} must be a whole number (-1 means every peer), not "${value}"`);
  return Number(value);
}

function needCid(ctx: CommandContext, usage: string): string {
  const cid = ctx.args[0];
  if (!cid) throw new UsageError(`usage: pinfleet cluster ${usage}`);
  return cid;
}

const replication = (pin: ClusterPin) => `${pin.replicationMin ?? '?'}..${pin.replicationMax ?? '?'}`;

export function describePeers(overview: ClusterOverview): string {
  const rows = overview.peers.map((p) => [
    p.name, p.node ?? '-', p.freespaceBytes === null ? '-' : formatBytes(p.freespaceBytes),
    Object.entries(p.tags).map(([k, v]) => `${k}=${v}`).join(',') || '-',
    p.error ? `DOWN: ${p.error}` : p.metricsExpired ? 'metrics expired' : 'ok', p.id,
  ]);
  const alerts = overview.alerts.map((a) => `  ${a.cleared ? 'cleared' : 'ALERT'} ${a.name} from ${a.peerName} at ${a.triggeredAt}`);
  return [`Cluster ${overview.version} via ${overview.via}`, table(['PEER', 'NODE', 'FREE', 'TAGS', 'HEALTH', 'ID'], rows), ...alerts].join('\n');
}

export function describePins(page: ClusterPinsPage): string {
  const rows = page.pins.map((p) => [
    p.cid, p.name || '-', replication(p), p.allocationNames.join(',') || 'every peer',
    p.peers.map((s) => `${s.peerName}:${s.status}`).join(' '),
    p.underReplicated ? 'UNDER-REPLICATED' : p.settled ? 'ok' : 'in progress',
  ]);
  return [table(['CID', 'NAME', 'REPL', 'ALLOCATED', 'PER PEER', 'STATE'], rows), `${page.pins.length} of ${page.total} shown, ${page.underReplicated} under-replicated${page.via ? ` (via ${page.via})` : ''}`].join('\n');
}

/** `node1=/srv/a,node2=/srv/b` → { node1: '/srv/a', node2: '/srv/b' }. */
export function stateDirsFlag(value: string | undefined): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  const dirs: Record<string, string> = {};
  for (const pair of value.split(',')) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError(`--state-dir takes NODE=PATH pairs separated by commas, not "${pair}"`);
    dirs[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return dirs;
}

export function describeSetup(report: ClusterSetupReport): string {
  const rows = report.peers.map((p) => [p.node, p.action, p.peerId || '(made at set-up)', p.swarmAddress.replace(/\/p2p\/.*$/, ''), p.restAddress, p.stateDir]);
  const found = report.import.found.map((f) => `${f.node} ${f.pins}`).join(', ');
  const lines = [
    table(['NODE', 'PEER', 'ID', 'SWARM', 'REST', 'STATE FOLDER'], rows),
    `replication ${report.replicationMin}..${report.replicationMax}, REST user ${report.restUser}, ${report.secretGenerated ? 'a new fleet secret' : 'the stored fleet secret'}`,
    `pins found: ${found || 'none'}; ${report.import.toImport.length} CID(s) ${report.dryRun ? 'would be imported' : `to import: ${report.import.imported} imported, ${report.import.failed.length} failed`}`,
  ];
  if (report.dryRun) lines.push('dry run: nothing was changed');
  else {
    lines.push(`kept: ${report.kept.checked - report.kept.missing.length} of ${report.kept.checked} pins the nodes held before are still pinned`);
    for (const m of report.kept.missing.slice(0, 20)) lines.push(`  NOT PINNED ANY MORE: ${m.cid} on ${m.node}`);
    lines.push(`cluster mode: ${report.settings.enabled ? 'on' : 'off'}`);
  }
  return lines.join('\n');
}

function describeSettings(s: ClusterSettings): string {
  return [
    `uploads through the cluster: ${s.enabled ? 'on' : 'off'}`,
    `peer asked:                  ${s.node ?? 'the first active node whose peer answers'}`,
    `REST login:                  ${s.user ? `${s.user} (password ${s.hasPassword ? 'stored' : 'NOT stored'})` : 'none'}`,
    `replication min..max:        ${s.replicationMin ?? 'cluster default'}..${s.replicationMax ?? 'cluster default'}`,
    ...Object.entries(s.apiAddresses).map(([n, a]) => `REST API of ${n}:`.padEnd(29) + a),
  ].join('\n');
}

async function readStdinLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split('\n')[0]!.replace(/\r$/, '');
}

export async function settingsChanges(flags: CliFlags, stdin: () => Promise<string>): Promise<ChannelInput<'cluster.updateSettings'>> {
  if (flags.enable && flags.disable) throw new UsageError('--enable and --disable together: pick one');
  const changes: ChannelInput<'cluster.updateSettings'> = {};
  if (flags.enable) changes.enabled = true;
  if (flags.disable) changes.enabled = false;
  if (flags.node !== undefined) changes.node = flags.node === '' ? null : flags.node;
  if (flags.user !== undefined) changes.user = flags.user === '' ? null : flags.user;
  if (flags['password-stdin']) changes.password = await stdin();
  const rmin = integer(flags.rmin, 'rmin');
  const rmax = integer(flags.rmax, 'rmax');
  if (rmin !== undefined) changes.replicationMin = rmin;
  if (rmax !== undefined) changes.replicationMax = rmax;
  return changes;
}

export async function clusterCommand(ctx: CommandContext): Promise<void> {
  const [sub, ...rest] = ctx.args;
  const sctx = { ...ctx, args: rest };
  switch (sub) {
    case 'peers': {
      const overview = await call(ctx, 'cluster.peers');
      ctx.out.data(overview, () => describePeers(overview));
      return;
    }
    case 'alerts': {
      const alerts = await call(ctx, 'cluster.alerts');
      ctx.out.data(alerts, () => (alerts.length === 0 ? 'No alerts.' : table(['ALERT', 'PEER', 'SINCE', 'NOW'], alerts.map((a) => [a.name, a.peerName, a.triggeredAt, a.cleared ? 'cleared: it answers again' : 'ACTIVE']))));
      return;
    }
    case 'status': {
      // The router validates it against the schema and names the allowed values.
      const filter = (ctx.flags.filter ?? 'all') as z.input<typeof pinStatusFilter>;
      const page = await call(ctx, 'cluster.pins', { ...(rest[0] ? { cid: rest[0] } : {}), filter, limit: integer(ctx.flags.limit, 'limit') ?? 1000 });
      ctx.out.data(page, () => describePins(page));
      return;
    }
    case 'pin': {
      const cid = needCid(sctx, 'pin CID [--rmin N --rmax N]');
      const pin = await call(ctx, 'cluster.pin', {
        cid, name: ctx.flags.name, replicationMin: integer(ctx.flags.rmin, 'rmin'), replicationMax: integer(ctx.flags.rmax, 'rmax'),
      });
      ctx.out.data(pin, () => `Pinned ${cid} (replication ${replication(pin)}); the cluster allocated it to ${pin.allocationNames.join(', ') || 'every peer'}.`);
      return;
    }
    case 'replication': {
      const usage = 'replication CID --rmin N --rmax N';
      const cid = needCid(sctx, usage);
      const min = integer(ctx.flags.rmin, 'rmin');
      const max = integer(ctx.flags.rmax, 'rmax');
      if (min === undefined || max === undefined) throw new UsageError(`usage: pinfleet cluster ${usage}`);
      const pin = await call(ctx, 'cluster.setReplication', { cid, replicationMin: min, replicationMax: max });
      ctx.out.data(pin, () => `${cid}: replication ${replication(pin)}, allocated to ${pin.allocationNames.join(', ') || 'every peer'}.`);
      return;
    }
    case 'unpin': {
      const cid = needCid(sctx, 'unpin CID');
      const result = await call(ctx, 'cluster.unpin', { cid });
      ctx.out.data(result, () => `Unpinned ${cid} from the cluster.`);
      return;
    }
    case 'recover': {
      const pins = await call(ctx, 'cluster.recover', rest[0] ? { cid: rest[0] } : {});
      ctx.out.data(pins, () => (pins.length === 0 ? 'Nothing needed recovering.' : describePins({ via: '', pins, total: pins.length, underReplicated: pins.filter((p) => p.underReplicated).length })));
      return;
    }
    case 'gc': {
      const report = await call(ctx, 'cluster.gc');
      ctx.out.data(report, () => table(['PEER', 'REMOVED BLOCKS', 'ERROR'], report.peers.map((p) => [p.peerName, String(p.removed), p.error || '-'])));
      return;
    }
    case 'import': {
      const report = await call(ctx, 'cluster.importPins', {
        replicationMin: integer(ctx.flags.rmin, 'rmin'), replicationMax: integer(ctx.flags.rmax, 'rmax'),
        ...(ctx.flags.node ? { nodes: [ctx.flags.node] } : {}), dryRun: ctx.flags['dry-run'] ?? false,
      });
      ctx.out.data(report, () => [
        ...report.found.map((f) => `${f.node}: ${f.pins} pins in kubo`),
        `${report.alreadyInPinset} already in the cluster pinset, ${report.toImport.length} to import` +
          (ctx.flags['dry-run'] ? ' (dry run: nothing pinned)' : `: ${report.imported} imported, ${report.failed.length} failed`),
        ...report.failed.slice(0, 5).map((f) => `  ${f.cid}: ${f.error}`),
      ].join('\n'));
      return;
    }
    case 'setup': {
      const unsubscribe = ctx.app().bus.subscribe((event, payload) => {
        if (event !== 'cluster.setupProgress') return;
        const p = payload as ClusterSetupProgress;
        process.stderr.write(`[${p.step}/${p.steps} ${p.phase}]${p.node ? ` ${p.node}:` : ''} ${p.message}\n`);
      });
      try {
        const report = await call(ctx, 'cluster.setup', {
          ...(ctx.flags.node ? { nodes: ctx.flags.node.split(',').filter((n) => n !== '') } : {}),
          replicationMin: integer(ctx.flags.rmin, 'rmin'), replicationMax: integer(ctx.flags.rmax, 'rmax'),
          ...(ctx.flags.image ? { image: ctx.flags.image } : {}),
          ...(ctx.flags['run-as'] ? { runAs: ctx.flags['run-as'] } : {}),
          ...(ctx.flags['state-dir'] ? { stateDirs: stateDirsFlag(ctx.flags['state-dir']) } : {}),
          dryRun: ctx.flags['dry-run'] ?? false,
        });
        ctx.out.data(report, () => describeSetup(report));
        // A pin lost on its node is a failure even though the cluster was set up.
        if (report.kept.missing.length > 0) throw new PinfleetError('remote_failed', `${report.kept.missing.length} pin(s) the nodes held before are not pinned there any more: see the list above`);
      } finally {
        unsubscribe();
      }
      return;
    }
    case 'settings': {
      const changes = await settingsChanges(ctx.flags, readStdinLine);
      const settings = Object.keys(changes).length === 0 ? await call(ctx, 'cluster.settings') : await call(ctx, 'cluster.updateSettings', changes);
      ctx.out.data(settings, () => describeSettings(settings));
      return;
    }
    default:
      throw new UsageError('usage: pinfleet cluster peers|status [CID]|pin CID [--rmin N --rmax N]|unpin CID|replication CID --rmin N --rmax N|recover [CID]|gc|alerts|import|setup|settings');
  }
}
