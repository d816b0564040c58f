// `pinfleet provision HOST --name N --data-path P …`: the add-a-server wizard from a terminal.
// Progress (step starts, log lines, bytes sent) goes to stderr; the report to stdout (--json for
// scripts). A failed step exits 1 naming the step to retry from (--from-step) or --rollback
// (provision-rollback.ts).
import { PinfleetError } from '../../../src-preload/contract/errors.js';
import type { ProvisionProgress, ProvisionReport } from '../../../src-preload/contract/provisioning-types.js';
import { parseSize } from '../../provisioning/steps/provision-plan.js';
import { formatBytes } from '../../provisioning/steps/system-judges.js';
import { integerFlag, listFlag, UsageError } from '../args.js';
import { call, type CommandContext } from '../command.js';
import { targetFromFlags } from './preflight.js';
import { rollbackCommand } from './provision-rollback.js';

const USAGE =
  'pinfleet provision HOST --host-key SHA256:… (--key-file F | --agent) --name N --data-path P [--reserve SIZE] [--storage-max SIZE] [--tags a,b] [--region R] [--priority N] [--image REF] [--send-image [--image-file TAR]] [--private-network [--fleet-networks CIDR,…]] [--swarm-address IP] [--run-as UID:GID] [--container NAME] [--install-docker] [--cluster-peer [--cluster-bootstrap MULTIADDR,…] [--cluster-image REF] [--cluster-run-as UID:GID]] [--rpc-token] [--gateway-fetch] [--from-step S] [--rollback [--run-id N] [--confirm NODE] [--dry-run]]';

function sizeFlag(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const bytes = parseSize(value);
  if (bytes === null) throw new PinfleetError('invalid_input', `--${name}: "${value}" is not a size (e.g. 512MiB, 20GB, or bytes)`);
  return bytes;
}

export function progressText(p: ProvisionProgress): string | null {
  if (p.bytes) return `  ${p.step}: ${formatBytes(p.bytes.done)}${p.bytes.total ? ` of ${formatBytes(p.bytes.total)}` : ''} sent`;
  if (p.status === 'running' && p.line === null) return `[${p.step}] …`;
  if (p.line === null) return null;
  const mark = p.status === 'failed' ? 'FAILED: ' : p.status === 'done' ? 'ok: ' : p.status === 'skipped' ? 'skipped: ' : '  ';
  return `${p.status === 'running' ? '' : `[${p.step}] `}${mark}${p.line}`;
}

export function describeProvision(report: ProvisionReport): string {
  const rows = report.steps.map((s) => `  ${s.step.padEnd(10)} ${s.status.padEnd(8)}${s.changed ? ' changed ' : '         '}${s.summary}`);
  const head = report.status === 'done'
    ? `${report.name} (${report.host}) is ${report.changed ? 'provisioned' : 'already provisioned: nothing changed'}.`
    : `Provisioning ${report.host} stopped at ${report.failedStep}: ${report.error?.message ?? ''}`;
  const tail = report.status === 'failed'
    ? `Fix it, then retry with --from-step ${report.failedStep}, or undo this run with --rollback (it shows what it undoes first).`
    : report.health ? `First poll: ${report.health.state}${report.health.usableTotal !== null ? `, ${formatBytes(report.health.usableTotal)} usable` : ''}.` : '';
  return [head, ...rows, ...(report.dockerInstall ? ['Docker install commands:', ...report.dockerInstall.map((c) => `  ${c}`)] : []), tail].filter(Boolean).join('\n');
}

export async function provisionCommand(ctx: CommandContext): Promise<void> {
  const target = targetFromFlags(ctx, USAGE);
  const unsubscribe = ctx.app().bus.subscribe((event, payload) => {
    if (event !== 'provisioning.progress') return;
    const text = progressText(payload as ProvisionProgress);
    if (text) process.stderr.write(`${text}\n`);
  });
  try {
    if (ctx.flags.rollback) return await rollbackCommand(ctx, target);
    const name = ctx.flags.name;
    const dataPath = ctx.flags['data-path'];
    if (!name || !dataPath) throw new UsageError(`--name and --data-path are required: ${USAGE}`);
    const fromStep = ctx.flags['from-step'];
    const priority = integerFlag(ctx.flags.priority, 'priority');
    const reserveBytes = sizeFlag(ctx.flags.reserve, 'reserve');
    const storageMaxBytes = sizeFlag(ctx.flags['storage-max'], 'storage-max');
    const report = await call(ctx, 'provisioning.provision', {
      ...target,
      name,
      dataPath,
      tags: listFlag(ctx.flags.tags) ?? [],
      region: ctx.flags.region ?? null,
      ...(priority !== undefined ? { priority } : {}),
      ...(reserveBytes !== undefined ? { reserveBytes } : {}),
      ...(storageMaxBytes !== undefined ? { storageMaxBytes } : {}),
      ...(ctx.flags.image ? { image: ctx.flags.image } : {}),
      imageSource: ctx.flags['send-image'] || ctx.flags['image-file'] ? 'send' : 'pull',
      ...(ctx.flags['image-file'] ? { imageFile: ctx.flags['image-file'] } : {}),
      privateNetwork: ctx.flags['private-network'] === true,
      ...(ctx.flags['fleet-networks'] ? { fleetNetworks: listFlag(ctx.flags['fleet-networks']) } : {}),
      ...(ctx.flags['swarm-address'] ? { swarmHost: ctx.flags['swarm-address'] } : {}),
      ...(ctx.flags['run-as'] ? { runAs: ctx.flags['run-as'] } : {}),
      ...(ctx.flags.container ? { containerName: ctx.flags.container } : {}),
      installDocker: ctx.flags['install-docker'] === true,
      clusterPeer: ctx.flags['cluster-peer'] === true,
      ...(ctx.flags['cluster-bootstrap'] ? { clusterBootstrap: listFlag(ctx.flags['cluster-bootstrap']) } : {}),
      ...(ctx.flags['cluster-image'] ? { clusterImage: ctx.flags['cluster-image'] } : {}),
      ...(ctx.flags['cluster-run-as'] ? { clusterRunAs: ctx.flags['cluster-run-as'] } : {}),
      rpcToken: ctx.flags['rpc-token'] === true,
      gatewayOnlyLocal: ctx.flags['gateway-fetch'] !== true,
      ...(fromStep ? { fromStep: fromStep as never } : {}),
    });
    ctx.out.data(report, () => describeProvision(report));
    if (report.status === 'failed') throw new PinfleetError('remote_failed', `stopped at ${report.failedStep}: ${report.error?.message ?? ''}`);
  } finally {
    unsubscribe();
  }
}
