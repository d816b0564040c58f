// Host, SSH port, user, login, and the host key: "Check host key" reads the key the server presents
// (no login is attempted), shows its SHA256 fingerprint, and the admin confirms it after comparing
// it on the server. Nothing else in the wizard runs before that.
import { useState } from 'react';
import type { HostKeyProbeReport } from '../../../../src-preload/contract/provisioning-types';
import { useCall } from '../../../shared/api/call';
import { errorMessage } from '../../../shared/api/error-message';
import { LocalFileField } from '../../../shared/local-file/LocalFileField';
import { TextField } from '../../../shared/node-form/TextField';
import type { TargetDraft } from '../lib/target-draft';

export function TargetFields({ draft, onDraft, disabled }: { draft: TargetDraft; onDraft(next: TargetDraft): void; disabled?: boolean }) {
  const call = useCall();
  const [probe, setProbe] = useState<HostKeyProbeReport | null>(null);
  const [probeError, setProbeError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const set = (patch: Partial<TargetDraft>) => {
    // Another host or port is another key: the confirmation goes.
    const reset = 'host' in patch || 'port' in patch ? { confirmedFingerprint: '' } : {};
    if ('host' in patch || 'port' in patch) setProbe(null);
    onDraft({ ...draft, ...patch, ...reset });
  };
  const check = async () => {
    setChecking(true);
    setProbeError(null);
    setProbe(null);
    try {
      setProbe(await call('provisioning.hostKey', { host: draft.host.trim(), port: Number(draft.port) || 22 }));
    } catch (error) {
      setProbeError(errorMessage(error));
    } finally {
      setChecking(false);
    }
  };
  return (
    <fieldset className="wizard-fieldset" disabled={disabled}>
      <legend>Server</legend>
      <div className="form-grid">
        <TextField label="Host" value={draft.host} onValue={(host) => set({ host })} placeholder="10.0.0.9" autoComplete="off" />
        <TextField label="SSH port" value={draft.port} onValue={(port) => set({ port })} inputMode="numeric" />
        <TextField label="User" value={draft.user} onValue={(user) => set({ user })} autoComplete="off" />
        <div className="field">
          <span className="field__label" id="login-method">Log in with</span>
          <div className="button-group" role="radiogroup" aria-labelledby="login-method">
            {(['keyFile', 'agent'] as const).map((method) => (
              <label key={method} className="checkbox">
                <input type="radio" name="login-method" checked={draft.loginMethod === method} onChange={() => set({ loginMethod: method })} />
                {method === 'keyFile' ? 'a key file' : 'ssh-agent'}
              </label>
            ))}
          </div>
        </div>
        {draft.loginMethod === 'keyFile' ? (
          <LocalFileField label="Private key file (on this computer)" kind="keyFile" value={draft.keyPath} onValue={(keyPath) => set({ keyPath })} className="field--wide" />
        ) : null}
      </div>
      <div className="form-actions">
        <button type="button" className="button" disabled={!draft.host.trim() || checking} onClick={() => void check()}>
          {checking ? 'Checking…' : 'Check host key'}
        </button>
      </div>
      {probeError ? <p className="form-error" role="alert">{probeError}</p> : null}
      {probe ? (
        <div className="hostkey-confirm" data-testid="host-key">
          <p>
            {probe.host}:{probe.port} presents a <strong>{probe.keyType}</strong> key with fingerprint
          </p>
          <p className="mono selectable hostkey-confirm__fingerprint">{probe.fingerprint}</p>
          <p className="field__hint">Compare it on the server itself: <span className="mono">ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub</span></p>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={draft.confirmedFingerprint === probe.fingerprint}
              onChange={(event) => onDraft({ ...draft, confirmedFingerprint: event.target.checked ? probe.fingerprint : '' })}
            />
            I compared it: this is the server’s key
          </label>
        </div>
      ) : null}
    </fieldset>
  );
}
