// Fingerprints must equal what `ssh-keygen -lf` prints (the admin compares them by eye), and the
// pinning decision must refuse an unknown or a changed key with both fingerprints in the message.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  describeHostKey,
  hostKeyRefusal,
  hostKeyStatus,
  hostKeyType,
} from '../../../src-main/connections/host-key.js';

const scratch = mkdtempSync(join(tmpdir(), 'pinfleet-hostkey-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function generate(type: string, bits?: number): { blob: Buffer; keygen: string } {
  const file = join(scratch, `key-${type}-${bits ?? 0}`);
  execFileSync('ssh-keygen', ['-q', '-t', type, ...(bits ? ['-b', String(bits)] : []), '-N', '', '-f', file]);
  const [, base64] = readFileSync(`${file}.pub`, 'utf8').trim().split(/\s+/);
  // `ssh-keygen -lf` prints "<bits> SHA256:… comment (TYPE)"
  const keygen = execFileSync('ssh-keygen', ['-lf', `${file}.pub`], { encoding: 'utf8' }).split(/\s+/)[1]!;
  return { blob: Buffer.from(base64!, 'base64'), keygen };
}

describe('describeHostKey', () => {
  it.each([
    ['ed25519', undefined, 'ssh-ed25519'],
    ['ecdsa', 256, 'ecdsa-sha2-nistp256'],
    ['rsa', 2048, 'ssh-rsa'],
  ])('%s (%s bits): fingerprint equals ssh-keygen -lf, type is %s', (type, bits, keyType) => {
    const { blob, keygen } = generate(type, bits);
    const described = describeHostKey(blob);
    expect(keygen).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(described.fingerprint).toBe(keygen);
    expect(described.keyType).toBe(keyType);
  });

  it('calls a malformed blob unknown rather than guessing', () => {
    expect(hostKeyType(Buffer.from([0, 0]))).toBe('unknown');
    expect(hostKeyType(Buffer.from([0, 0, 0, 200, 65]))).toBe('unknown');
    expect(hostKeyType(Buffer.from([0, 0, 0, 2, 0x0a, 0x41]))).toBe('unknown');
  });
});

describe('host key decision', () => {
  const node = { name: 'node1', host: '10.0.0.5', port: 22 };
  const presented = { keyType: 'ssh-ed25519', fingerprint: 'SHA256:NEWnewNEWnewNEWnewNEWnewNEWnewNEWnewNEWnewN' };
  const old = 'SHA256:OLDoldOLDoldOLDoldOLDoldOLDoldOLDoldOLDoldO';

  it.each([
    [null, 'unknown'],
    ['', 'unknown'],
    [presented.fingerprint, 'match'],
    [old, 'mismatch'],
  ] as const)('pin %s → %s', (pin, status) => {
    expect(hostKeyStatus(pin, presented)).toBe(status);
  });

  it('proceeds on a match', () => {
    expect(hostKeyRefusal(node, presented.fingerprint, presented)).toBeNull();
  });

  it('refuses an unpinned key with host_key_unknown, its type and fingerprint, and how to trust it', () => {
    const error = hostKeyRefusal(node, null, presented);
    expect(error?.code).toBe('host_key_unknown');
    expect(error?.message).toContain('ssh-ed25519');
    expect(error?.message).toContain(presented.fingerprint);
    expect(error?.message).toContain(`pinfleet hostkeys trust node1 --fingerprint ${presented.fingerprint}`);
  });

  it('refuses a changed key with host_key_mismatch naming both fingerprints and the replace command', () => {
    const error = hostKeyRefusal(node, old, presented);
    expect(error?.code).toBe('host_key_mismatch');
    expect(error?.message).toContain(old);
    expect(error?.message).toContain(presented.fingerprint);
    expect(error?.message).toContain(`pinfleet hostkeys replace node1 --previous ${old} --next ${presented.fingerprint}`);
  });
});
