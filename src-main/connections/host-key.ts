// Host keys as OpenSSH shows them, and the decision every connection makes before it
// authenticates: no pin → refuse and show the key (the admin confirms it), a different pin →
// refuse loudly (someone may be in the middle), the same pin → go on.
import { createHash } from 'node:crypto';
import { PinfleetError } from '../../src-preload/contract/errors.js';

export interface PresentedHostKey {
  /** The key's own algorithm name from its blob, e.g. ssh-ed25519, ecdsa-sha2-nistp256, ssh-rsa. */
  keyType: string;
  /** `SHA256:` + unpadded base64 of the SHA-256 of the key blob: exactly what `ssh-keygen -lf` prints. */
  fingerprint: string;
}

export type HostKeyStatus = 'match' | 'unknown' | 'mismatch';

export function sha256Fingerprint(keyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}

/** The first SSH string of the blob (uint32 length + name), per RFC 4253 §6.6. */
export function hostKeyType(keyBlob: Buffer): string {
  if (keyBlob.length < 4) return 'unknown';
  const length = keyBlob.readUInt32BE(0);
  if (length === 0 || length > 64 || keyBlob.length < 4 + length) return 'unknown';
  const name = keyBlob.subarray(4, 4 + length).toString('latin1');
  return /^[\x21-\x7e]+$/.test(name) ? name : 'unknown';
}

export function describeHostKey(keyBlob: Buffer): PresentedHostKey {
  return { keyType: hostKeyType(keyBlob), fingerprint: sha256Fingerprint(keyBlob) };
}

/** The decision table of pinning; pure so that every case is tested by table. */
export function hostKeyStatus(pinned: string | null, presented: PresentedHostKey): HostKeyStatus {
  if (pinned === null || pinned === '') return 'unknown';
  return pinned === presented.fingerprint ? 'match' : 'mismatch';
}

export interface HostKeySubject {
  name: string;
  host: string;
  port: number;
}

const where = (node: HostKeySubject) => `${node.name} (${node.host}:${node.port})`;

export function hostKeyUnknownError(node: HostKeySubject, presented: PresentedHostKey): PinfleetError {
  return new PinfleetError(
    'host_key_unknown',
    `${where(node)} presents the ${presented.keyType} host key ${presented.fingerprint}, which is not pinned yet. ` +
      `Compare it with \`ssh-keygen -lf /etc/ssh/ssh_host_${shortType(presented.keyType)}_key.pub\` on the server, then trust it: ` +
      `pinfleet hostkeys trust ${node.name} --fingerprint ${presented.fingerprint}`,
  );
}

export function hostKeyMismatchError(node: HostKeySubject, pinned: string, presented: PresentedHostKey): PinfleetError {
  return new PinfleetError(
    'host_key_mismatch',
    `Refused to connect: ${where(node)} presented the ${presented.keyType} host key ${presented.fingerprint}, ` +
      `but ${pinned} is pinned. Someone may be intercepting the connection, or the server was reinstalled. ` +
      `Only if you have checked the new key on the server itself, replace the pin: ` +
      `pinfleet hostkeys replace ${node.name} --previous ${pinned} --next ${presented.fingerprint}`,
  );
}

/** The error for a refused key, or null when it matches. */
export function hostKeyRefusal(node: HostKeySubject, pinned: string | null, presented: PresentedHostKey): PinfleetError | null {
  switch (hostKeyStatus(pinned, presented)) {
    case 'match':
      return null;
    case 'unknown':
      return hostKeyUnknownError(node, presented);
    case 'mismatch':
      return hostKeyMismatchError(node, pinned ?? '', presented);
  }
}

/** ssh-ed25519 → ed25519, ecdsa-sha2-nistp256 → ecdsa, ssh-rsa / rsa-sha2-* → rsa: the file names sshd uses. */
function shortType(keyType: string): string {
  if (keyType.includes('ed25519')) return 'ed25519';
  if (keyType.startsWith('ecdsa')) return 'ecdsa';
  if (keyType.includes('rsa')) return 'rsa';
  return '*';
}
