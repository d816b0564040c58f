// A typed `call(channel, input)` over the contract: it unwraps a Result into its data or throws
// the PinfleetError the UI can act on (its code and the router's message, verbatim).
import { useMemo } from 'react';
import type { PinfleetApi } from '../../../src-preload/api';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../../src-preload/contract/contract';
import { PinfleetError, unwrap, type Result } from '../../../src-preload/contract/errors';
import { useApi } from './api-context';

export type Call = <C extends ChannelName>(channel: C, input?: ChannelInput<C>) => Promise<ChannelOutput<C>>;

type AnyMethod = (input?: unknown) => Promise<Result<unknown>>;

export function makeCall(api: PinfleetApi): Call {
  // The API is built from the contract as `namespace.method`, so the channel name addresses it.
  const methods = api as unknown as Record<string, Record<string, AnyMethod> | undefined>;
  return async <C extends ChannelName>(channel: C, input?: ChannelInput<C>) => {
    const [namespace = '', method = ''] = channel.split('.');
    const send = methods[namespace]?.[method];
    if (!send) throw new PinfleetError('unknown_channel', `no such channel: ${channel}`);
    return unwrap(await send(input)) as ChannelOutput<C>;
  };
}

export function useCall(): Call {
  const api = useApi();
  return useMemo(() => makeCall(api), [api]);
}
