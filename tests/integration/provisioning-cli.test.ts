// `pinfleet provision` as an admin types it, against the bare server: hostile values are refused
// with a message naming the field and nothing runs on the server; a real run prints its progress on
// stderr and the report as JSON; `--rollback` leaves the successful run alone until it is named, and
// deletes data only with --confirm bare, leaving the server bare. Uses the built CLI (out/).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { fleetUids } from '../fleet/egress-guard.js';
import { bareServer, bareState, makeBare, onServer } from './provisioning-support.js';

const execFileAsync = promisify(execFile);
const fleet = inject('fleet');
const bare = bareServer(fleet);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pinfleet-provision-cli-'));
const CLI = path.resolve('out/main/cli.js');
const PWNED = '/tmp/pwned';

async function pinfleet(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [CLI, '--data-dir', dataDir, ...args], { maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const login = ['--host-key', bare.ssh.hostKeyFingerprint, '--key-file', fleet.clientKeyPath];
const safe = { host: bare.address, name: 'bare', path: bare.dataPath, tags: 'new' };
const provisionArgs = (v: typeof safe) => ['provision', v.host, ...login, '--name', v.name, '--data-path', v.path, '--tags', v.tags];

beforeAll(async () => {
  fs.rmSync(PWNED, { force: true });
  await makeBare(fleet);
});

afterAll(async () => {
  await pinfleet('provision', bare.address, ...login, '--rollback', '--confirm', 'bare');
  await makeBare(fleet);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('pinfleet provision', () => {
  it('refuses hostile host, name, path and tags naming the field, and runs nothing on the server', async () => {
    const hostile = ['$(touch /tmp/pwned)', ';id', '`touch /tmp/pwned`', 'a\nb', 'a\u202Eb'];
    for (const value of hostile) {
      const cases: [string, typeof safe][] = [
        ['host', { ...safe, host: value }],
        ['name', { ...safe, name: value }],
        ['dataPath', { ...safe, path: `/srv/${value}` }],
        ['tags.0', { ...safe, tags: value }],
      ];
      for (const [field, values] of cases) {
        const result = await pinfleet(...provisionArgs(values));
        expect(result.code, `${field} = ${JSON.stringify(value)}`).toBe(1);
        expect(result.stderr).toMatch(new RegExp(`^pinfleet: ${field.replace('.', '\\.')}: `));
      }
    }
    expect((await onServer(fleet, ['test', '-e', PWNED])).code).not.toBe(0);
    expect(fs.existsSync(PWNED)).toBe(false);
    expect(await bareState(fleet)).toEqual({ container: null, dataEntries: [] });
  });

  it('says what a size flag should look like', async () => {
    const result = await pinfleet(...provisionArgs(safe), '--reserve', 'lots');
    expect(result).toMatchObject({ code: 1, stderr: 'pinfleet: --reserve: "lots" is not a size (e.g. 512MiB, 20GB, or bytes)\n' });
  });

  it('provisions with progress on stderr and the report as JSON, then --rollback leaves the server bare', async () => {
    const result = await pinfleet(
      ...provisionArgs(safe), '--region', 'eu', '--reserve', '64MiB', '--image', fleet.images.kubo, '--private-network', '--fleet-networks', '127.0.0.0/8',
      '--run-as', `${fleetUids.kubo}:${fleetUids.kubo}`, '--json',
    );
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { runId: number; status: string; steps: { step: string; status: string }[]; health: { state: string } };
    expect(report.status).toBe('done');
    expect(report.steps.every((s) => s.status === 'done')).toBe(true);
    expect(report.health.state).toBe('online');
    expect(result.stderr).toContain('[container] ok: created /srv/pinfleet-fleet/bare/data/ipfs');
    expect(result.stderr).toContain('[register] ok: registered bare');
    expect((await bareState(fleet)).container).toBe('running');

    // The run succeeded: --rollback alone shows it is left alone and undoes nothing.
    const unnamed = await pinfleet('provision', bare.address, ...login, '--rollback', '--json');
    expect(unnamed.code, unnamed.stderr).toBe(0);
    expect(JSON.parse(unnamed.stdout)).toMatchObject({ plan: { runIds: [], leftAlone: [{ runId: report.runId, status: 'done' }] }, report: { undone: [] } });
    expect(unnamed.stderr).toContain(`Left alone: run ${report.runId} (done).`);
    expect((await bareState(fleet)).container).toBe('running');

    // Named, it prints the plan and refuses to delete data without --confirm bare typed exactly.
    const rollback = ['provision', bare.address, ...login, '--rollback', '--run-id', String(report.runId)];
    for (const confirm of [[], ['--confirm', 'Bare']]) {
      const refused = await pinfleet(...rollback, ...confirm, '--json');
      expect(refused.code, refused.stderr).toBe(1);
      expect(refused.stderr).toMatch(/^pinfleet: This rollback deletes data \(.*\/ipfs\): give --confirm bare to go on/m);
      expect(refused.stderr).toContain(`remove ${bare.dataPath}/ipfs   [deletes data]`);
      expect(JSON.parse(refused.stdout)).toMatchObject({ plan: { runIds: [report.runId], deletesData: true, confirmWord: 'bare', blocked: [] }, report: null });
      expect((await bareState(fleet)).container).toBe('running');
    }

    const undone = await pinfleet(...rollback, '--confirm', 'bare', '--json');
    expect(undone.code, undone.stderr).toBe(0);
    expect(JSON.parse(undone.stdout).report.undone).toEqual(['remove bare from the inventory', 'remove container pinfleet-kubo', `remove ${bare.dataPath}/container-init.d`, `remove ${bare.dataPath}/ipfs`]);
    expect(await bareState(fleet)).toEqual({ container: null, dataEntries: [] });
    expect(JSON.parse((await pinfleet('nodes', 'list', '--json')).stdout)).toEqual([]);
  });
});
