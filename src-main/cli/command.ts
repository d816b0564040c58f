// What every CLI command is handed. The app context opens lazily so `--help` touches nothing.
import type { AppContext } from '../app/compose.js';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../src-preload/contract/contract.js';
import { unwrap } from '../../src-preload/contract/errors.js';
import type { CliFlags } from './args.js';
import type { Output } from './output.js';

export interface CommandContext {
  /** Positionals after the command word(s). */
  args: string[];
  flags: CliFlags;
  out: Output;
  dataDir: string;
  app(): AppContext;
}

/** Calls a channel through the same router (and validation) the UI uses; throws PinfleetError on failure. */
export async function call<C extends ChannelName>(
  ctx: CommandContext,
  channel: C,
  input?: ChannelInput<C>,
): Promise<ChannelOutput<C>> {
  return unwrap(await ctx.app().router.call(channel, input)) as ChannelOutput<C>;
}
