// The connection part every wizard asks for: host, SSH port and user, how to log in, and the host
// key the admin confirmed. Pure: the draft → the contract's target, or what is missing.
export interface TargetDraft {
  host: string;
  port: string;
  user: string;
  loginMethod: 'keyFile' | 'agent';
  keyPath: string;
  /** The fingerprint shown by the key check and confirmed by the admin; '' until then. */
  confirmedFingerprint: string;
}

export const emptyTarget = (): TargetDraft => ({ host: '', port: '22', user: 'root', loginMethod: 'keyFile', keyPath: '', confirmedFingerprint: '' });

export interface TargetInput {
  host: string;
  port: number;
  user: string;
  fingerprint: string;
  login: { method: 'keyFile'; keyPath: string } | { method: 'agent' };
}

/** The target, or the first thing to fix (main validates again, with its own precise messages). */
export function targetInput(draft: TargetDraft): TargetInput | string {
  if (!draft.host.trim()) return 'Enter the server’s host name or address.';
  const port = Number(draft.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return 'The SSH port is a whole number from 1 to 65535.';
  if (draft.loginMethod === 'keyFile' && !draft.keyPath.trim()) return 'Choose the private key file (on this computer).';
  if (!draft.confirmedFingerprint) return 'Check the server’s host key and confirm it first.';
  return {
    host: draft.host.trim(),
    port,
    user: draft.user.trim() || 'root',
    fingerprint: draft.confirmedFingerprint,
    login: draft.loginMethod === 'agent' ? { method: 'agent' } : { method: 'keyFile', keyPath: draft.keyPath.trim() },
  };
}

export function splitTags(text: string): string[] {
  return text.split(',').map((t) => t.trim()).filter(Boolean);
}
