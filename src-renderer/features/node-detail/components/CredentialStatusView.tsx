import type { ApiAccessStatus, SshAuthMethod } from '../../../../src-preload/contract/connection-types';
import { errorMessage } from '../../../shared/api/error-message';
import { useCredentialStatus } from '../api/use-connection';

const METHOD_LABEL: Record<SshAuthMethod, string> = {
  agent: 'SSH agent',
  keyFile: 'Private key file',
  storedKey: 'Private key in the secret store',
  password: 'Password in the secret store',
};

/** How Pinfleet logs in to the node. Never a secret: only whether one is stored. */
export function CredentialStatusView({ name }: { name: string }) {
  const status = useCredentialStatus(name);
  if (status.isPending) return <p className="muted">Reading credentials…</p>;
  if (status.isError) return <p className="form-error" role="alert">Credentials: {errorMessage(status.error)}</p>;
  const { method, keyPath, hasSecret, api } = status.data;
  return (
    <dl className="details-list" data-testid="credential-status">
      <dt>Logs in with</dt>
      <dd>{method ? METHOD_LABEL[method] : 'No credentials set'}</dd>
      {keyPath ? (
        <>
          <dt>Key file</dt>
          <dd className="mono">{keyPath}</dd>
        </>
      ) : null}
      {method && method !== 'agent' ? (
        <>
          <dt>Secret stored</dt>
          <dd>{hasSecret ? 'Yes' : 'No'}</dd>
        </>
      ) : null}
      {api ? <ApiAccessRows api={api} /> : null}
    </dl>
  );
}

const CREDENTIAL_LABEL = { bearer: 'Bearer token in the secret store', basic: 'Basic user:password in the secret store' } as const;

/** How kubo's RPC is reached (SSH tunnel or direct URL) and whether an API.Authorizations credential is sent. */
function ApiAccessRows({ api }: { api: ApiAccessStatus }) {
  return (
    <>
      <dt>kubo RPC</dt>
      <dd data-testid="rpc-mode">{api.mode === 'direct' ? <>Direct URL <span className="mono">{api.url}</span></> : 'Through the SSH tunnel'}</dd>
      <dt>RPC credential</dt>
      <dd>{api.credential ? CREDENTIAL_LABEL[api.credential] : 'None'}</dd>
      {api.warnings.map((warning) => (
        <dd key={warning.code} className="form-error" role="alert" data-code={warning.code}>
          {warning.message}
        </dd>
      ))}
    </>
  );
}
