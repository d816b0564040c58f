// One WebSocket for every event of the web transport, reopened with backoff when it drops.
// An open socket is the best sign the server is there, so it also drives the connection state.
import type { EventName } from '../../../src-preload/contract/contract';
import { connection } from '../../shared/connection/connection-store';
import { backoffDelay } from './backoff';

type Listener = (payload: unknown) => void;

export interface EventSocket {
  listen(event: EventName, listener: Listener): () => void;
}

export function openEventSocket(url: string): EventSocket {
  const listeners = new Map<string, Set<Listener>>();
  let attempt = 0;

  const connect = () => {
    const socket = new WebSocket(url);
    socket.addEventListener('open', () => {
      attempt = 0;
      connection.markReachable();
    });
    socket.addEventListener('message', (message) => {
      let parsed: { event?: unknown; payload?: unknown };
      try {
        parsed = JSON.parse(String(message.data)) as typeof parsed;
      } catch {
        return; // Not ours to interpret; the server only sends JSON.
      }
      if (typeof parsed.event !== 'string') return;
      for (const listener of listeners.get(parsed.event) ?? []) listener(parsed.payload);
    });
    socket.addEventListener('close', () => {
      // The token never changes within a tab: once the server has refused it, retrying is noise.
      if (connection.isUnauthorized()) return;
      connection.markUnreachable('The connection to the Pinfleet server was lost.');
      window.setTimeout(connect, backoffDelay(attempt++));
    });
  };
  connect();

  return {
    listen(event, listener) {
      const set = listeners.get(event) ?? new Set<Listener>();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  };
}
