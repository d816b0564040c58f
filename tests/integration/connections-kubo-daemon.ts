// A kubo daemon of the test's own, on 127.0.0.31, with API.Authorizations set: the server side of
// the direct-URL RPC tests. Its repo is a temporary folder; its settings are the test fleet's
// (kubo-config-script.ts: no AutoConf, no bootstrap, nothing that leaves loopback), plus the
// credentials. stop() kills it and removes the repo.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { kuboConfigScript } from '../fleet/kubo-config-script.js';
import { run, waitFor } from '../fleet/shell.js';

export const DAEMON_ADDRESS = '127.0.0.31';
export const DAEMON_API = `${DAEMON_ADDRESS}:5001`;

export interface AuthorizedKubo {
  apiUrl: string;
  /** Runs the ipfs CLI against this daemon's repo, authenticated with the bearer token. */
  ipfs(args: string[]): Promise<string>;
  stop(): Promise<void>;
}

export async function startAuthorizedKubo(
  ipfsBinary: string,
  credentials: { token: string; user: string; password: string },
): Promise<AuthorizedKubo> {
  const work = mkdtempSync(join(tmpdir(), 'pinfleet-kubo-auth-'));
  const env = { ...process.env, IPFS_PATH: join(work, 'repo'), IPFS_TELEMETRY: 'off', PATH: `${dirname(ipfsBinary)}:${process.env.PATH ?? ''}` };
  let daemon: ChildProcess | null = null;
  try {
    await run(ipfsBinary, ['init', '--profile', 'test'], { env });
    const script = join(work, 'config.sh');
    writeFileSync(script, kuboConfigScript({ name: 'authorized', address: DAEMON_ADDRESS, storageMax: '100MB' }), { mode: 0o755 });
    await run('sh', [script], { env });
    const authorizations = {
      admin: { AuthSecret: `bearer:${credentials.token}`, AllowedPaths: ['/api/v0'] },
      operator: { AuthSecret: `basic:${credentials.user}:${credentials.password}`, AllowedPaths: ['/api/v0'] },
    };
    await run(ipfsBinary, ['config', '--json', 'API.Authorizations', JSON.stringify(authorizations)], { env });
    daemon = spawn(ipfsBinary, ['daemon'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    daemon.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    daemon.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    const started = daemon;
    await waitFor(
      `the authorized kubo daemon on ${DAEMON_API}`,
      async () => {
        if (started.exitCode !== null) throw new Error(`ipfs daemon exited (${started.exitCode}): ${output.slice(-400)}`);
        return output.includes('Daemon is ready') ? true : undefined;
      },
      60_000,
    );
  } catch (error) {
    daemon?.kill('SIGKILL');
    rmSync(work, { recursive: true, force: true });
    throw error;
  }
  const child = daemon;
  return {
    apiUrl: `http://${DAEMON_API}`,
    ipfs: (args) => run(ipfsBinary, ['--api-auth', `bearer:${credentials.token}`, ...args], { env }),
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(work, { recursive: true, force: true });
    },
  };
}

/** The CID kubo gives these bytes with Pinfleet's add settings, from a throwaway offline repo. */
export async function onlyHashCid(ipfsBinary: string, bytes: Uint8Array, chunker: string): Promise<string> {
  const work = mkdtempSync(join(tmpdir(), 'pinfleet-only-hash-'));
  const env = { ...process.env, IPFS_PATH: join(work, 'repo'), IPFS_TELEMETRY: 'off' };
  try {
    await run(ipfsBinary, ['init', '--empty-repo', '--profile=autoconf-off'], { env });
    const file = join(work, 'file');
    writeFileSync(file, bytes);
    return await run(ipfsBinary, ['add', '--only-hash', '--cid-version', '1', '--raw-leaves', `--chunker=${chunker}`, '--quiet', file], { env });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
