// One router of handlers, served by every transport (Electron IPC, the local web server and
// the CLI). It validates each request against the contract before a handler runs and always
// answers with data, never a thrown error, so a bad payload can never take main down.
import type { z } from 'zod';
import {
  contract,
  type ChannelName,
  type ChannelOutput,
  type ValidatedInput,
} from '../../src-preload/contract/contract.js';
import { PinfleetError, type Result } from '../../src-preload/contract/errors.js';
import { plainDataProblem } from './plain-data.js';

export type Handler<C extends ChannelName> = (
  input: ValidatedInput<C>,
) => Promise<ChannelOutput<C>> | ChannelOutput<C>;

export type Handlers = { [C in ChannelName]: Handler<C> };

export interface Router {
  call(channel: string, input: unknown): Promise<Result<unknown>>;
}

export interface RouterLogger {
  error(message: string, error: unknown): void;
}

/** Names the field at fault, as a tired admin reads it: `sshPort: 70000 is not a port: use 1–65535`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

function isChannel(name: string): name is ChannelName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

export function createRouter(handlers: Handlers, logger: RouterLogger = console): Router {
  return {
    async call(channel, input) {
      if (!isChannel(channel)) {
        return { ok: false, error: { code: 'unknown_channel', message: `no such channel: ${String(channel).slice(0, 80)}` } };
      }
      const notPlain = plainDataProblem(input);
      if (notPlain) return { ok: false, error: { code: 'invalid_input', message: `the input ${notPlain}` } };
      const parsed = contract[channel].input.safeParse(input);
      if (!parsed.success) {
        return { ok: false, error: { code: 'invalid_input', message: describeIssues(parsed.error) } };
      }
      try {
        const handler = handlers[channel] as Handler<ChannelName>;
        const data = await handler(parsed.data as never);
        return { ok: true, data };
      } catch (error) {
        if (error instanceof PinfleetError) return { ok: false, error: error.toInfo() };
        logger.error(`handler for ${channel} failed`, error);
        const message = error instanceof Error ? error.message : String(error);
        return { ok: false, error: { code: 'internal', message: `${channel} failed unexpectedly: ${message}` } };
      }
    },
  };
}
