// The verify step's last check: nothing admin-grade listens beyond loopback on the new server.
// Ports: kubo RPC 5001, gateway 8080, Cluster REST 9094, Docker's TCP API 2375. A listener counts
// as exposed on a wildcard, on any non-loopback address, or on the server's own address even when
// that is a 127.x (servers that share one network, as the test fleet's do, each own one). Pure.
import { isLoopbackAddress } from './exposure.js';
import type { Listener } from './listen-ports.js';

export const GUARDED_PORTS = [5001, 8080, 9094, 2375] as const;

export function exposedListeners(listeners: readonly Listener[], serverAddress: string, ports: readonly number[] = GUARDED_PORTS): Listener[] {
  return listeners.filter((l) => ports.includes(l.port) && (!isLoopbackAddress(l.host) || l.host === serverAddress));
}
