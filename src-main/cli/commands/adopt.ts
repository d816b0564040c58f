// `pinfleet adopt HOST --name N …`: find the kubo already running on a server, show what was
// found, and register it with the detected addresses and the confirmed host key.
import { PinfleetError } from '../../../src-preload/contract/errors.js';
import type { AdoptReport } from '../../../src-preload/contract/provisioning-types.js';
import { integerFlag, listFlag } from '../args.js';
import { call, type CommandContext } from '../command.js';
import { targetFromFlags } from './preflight.js';

const USAGE = 'pinfleet adopt HOST --name N --host-key SHA256:… (--key-file F | --agent) [--user U] [--port N] [--tags a,b] [--region R] [--priority N]';

export function describeAdopt(report: AdoptReport): string {
  const runtime = report.runtime.kind === 'container' ? `container ${report.runtime.name} (${report.runtime.image})` : `process ${report.runtime.pid} of ${report.runtime.user}: ${report.runtime.command}`;
  return [
    `kubo ${report.version} on ${report.host}: ${runtime}`,
    `  peer:        ${report.peerId}`,
    `  repo:        ${report.repoPath ?? 'unknown'}`,
    `  StorageMax:  ${report.storageMax ?? '-'}   GC watermark: ${report.gcWatermarkPercent ?? '-'} %`,
    `  RPC API:     ${report.apiAddress}  (listens on ${report.apiListen.join(', ') || '-'}: ${report.exposure.api})`,
    `  gateway:     ${report.gatewayAddress ?? '-'}  (listens on ${report.gatewayListen.join(', ') || '-'}: ${report.exposure.gateway})`,
    ...report.warnings.map((w) => `  WARNING: ${w}`),
  ].join('\n');
}

export async function adoptCommand(ctx: CommandContext): Promise<void> {
  const target = targetFromFlags(ctx, USAGE);
  const name = ctx.flags.name;
  if (!name) throw new PinfleetError('invalid_input', `--name is required: ${USAGE}`);
  const report = await call(ctx, 'provisioning.adoptDetect', { ...target, name });
  ctx.out.line(describeAdopt(report));
  if (report.gatewayAddress === null) throw new PinfleetError('remote_failed', `${report.host}: kubo has no TCP gateway address to register; nothing was added.`);
  const priority = integerFlag(ctx.flags.priority, 'priority');
  const node = await call(ctx, 'provisioning.adoptRegister', {
    ...target,
    name,
    tags: listFlag(ctx.flags.tags) ?? [],
    region: ctx.flags.region ?? null,
    ...(priority !== undefined ? { priority } : {}),
    apiAddress: report.apiAddress,
    gatewayAddress: report.gatewayAddress,
    kuboContainer: report.runtime.kind === 'container' ? report.runtime.name : null,
  });
  ctx.out.data({ report, node }, () => `Registered ${node.name} (${node.host}, RPC ${node.apiAddress}, gateway ${node.gatewayAddress}).`);
}
