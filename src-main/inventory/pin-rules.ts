// When an edit of a node must forget what the admin confirmed about where it points. A host-key pin
// says "this key is the server at host:port"; an RPC credential is meant for the kubo at one URL.
// Once the address changes, neither claim holds, and keeping them would send the SSH password or
// the RPC token to whatever answers at the new address on the next poll. So the pin is cleared
// (the node then shows "host key not confirmed" and nothing secret is sent until
// `pinfleet hostkeys trust`), and a credential meant for a direct URL is dropped, to be set again
// for the new one. Only hostKeys.trust and hostKeys.replace ever set a pin on an existing node.
// Pure: plain data in, a decision out.
import type { NodeFields } from '../../src-preload/contract/schemas.js';

export interface AddressChange {
  /** host or SSH port changed: the pinned host key no longer names this server. */
  sshMoved: boolean;
  /** The direct kubo RPC URL changed. */
  apiUrlChanged: boolean;
  /** Clear hostKeyFingerprint. */
  clearPin: boolean;
  /**
   * Drop the node's RPC credential: it would go to a new direct URL nobody confirmed. A change back
   * to the SSH tunnel keeps it, since the tunnel only opens after the host-key ceremony.
   */
  dropApiCredential: boolean;
}

type Address = Pick<NodeFields, 'host' | 'sshPort'> & { apiUrl?: string | null };

export function addressChange(before: Address, after: Address): AddressChange {
  // Host names are case-insensitive (the column is COLLATE NOCASE): NODE1.example is the same server.
  const sshMoved = before.host.toLowerCase() !== after.host.toLowerCase() || before.sshPort !== after.sshPort;
  const apiUrlChanged = (before.apiUrl ?? null) !== (after.apiUrl ?? null);
  return { sshMoved, apiUrlChanged, clearPin: sshMoved || apiUrlChanged, dropApiCredential: apiUrlChanged && after.apiUrl != null };
}

/** What the admin reads when an edit tries to set a pin: where the ceremony is. */
export function pinChangeRefusal(name: string): string {
  return (
    `hostKeyFingerprint: a host-key pin is not edited directly. Check the key the server presents and confirm it with ` +
    `pinfleet hostkeys check ${name}, then pinfleet hostkeys trust ${name} --fingerprint SHA256:… ` +
    `(or pinfleet hostkeys replace ${name} --previous … --next … to change an existing pin).`
  );
}
