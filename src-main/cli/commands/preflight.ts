// `pinfleet preflight HOST …`: the checks the provisioning wizard runs before it changes anything.
// Exits 1 when a check fails, so a script can stop there.
import { PinfleetError } from '../../../src-preload/contract/errors.js';
import type { PreflightReport } from '../../../src-preload/contract/provisioning-types.js';
import { integerFlag, UsageError } from '../args.js';
import { call, type CommandContext } from '../command.js';
import { table } from '../output.js';

/** The target of a server not in the inventory yet: HOST [--port N] [--user U] --host-key SHA256:… and --key-file F | --agent. */
export interface TargetArgs {
  host: string;
  port?: number;
  user?: string;
  fingerprint: string;
  login: { method: 'keyFile'; keyPath: string } | { method: 'agent' };
}

export function targetFromFlags(ctx: CommandContext, usage: string): TargetArgs {
  const host = ctx.args[0];
  if (!host || ctx.args.length > 1) throw new UsageError(`usage: ${usage}`);
  const fingerprint = ctx.flags['host-key'];
  if (!fingerprint) {
    throw new PinfleetError('invalid_input', `--host-key is required: compare the server's key (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub on it) and pass SHA256:…`);
  }
  const keyFile = ctx.flags['key-file'];
  if ((keyFile === undefined) === (ctx.flags.agent !== true)) throw new UsageError('give exactly one of --key-file PATH or --agent');
  const port = integerFlag(ctx.flags.port, 'port');
  return {
    host,
    ...(port !== undefined ? { port } : {}),
    ...(ctx.flags.user !== undefined ? { user: ctx.flags.user } : {}),
    fingerprint,
    login: keyFile !== undefined ? { method: 'keyFile', keyPath: keyFile } : { method: 'agent' },
  };
}

const USAGE = 'pinfleet preflight HOST --host-key SHA256:… (--key-file F | --agent) --data-path P [--user U] [--port N] [--listen ADDRESS]';

export function describePreflight(report: PreflightReport): string {
  const rows = report.findings.map((f) => [f.status.toUpperCase(), f.check, f.summary, f.action ?? '']);
  return [`Preflight of ${report.host} (data path ${report.dataPath}): ${report.verdict.toUpperCase()}`, table(['STATUS', 'CHECK', 'SEEN', 'WHAT TO DO'], rows)].join('\n');
}

export async function preflightCommand(ctx: CommandContext): Promise<void> {
  const target = targetFromFlags(ctx, USAGE);
  const dataPath = ctx.flags['data-path'];
  if (!dataPath) throw new PinfleetError('invalid_input', `--data-path is required (where kubo's repo will live): ${USAGE}`);
  const report = await call(ctx, 'provisioning.preflight', { ...target, dataPath, ...(ctx.flags.listen ? { listenHost: ctx.flags.listen } : {}) });
  ctx.out.data(report, () => describePreflight(report));
  const failed = report.findings.filter((f) => f.status === 'fail');
  if (failed.length > 0) {
    throw new PinfleetError('remote_failed', `${report.host} is not ready: ${failed.map((f) => f.check).join(', ')} failed (see above).`);
  }
}
