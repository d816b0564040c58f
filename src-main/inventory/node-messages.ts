// Sentences about nodes that the admin reads in the UI and the CLI.
import type { NodeRecord } from '../../src-preload/contract/types.js';

/** host:port, with an IPv6 literal in brackets so the port stays readable. */
export function formatEndpoint(host: string, port: number): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** A user-typed name, quoted; JSON escaping keeps control characters from reaching a terminal. */
export function quoteName(name: string): string {
  return JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}…` : name);
}

export function duplicateNameMessage(existing: Pick<NodeRecord, 'name' | 'host' | 'sshPort'>): string {
  return `A node named ${quoteName(existing.name)} already exists (host ${formatEndpoint(existing.host, existing.sshPort)}).`;
}

export function duplicateHostMessage(host: string, port: number, existingName: string): string {
  return `Host ${host} port ${port} is already in the inventory as ${quoteName(existingName)}.`;
}

export function notFoundMessage(name: string): string {
  return `No node named ${quoteName(name)} in the inventory. \`pinfleet nodes list\` shows what is there.`;
}
