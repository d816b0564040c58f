// One long-lived SSH connection per node, shared by commands, the kubo tunnel and Docker. Callers
// that ask at the same time share one connect; a connection that drops is re-established in the
// background with capped, jittered backoff so the next caller finds it ready; a node whose address,
// user or pin changed gets a fresh connection.
// ssh2 is CommonJS: Node's ESM loader sees only some of its named exports, so take them from the default.
import ssh2, { type Client } from 'ssh2';
import { PinfleetError } from '../../src-preload/contract/errors.js';
import type { NodeRecord } from '../../src-preload/contract/types.js';
import { buildConnectConfig, READY_TIMEOUT_MS, secretsOf, type AuthMaterial } from './connect-config.js';
import { describeHostKey, hostKeyRefusal } from './host-key.js';
import { reconnectDelayMs } from './reconnect-backoff.js';
import { connectError } from './ssh-errors.js';

const { Client: SshClient } = ssh2;

export interface SshPoolOptions {
  /** The credentials of a node, resolved just before each connect (they may have changed). */
  authFor(node: NodeRecord): Promise<AuthMaterial>;
  createClient?: () => Client;
  random?: () => number;
  /** Background reconnects after a drop stop after this many failures; the next caller then tries again. */
  maxReconnectAttempts?: number;
  log?: (message: string) => void;
}

interface PoolEntry {
  node: NodeRecord;
  identity: string;
  client: Client | null;
  connecting: Promise<Client> | null;
  retryTimer: NodeJS.Timeout | null;
}

/** What must be equal for a pooled connection to still be the right one. */
const identityOf = (node: NodeRecord) => `${node.sshUser}@${node.host}:${node.sshPort}#${node.hostKeyFingerprint ?? ''}`;

const subjectOf = (node: NodeRecord) => ({ name: node.name, host: node.host, port: node.sshPort, user: node.sshUser });

/** Transient failures are worth retrying in the background; a refused key or login is not. */
const isTransient = (error: unknown) => error instanceof PinfleetError && (error.code === 'unreachable' || error.code === 'timeout');

export class SshPool {
  private readonly entries = new Map<string, PoolEntry>();
  private closed = false;

  constructor(private readonly options: SshPoolOptions) {}

  /** The node's ready connection, connecting (once, however many callers ask) when there is none. */
  client(node: NodeRecord): Promise<Client> {
    if (this.closed) return Promise.reject(new PinfleetError('internal', 'the connection pool is closed'));
    let entry = this.entries.get(node.name);
    if (entry && entry.identity !== identityOf(node)) {
      this.drop(entry); // Address, user or pin changed: the old connection is not to this node any more.
      entry = undefined;
    }
    if (!entry) {
      entry = { node, identity: identityOf(node), client: null, connecting: null, retryTimer: null };
      this.entries.set(node.name, entry);
    }
    entry.node = node;
    if (entry.client) return Promise.resolve(entry.client);
    if (entry.connecting) return entry.connecting;
    const current = entry;
    const connecting = this.open(current).finally(() => {
      if (current.connecting === connecting) current.connecting = null;
    });
    current.connecting = connecting;
    return connecting;
  }

  /** Forgets a connection that a caller found dead, so the next call opens a new one. */
  discard(name: string, client: Client): void {
    const entry = this.entries.get(name);
    if (entry?.client === client) {
      entry.client = null;
      client.end();
    }
  }

  disconnect(name: string): void {
    const entry = this.entries.get(name);
    if (entry) this.drop(entry);
  }

  close(): void {
    this.closed = true;
    for (const entry of [...this.entries.values()]) this.drop(entry);
  }

  private drop(entry: PoolEntry): void {
    if (this.entries.get(entry.node.name) === entry) this.entries.delete(entry.node.name);
    if (entry.retryTimer) clearTimeout(entry.retryTimer);
    entry.retryTimer = null;
    const client = entry.client;
    entry.client = null;
    client?.end();
  }

  private async open(entry: PoolEntry): Promise<Client> {
    const node = entry.node;
    const auth = await this.options.authFor(node);
    const client = (this.options.createClient ?? (() => new SshClient()))();
    let refusal: PinfleetError | null = null;
    const config = buildConnectConfig(node, auth, (key) => {
      refusal = hostKeyRefusal(subjectOf(node), node.hostKeyFingerprint, describeHostKey(key));
      return refusal === null;
    });
    if (auth.kind === 'password') {
      client.on('keyboard-interactive', (_name, _instructions, _lang, prompts, finish) => finish(prompts.map(() => auth.password)));
    }
    const ready = new Promise<Client>((resolve, reject) => {
      let settled = false;
      client.on('ready', () => {
        settled = true;
        resolve(client);
      });
      client.on('error', (error) => {
        if (settled) {
          this.options.log?.(`ssh ${node.name}: ${error.message}`);
          return;
        }
        settled = true;
        reject(refusal ?? connectError(subjectOf(node), error, READY_TIMEOUT_MS, secretsOf(auth)));
      });
      client.on('close', () => {
        if (!settled) {
          settled = true;
          reject(refusal ?? new PinfleetError('unreachable', `${node.name} (${node.host}:${node.sshPort}) closed the SSH connection before it was ready.`));
        }
        this.onClosed(entry, client);
      });
    });
    try {
      client.connect(config);
    } catch (error) {
      // ssh2 throws synchronously for a key it cannot parse or decrypt.
      client.end();
      throw connectError(subjectOf(node), error, READY_TIMEOUT_MS, secretsOf(auth));
    }
    const connected = await ready;
    if (this.entries.get(node.name) !== entry || this.closed) {
      connected.end(); // Disconnected while we were connecting: do not leak it.
      throw new PinfleetError('unreachable', `the connection to ${node.name} was closed while it was being opened`);
    }
    entry.client = connected;
    if (entry.retryTimer) clearTimeout(entry.retryTimer);
    entry.retryTimer = null;
    return connected;
  }

  private onClosed(entry: PoolEntry, client: Client): void {
    if (entry.client !== client) return; // A failed attempt, or one we dropped on purpose.
    entry.client = null;
    if (!this.closed && this.entries.get(entry.node.name) === entry) {
      this.options.log?.(`ssh ${entry.node.name}: connection dropped; reconnecting in the background`);
      this.scheduleReconnect(entry, 1);
    }
  }

  private scheduleReconnect(entry: PoolEntry, attempt: number): void {
    if (attempt > (this.options.maxReconnectAttempts ?? 8)) return;
    const delay = reconnectDelayMs(attempt, undefined, this.options.random);
    entry.retryTimer = setTimeout(() => {
      entry.retryTimer = null;
      if (this.closed || this.entries.get(entry.node.name) !== entry || entry.client || entry.connecting) return;
      this.client(entry.node).catch((error: unknown) => {
        if (isTransient(error) && this.entries.get(entry.node.name) === entry && !entry.client) this.scheduleReconnect(entry, attempt + 1);
      });
    }, delay);
    entry.retryTimer.unref(); // Never keep a CLI process alive just to reconnect.
  }
}
