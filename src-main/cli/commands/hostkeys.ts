// `pinfleet hostkeys check|trust|replace NAME`: what a server presents, pinning it after the admin
// compared it, and replacing a pin as a separate, audited step that names the old key.
import { PinfleetError } from '../../../src-preload/contract/errors.js';
import type { HostKeyCheck } from '../../../src-preload/contract/connection-types.js';
import { UsageError } from '../args.js';
import { call, type CommandContext } from '../command.js';

const STATUS_WORDS: Record<HostKeyCheck['status'], string> = {
  match: 'matches the pinned key',
  unknown: 'NOT PINNED YET: compare it with the server, then `pinfleet hostkeys trust`',
  mismatch: 'DIFFERS FROM THE PINNED KEY: do not connect until you know why',
};

function describeCheck(check: HostKeyCheck): string {
  return [
    `${check.name}  (${check.host}:${check.port})`,
    `  presents:  ${check.keyType} ${check.fingerprint}`,
    `  pinned:    ${check.pinned ?? '-'}`,
    `  status:    ${check.status}: ${STATUS_WORDS[check.status]}`,
  ].join('\n');
}

function requireName(ctx: CommandContext, usage: string): string {
  const name = ctx.args[0];
  if (!name) throw new UsageError(`usage: pinfleet hostkeys ${usage}`);
  return name;
}

function requireFlag(value: string | undefined, flag: string, usage: string): string {
  if (!value) throw new PinfleetError('invalid_input', `--${flag} is required: pinfleet hostkeys ${usage}`);
  return value;
}

export async function hostkeysCommand(sub: string | undefined, ctx: CommandContext): Promise<void> {
  switch (sub) {
    case 'check': {
      const check = await call(ctx, 'hostKeys.check', { name: requireName(ctx, 'check NAME') });
      ctx.out.data(check, () => describeCheck(check));
      return;
    }
    case 'trust': {
      const usage = 'trust NAME --fingerprint SHA256:…';
      const name = requireName(ctx, usage);
      const node = await call(ctx, 'hostKeys.trust', { name, fingerprint: requireFlag(ctx.flags.fingerprint, 'fingerprint', usage) });
      ctx.out.data(node, () => `Pinned the host key of ${node.name}: ${node.hostKeyFingerprint ?? ''}`);
      return;
    }
    case 'replace': {
      const usage = 'replace NAME --previous SHA256:… --next SHA256:…';
      const name = requireName(ctx, usage);
      const node = await call(ctx, 'hostKeys.replace', {
        name,
        previous: requireFlag(ctx.flags.previous, 'previous', usage),
        next: requireFlag(ctx.flags.next, 'next', usage),
      });
      ctx.out.data(node, () => `Replaced the host key pin of ${node.name}: now ${node.hostKeyFingerprint ?? ''} (recorded in the audit log).`);
      return;
    }
    default:
      throw new UsageError(`unknown hostkeys command "${sub ?? ''}": use check, trust or replace`);
  }
}
