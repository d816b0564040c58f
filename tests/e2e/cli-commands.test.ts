// The CLI as a script would use it: the built `pinfleet` binary, a real data directory, exit codes
// and one-line errors.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const CLI = path.resolve('out/main/cli.js');
let dataDir: string;

async function pinfleet(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, '--data-dir', dataDir, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'pinfleet-cli-'));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe('pinfleet (CLI)', () => {
  it('adds, lists and shows nodes, as JSON for scripts', async () => {
    const added = await pinfleet('nodes', 'add', 'cli1', '--host', '10.0.0.5', '--tags', 'ssd,eu', '--region', 'eu', '--json');
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ name: 'cli1', host: '10.0.0.5', sshPort: 22, tags: ['ssd', 'eu'] });
    const listed = await pinfleet('nodes', 'list', '--json');
    expect(JSON.parse(listed.stdout).map((n: { name: string }) => n.name)).toEqual(['cli1']);
    const shown = await pinfleet('nodes', 'show', 'cli1');
    expect(shown.stdout).toContain('root@10.0.0.5:22');
    const status = JSON.parse((await pinfleet('status', '--json')).stdout);
    expect(status.nodes).toEqual({ total: 1, active: 1, draining: 0 });
  });

  it('fails with one line and a non-zero code', async () => {
    const badPort = await pinfleet('nodes', 'add', 'cli2', '--host', '10.0.0.6', '--port', '70000');
    expect(badPort.code).toBe(1);
    expect(badPort.stderr).toBe('pinfleet: sshPort: 70000 is not a port: use 1–65535\n');
    const duplicate = await pinfleet('nodes', 'add', 'cli1', '--host', '10.0.0.7');
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toBe('pinfleet: A node named "cli1" already exists (host 10.0.0.5:22).\n');
    const missing = await pinfleet('nodes', 'show', 'nope');
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    const usage = await pinfleet('nodes', 'frobnicate');
    expect(usage.code).toBe(2);
    const unknownFlag = await pinfleet('nodes', 'list', '--colour');
    expect(unknownFlag.code).toBe(2);
    expect(unknownFlag.stderr).toBe("pinfleet: Unknown option '--colour'. Run `pinfleet --help` for usage.\n");
  });

  it('imports a .env and exports CSV', async () => {
    const env = path.join(dataDir, 'fleet.env');
    await writeFile(env, '# endpoints\nIPFS_ALPHA_ENDPOINT=http://10.1.1.1:5001\nexport IPFS_BETA_ENDPOINT="http://beta.example:5002"\n');
    const imported = await pinfleet('inventory', 'import', env, '--format', 'env', '--json');
    expect(JSON.parse(imported.stdout)).toMatchObject({ added: ['alpha', 'beta'], skipped: [] });
    const csv = await pinfleet('inventory', 'export', '--format', 'csv');
    expect(csv.stdout.split('\n')[0]).toContain('name,host,sshPort');
    expect(csv.stdout).toContain('beta,beta.example,22,root');
    expect(csv.stdout).toContain('beta.example:5002');
  });

  it('removes nodes without touching the server', async () => {
    const removed = await pinfleet('nodes', 'remove', 'cli1');
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain('nothing on the server was touched');
    expect((await pinfleet('nodes', 'show', 'cli1')).code).toBe(1);
  });
});
