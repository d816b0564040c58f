// Credentials per node: credentials.set / credentials.get, and the login material the pool needs
// just before it connects. Secrets (a pasted key, a passphrase, a password) go to the SecretStore;
// SQLite keeps only the method, a key path and a reference. A key file without a passphrase and
// ssh-agent never touch the store, so they work even when it is locked.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
// ssh2 is CommonJS: Node's ESM loader sees only some of its named exports, so take them from the default.
import ssh2 from 'ssh2';
import { PinfleetError } from '../../src-preload/contract/errors.js';
import type { CredentialStatus } from '../../src-preload/contract/connection-types.js';
import type { NodeRecord } from '../../src-preload/contract/types.js';
import type { ValidatedInput } from '../../src-preload/contract/contract.js';
import { writeAudit } from '../inventory/audit-log.js';
import type { Actor, Inventory } from '../inventory/index.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { AuthMaterial } from './connect-config.js';
import { readCredentialRow, secretRefFor, writeCredentialRow, type CredentialRow } from './credential-rows.js';

const { utils } = ssh2;

export type CredentialsInput = ValidatedInput<'credentials.set'>;

/** What one node's secret holds, serialised as JSON under its reference. */
interface NodeSecret {
  privateKey?: string;
  passphrase?: string;
  password?: string;
}

export interface CredentialServiceDeps {
  inventory: Inventory;
  db: Database.Database;
  secrets: SecretStore;
  actor: Actor;
  /** SSH_AUTH_SOCK and HOME come from here (tests pass their own). */
  environment?: NodeJS.ProcessEnv;
  now?: () => Date;
}

/** `~/.ssh/id_ed25519` → absolute; relative paths are refused (the app and the CLI run from different folders). */
export function resolveKeyPath(keyPath: string, home: string): string {
  const expanded = keyPath === '~' || keyPath.startsWith('~/') ? path.join(home, keyPath.slice(1)) : keyPath;
  if (!path.isAbsolute(expanded)) {
    throw new PinfleetError('invalid_input', `keyPath: "${keyPath}" is not an absolute path; give the full path to the private key file.`);
  }
  return path.normalize(expanded);
}

/** Checks that a key is a usable private key (decrypting it with the passphrase when it is encrypted). */
export function checkPrivateKey(key: string | Buffer, passphrase: string | undefined, where: string): void {
  const parsed = utils.parseKey(key, passphrase);
  const first = Array.isArray(parsed) ? parsed[0] : parsed;
  if (first instanceof Error || first === undefined) {
    const why = first instanceof Error ? first.message : 'no key found';
    if (/no passphrase given/i.test(why)) {
      throw new PinfleetError('invalid_input', `${where} is encrypted: give its passphrase too.`);
    }
    throw new PinfleetError('invalid_input', `${where} is not a usable private key: ${why}.`);
  }
  if (!first.isPrivateKey()) throw new PinfleetError('invalid_input', `${where} is a public key; give the private key (the file without .pub).`);
}

export class CredentialService {
  constructor(private readonly deps: CredentialServiceDeps) {}

  get(name: string): CredentialStatus {
    const node = this.deps.inventory.getNode(name);
    return statusOf(node, readCredentialRow(this.deps.db, node.id));
  }

  async set(input: CredentialsInput): Promise<CredentialStatus> {
    const { inventory, db, secrets, actor } = this.deps;
    const node = inventory.getNode(input.name);
    if (inventory.info().readOnly) throw new PinfleetError('read_only', 'Nothing was changed: the inventory is read-only.');
    const previous = readCredentialRow(db, node.id);
    const { row, secret } = this.prepare(node, input);
    if (secret) {
      // Secret first: a row that points at a secret which was never written would fail every connect.
      await secrets.set(row.secretRef ?? secretRefFor(node.id), JSON.stringify(secret));
    } else if (previous?.secretRef) {
      // The old secret is not needed any more; a locked store just keeps it (encrypted) until it opens.
      await secrets.delete(previous.secretRef).catch(() => {});
    }
    const at = (this.deps.now ?? (() => new Date()))().toISOString();
    db.transaction(() => {
      writeCredentialRow(db, node.id, row, at);
      writeAudit(db, { at, actor, action: 'credentials.set', target: node.name, detail: { method: row.method, keyPath: row.keyPath, secretStored: secret !== null } });
    }).immediate();
    return statusOf(node, row);
  }

  /** The login material for a connect, read fresh each time (keys and secrets may have changed). */
  async authFor(node: NodeRecord): Promise<AuthMaterial> {
    const row = readCredentialRow(this.deps.db, node.id);
    const env = this.deps.environment ?? process.env;
    if (!row && node.apiUrl) {
      // Reached at a direct RPC URL only: kubo answers without SSH, but df and Docker need a login.
      throw new PinfleetError(
        'auth_failed',
        `${node.name} is reached only at its direct RPC URL (${node.apiUrl}); disk free and the container need an SSH login: pinfleet credentials set ${node.name} --key-file ~/.ssh/id_ed25519 (or --agent).`,
      );
    }
    if (!row) {
      throw new PinfleetError(
        'auth_failed',
        `${node.name} has no SSH credentials yet. Set them: pinfleet credentials set ${node.name} --key-file ~/.ssh/id_ed25519 (or --agent).`,
      );
    }
    switch (row.method) {
      case 'agent': {
        const socket = env.SSH_AUTH_SOCK;
        if (!socket) throw new PinfleetError('auth_failed', `${node.name} logs in with ssh-agent, but no agent is running here (SSH_AUTH_SOCK is not set).`);
        return { kind: 'agent', agentSocket: socket };
      }
      case 'keyFile': {
        const keyPath = row.keyPath ?? '';
        let privateKey: Buffer;
        try {
          privateKey = fs.readFileSync(keyPath);
        } catch (error) {
          throw new PinfleetError('auth_failed', `${node.name}: the key file ${keyPath} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
        }
        const secret = row.secretRef ? await this.secretOf(node, row.secretRef) : {};
        return { kind: 'key', privateKey, ...(secret.passphrase ? { passphrase: secret.passphrase } : {}) };
      }
      case 'storedKey': {
        const secret = await this.secretOf(node, row.secretRef);
        if (!secret.privateKey) throw missingSecret(node, this.deps.secrets);
        return { kind: 'key', privateKey: secret.privateKey, ...(secret.passphrase ? { passphrase: secret.passphrase } : {}) };
      }
      case 'password': {
        const secret = await this.secretOf(node, row.secretRef);
        if (!secret.password) throw missingSecret(node, this.deps.secrets);
        return { kind: 'password', password: secret.password };
      }
    }
  }

  private prepare(node: NodeRecord, input: CredentialsInput): { row: CredentialRow; secret: NodeSecret | null } {
    const ref = secretRefFor(node.id);
    switch (input.method) {
      case 'agent':
        return { row: { method: 'agent', keyPath: null, secretRef: null }, secret: null };
      case 'keyFile': {
        const home = (this.deps.environment ?? process.env).HOME ?? os.homedir();
        const keyPath = resolveKeyPath(input.keyPath, home);
        let contents: Buffer;
        try {
          contents = fs.readFileSync(keyPath);
        } catch (error) {
          throw new PinfleetError('invalid_input', `keyPath: ${keyPath} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
        }
        const passphrase = input.passphrase || undefined;
        checkPrivateKey(contents, passphrase, `The key file ${keyPath}`);
        return { row: { method: 'keyFile', keyPath, secretRef: passphrase ? ref : null }, secret: passphrase ? { passphrase } : null };
      }
      case 'storedKey': {
        const passphrase = input.passphrase || undefined;
        checkPrivateKey(input.privateKey, passphrase, 'The pasted key');
        return { row: { method: 'storedKey', keyPath: null, secretRef: ref }, secret: { privateKey: input.privateKey, ...(passphrase ? { passphrase } : {}) } };
      }
      case 'password':
        return { row: { method: 'password', keyPath: null, secretRef: ref }, secret: { password: input.password } };
    }
  }

  private async secretOf(node: NodeRecord, ref: string | null): Promise<NodeSecret> {
    const text = ref ? await this.deps.secrets.get(ref) : null;
    if (text === null) throw missingSecret(node, this.deps.secrets);
    try {
      return JSON.parse(text) as NodeSecret;
    } catch {
      throw missingSecret(node, this.deps.secrets);
    }
  }
}

function statusOf(node: NodeRecord, row: CredentialRow | null): CredentialStatus {
  return { name: node.name, method: row?.method ?? null, keyPath: row?.keyPath ?? null, hasSecret: row?.secretRef != null };
}

function missingSecret(node: NodeRecord, secrets: SecretStore): PinfleetError {
  return new PinfleetError(
    'auth_failed',
    `The SSH secret of ${node.name} is missing from the secret store (${secrets.kind}); set its credentials again: pinfleet credentials set ${node.name} …`,
  );
}
