// The OS keyring as the source of the secret-store passphrase, for real: a private D-Bus session
// with an unlocked gnome-keyring (headless, as root, its files in a temporary HOME), and separate
// Pinfleet processes with no PINFLEET_SECRETS_PASSPHRASE. Shows that the first use stores a
// generated passphrase in the keyring, that a second process reads the secret back through it,
// and that removing the keyring entry locks the store with the three ways to unlock it.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'pinfleet-keyring-home-'));
const dataDir = path.join(home, 'data');
const out = path.join(home, 'out');
const secret = `ssh-password-${Date.now().toString(36)}-keyring`;

// Every value reaches the script through the environment; the script itself is fixed text.
const SCRIPT = String.raw`
mkdir -p "$XDG_RUNTIME_DIR" "$OUT" && chmod 700 "$XDG_RUNTIME_DIR"
# --foreground so this script owns the daemon and stops it; --unlock reads the login keyring's
# password from stdin and creates that keyring on first start.
printf '%s' "$KEYRING_PASSWORD" | gnome-keyring-daemon --foreground --unlock --components=secrets >"$OUT/daemon.log" 2>&1 &
daemon=$!
trap 'kill $daemon' EXIT
# Wait until the daemon owns the Secret Service name, or D-Bus would start a second, locked one.
i=0
until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'; do
  i=$((i + 1)); [ "$i" -gt 100 ] && { echo 'gnome-keyring never took org.freedesktop.secrets' >&2; exit 3; }
  sleep 0.1
done
secret-tool lookup service pinfleet account secrets-passphrase >"$OUT/before.txt"; echo $? >"$OUT/before.code"
PROBE_VALUE="$SECRET" "$TSX" "$PROBE" "$DATA" set ssh/node-1 >"$OUT/first.json"
secret-tool lookup service pinfleet account secrets-passphrase >"$OUT/stored.txt"
"$TSX" "$PROBE" "$DATA" get ssh/node-1 >"$OUT/second.json"
secret-tool clear service pinfleet account secrets-passphrase
"$TSX" "$PROBE" "$DATA" get ssh/node-1 >"$OUT/third.json"
`;

const read = (name: string) => fs.readFileSync(path.join(out, name), 'utf8');
const json = (name: string) => JSON.parse(read(name)) as { kind: string; value?: string | null; error?: { code: string; message: string } };

afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

describe('the secret-store passphrase from the OS keyring (gnome-keyring, secret-tool)', () => {
  it('is generated and stored on first use, read back by another process, and its loss locks the store', async () => {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: home,
      XDG_DATA_HOME: path.join(home, 'share'),
      XDG_RUNTIME_DIR: path.join(home, 'run'),
      KEYRING_PASSWORD: 'login-keyring-password',
      SECRET: secret,
      TSX: path.join(root, 'node_modules/.bin/tsx'),
      PROBE: path.join(root, 'tests/integration/keyring-probe.ts'),
      DATA: dataDir,
      OUT: out,
    };
    await run('dbus-run-session', ['--', 'sh', '-c', SCRIPT], { env, cwd: root, timeout: 120_000 });

    // No entry before the first use.
    expect(read('before.code').trim()).toBe('1');
    expect(read('before.txt')).toBe('');
    // First process: a 32-byte passphrase went to the keyring, and the secret was sealed with it.
    const first = json('first.json');
    expect(first).toEqual({ kind: 'encrypted file (passphrase kept in the OS keyring (libsecret secret-tool))', value: secret });
    const passphrase = read('stored.txt');
    expect(Buffer.from(passphrase, 'base64url')).toHaveLength(32);
    const sealed = fs.readFileSync(path.join(dataDir, 'secrets.enc.json'), 'utf8');
    expect(sealed).not.toContain(secret);
    expect(sealed).not.toContain(passphrase);
    // Second process, no passphrase in its environment: the keyring opens the same file.
    expect(json('second.json')).toEqual({ kind: first.kind, value: secret });
    // The entry removed: the store is locked (not silently re-keyed) and says how to unlock it.
    const third = json('third.json');
    expect(third.error?.code).toBe('secret_store_locked');
    expect(third.error?.message).toContain('no longer holds its passphrase');
    expect(third.error?.message).toContain('PINFLEET_SECRETS_PASSPHRASE');
  }, 180_000);
});
