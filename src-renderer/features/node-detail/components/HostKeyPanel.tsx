// The node's SSH host key and credentials. Checking the key connects to the server and shows
// what it presents: an unknown key is shown (type and SHA256 fingerprint) for the admin to
// compare and confirm; a mismatch shows both fingerprints and is never trusted from here —
// replacing the pin is a separate action with its own confirmation.
import { useState } from 'react';
import type { NodeRecord } from '../../../../src-preload/contract/types';
import { errorMessage } from '../../../shared/api/error-message';
import { useHostKeyCheck, useTrustHostKey } from '../api/use-connection';
import { CredentialStatusView } from './CredentialStatusView';
import { ReplacePinDialog } from './ReplacePinDialog';

export function HostKeyPanel({ node }: { node: NodeRecord }) {
  const check = useHostKeyCheck(node.name);
  const trust = useTrustHostKey(node.name);
  const [replacing, setReplacing] = useState(false);
  const result = check.data;

  return (
    <section className="panel panel--padded host-key" aria-labelledby="host-key-title">
      <h2 id="host-key-title" className="panel__title">SSH connection</h2>
      <dl className="details-list">
        <dt>Pinned host key</dt>
        <dd className="mono" data-testid="pinned-fingerprint">{node.hostKeyFingerprint ?? 'Not pinned'}</dd>
      </dl>
      <CredentialStatusView name={node.name} />
      <div className="host-key__check">
        <button type="button" className="button" disabled={check.isFetching} onClick={() => void check.refetch()}>
          {check.isFetching ? 'Checking the host key…' : 'Check host key'}
        </button>
        {check.isError && !check.isFetching ? (
          <p className="form-error" role="alert">{errorMessage(check.error)}</p>
        ) : null}
      </div>
      {result && !check.isFetching ? (
        <div className={`host-key__result host-key__result--${result.status}`} data-host-key-status={result.status}>
          {result.status === 'match' ? (
            <p role="status">
              {result.host}:{result.port} presents the pinned {result.keyType} key <span className="mono">{result.fingerprint}</span>.
            </p>
          ) : null}
          {result.status === 'unknown' ? (
            <>
              <p>
                {result.host}:{result.port} presents a <strong>{result.keyType}</strong> key with fingerprint{' '}
                <span className="mono" data-testid="presented-fingerprint">{result.fingerprint}</span>. Compare it with{' '}
                <span className="mono">ssh-keygen -lf</span> on the server before you trust it.
              </p>
              {trust.isError ? <p className="form-error" role="alert">{errorMessage(trust.error)}</p> : null}
              <button
                type="button"
                className="button button--primary"
                disabled={trust.isPending}
                onClick={() => trust.mutate(result.fingerprint, { onSuccess: () => void check.refetch() })}
              >
                {trust.isPending ? 'Pinning…' : 'Trust this key'}
              </button>
            </>
          ) : null}
          {result.status === 'mismatch' ? (
            <>
              <p className="form-error" role="alert">
                The host key changed. Pinned: <span className="mono">{result.pinned}</span>; the server now presents a{' '}
                {result.keyType} key <span className="mono">{result.fingerprint}</span>. Pinfleet will not connect until
                you replace the pin — do so only if you know why the key changed.
              </p>
              <button type="button" className="button button--danger-quiet" onClick={() => setReplacing(true)}>
                Replace pin…
              </button>
              {result.pinned ? (
                <ReplacePinDialog
                  name={node.name}
                  previous={result.pinned}
                  next={result.fingerprint}
                  keyType={result.keyType}
                  open={replacing}
                  onClose={() => setReplacing(false)}
                  onReplaced={() => void check.refetch()}
                />
              ) : null}
            </>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
