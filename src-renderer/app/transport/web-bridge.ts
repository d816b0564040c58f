// The browser transport of `pinfleet serve`: each channel is `POST /api/<channel>` with the
// token as a bearer header, events arrive over one WebSocket. Built with the same buildApi as
// the Electron preload, so the rest of the renderer sees the identical `PinfleetApi`.
import { buildApi, type PinfleetApi } from '../../../src-preload/api';
import type { ChannelName } from '../../../src-preload/contract/contract';
import type { Result } from '../../../src-preload/contract/errors';
import { connection } from '../../shared/connection/connection-store';
import { openEventSocket } from './event-socket';

const NO_TOKEN =
  'This tab has no access token. Open the address that `pinfleet serve` printed (it ends in #token=…); a link opened by `serve --open` works once only.';

function isResult(value: unknown): value is Result<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

async function post(channel: ChannelName, input: unknown, token: string): Promise<Result<unknown>> {
  let response: Response;
  try {
    response = await fetch(`/api/${channel}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      // Channels without input accept `{}`; JSON has no `undefined`.
      body: JSON.stringify(input ?? {}),
    });
  } catch (error) {
    connection.markUnreachable('The Pinfleet server cannot be reached.');
    throw new Error(`Pinfleet is not reachable: ${error instanceof Error ? error.message : String(error)}`);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!isResult(body)) {
    connection.markReachable();
    return { ok: false, error: { code: 'internal', message: `the server answered HTTP ${response.status} without a result` } };
  }
  if (!body.ok && body.error.code === 'unauthorized') connection.markUnauthorized(body.error.message);
  else connection.markReachable();
  return body;
}

/**
 * The token may still be on its way (a `serve --open` nonce is being traded for it), so calls and
 * the event socket wait for it; without one every call answers unauthorized.
 */
export function createWebBridge(tokenSource: string | null | Promise<string | null>): PinfleetApi {
  const tokenReady = Promise.resolve(tokenSource).then((token) => {
    if (!token) connection.markUnauthorized(NO_TOKEN);
    return token;
  });
  const { protocol, host } = window.location;
  const wsProtocol = protocol === 'https:' ? 'wss:' : 'ws:';
  const socketReady = tokenReady.then((token) =>
    token ? openEventSocket(`${wsProtocol}//${host}/events?token=${encodeURIComponent(token)}`) : null,
  );

  return buildApi({
    send: async (channel, input) => {
      const token = await tokenReady;
      return token ? post(channel, input, token) : { ok: false, error: { code: 'unauthorized', message: NO_TOKEN } };
    },
    listen: (event, listener) => {
      let unsubscribe: () => void = () => undefined;
      let cancelled = false;
      void socketReady.then((socket) => {
        if (socket && !cancelled) unsubscribe = socket.listen(event, listener);
      });
      return () => {
        cancelled = true;
        unsubscribe();
      };
    },
  });
}
