// What health, uploads and provisioning may ask of a node's connections. One pooled, long-lived
// SSH connection per node carries everything: commands, the kubo RPC tunnel and the Docker socket.
// Failures are PinfleetErrors: unreachable, timeout, auth_failed, host_key_unknown,
// host_key_mismatch (with both fingerprints in the message) or remote_failed.
import type Docker from 'dockerode';
import type { Agent } from 'node:http';
import type { NodeRecord } from '../../src-preload/contract/types.js';

export interface ExecResult {
  stdout: string;
  stderr: string;
  /** Exit code; null when the remote process was killed by a signal. */
  code: number | null;
}

export interface ExecOptions {
  timeoutMs?: number;
  stdin?: string | Buffer;
}

export interface KuboRequestTarget {
  baseUrl: string;
  /** Pass to http.request; absent: a plain request to baseUrl. */
  agent?: Agent;
}

export interface NodeConnector {
  /**
   * Runs argv on the node. Each argument is quoted for the remote shell by the connector, so a
   * value from the admin is never interpreted by it.
   */
  exec(node: NodeRecord, argv: readonly string[], options?: ExecOptions): Promise<ExecResult>;
  /**
   * A base URL on 127.0.0.1 whose requests reach the node's kubo RPC: through the SSH tunnel to its
   * apiAddress, or, when the node has an apiUrl, a local proxy to that URL (no SSH). A configured
   * API.Authorizations credential is added by the proxy in both modes; callers never see it.
   */
  kuboApiUrl(node: NodeRecord): Promise<string>;
  /**
   * For one long request to kubo's RPC (an upload's add): a base URL and, in the plain tunnel mode,
   * an http.Agent whose connections are SSH channels opened directly on the node's connection, so
   * the body skips the local listener's loopback hop. In the direct-URL and credential modes there
   * is no agent and the URL is kuboApiUrl's (the proxy adds the credential: it never reaches the
   * caller). Optional: callers fall back to kuboApiUrl.
   */
  kuboRequestTarget?(node: NodeRecord): Promise<KuboRequestTarget>;
  /**
   * Size and free bytes of the filesystem holding `path` (what `df -B1` reports), without a new
   * SSH session: statvfs over the connection's SFTP channel. Rejects with StatvfsUnavailable
   * (sftp-disk.ts) when the server cannot answer that way; callers then run df.
   */
  diskUsage?(node: NodeRecord, path: string): Promise<{ total: number; free: number }>;
  /**
   * A base URL on 127.0.0.1 whose connections reach `address` (host:port as seen from the server,
   * e.g. its IPFS Cluster REST API on 127.0.0.1:9094) through the node's one SSH connection. Cached
   * per node and address; closed with the node's other tunnels by disconnect(name). Plain tunnel:
   * nothing is added to the requests (kubo's RPC credential is for kuboApiUrl only).
   */
  serviceUrl(node: NodeRecord, address: string): Promise<string>;
  /** Dockerode talking to the node's Docker over one forwarded socket on the same SSH connection. */
  docker(node: NodeRecord): Promise<Docker>;
  /** Closes a node's connection, e.g. after it was removed or its host key was replaced. */
  disconnect(name: string): Promise<void>;
  close(): Promise<void>;
}
