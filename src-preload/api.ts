// Builds the named-function API (`pinfleet.nodes.add(...)`, `pinfleet.events.onInventoryChanged(cb)`)
// from the contract. The Electron preload and the browser's web bridge both use it, each with
// its own private way to send; neither ever exposes a generic `invoke(channel, ...)`.
import {
  CHANNEL_NAMES,
  EVENT_NAMES,
  type ChannelInput,
  type ChannelName,
  type ChannelOutput,
  type EventName,
  type EventPayload,
} from './contract/contract.js';
import type { Result } from './contract/errors.js';

export type Unsubscribe = () => void;

type Namespace<C> = C extends `${infer N}.${string}` ? N : never;
type Method<C, N extends string> = C extends `${N}.${infer M}` ? M : never;

type EventMethodName<E extends string> = E extends `${infer A}.${infer B}`
  ? `on${Capitalize<A>}${Capitalize<B>}`
  : never;

export type PinfleetApi = {
  [N in Namespace<ChannelName>]: {
    [C in ChannelName as Method<C, N>]: (input?: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>;
  };
} & {
  events: {
    [E in EventName as EventMethodName<E>]: (listener: (payload: EventPayload<E>) => void) => Unsubscribe;
  };
};

export interface TransportPrimitives {
  send(channel: ChannelName, input: unknown): Promise<Result<unknown>>;
  listen(event: EventName, listener: (payload: unknown) => void): Unsubscribe;
}

export function eventMethodName(event: EventName): string {
  const [a = '', b = ''] = event.split('.');
  return `on${a.charAt(0).toUpperCase()}${a.slice(1)}${b.charAt(0).toUpperCase()}${b.slice(1)}`;
}

export function buildApi(transport: TransportPrimitives): PinfleetApi {
  const api: Record<string, Record<string, unknown>> = { events: {} };
  for (const channel of CHANNEL_NAMES) {
    const [namespace = '', method = ''] = channel.split('.');
    api[namespace] ??= {};
    api[namespace][method] = (input?: unknown) => transport.send(channel, input);
  }
  for (const event of EVENT_NAMES) {
    api.events![eventMethodName(event)] = (listener: (payload: unknown) => void) =>
      transport.listen(event, listener);
  }
  return api as unknown as PinfleetApi;
}
