// The newcomer's `npm test` installs what is missing by itself (tests/fleet/setup-machine.sh, the
// pretest step). Where it cannot (not Debian, not root) it must stop with one line naming the command
// to run and a non-zero exit, never skip silently. These make both refusals fire: a PATH without
// dpkg stands for another distribution, and a dpkg-query stand-in that reports every package missing,
// run as an unprivileged user, for a Debian machine without root.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const script = path.join(root, 'tests/fleet/setup-machine.sh');
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A bin folder holding only the ordinary tools the script uses, plus any stand-ins given. */
function binWith(standIns: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pinfleet-setup-'));
  dirs.push(dir);
  chmodSync(dir, 0o755);
  for (const tool of ['bash', 'sed', 'date', 'awk', 'dirname', 'grep', 'id', 'ss', 'cat']) {
    const found = spawnSync('bash', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
    if (found) symlinkSync(found, path.join(dir, tool));
  }
  for (const [name, body] of Object.entries(standIns)) {
    writeFileSync(path.join(dir, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  }
  return dir;
}

function run(bin: string, asNobody = false) {
  const command = asNobody ? ['/usr/bin/setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', 'bash', script] : ['bash', script];
  const result = spawnSync(command[0]!, command.slice(1), { env: { PATH: bin, HOME: '/nonexistent' }, encoding: 'utf8' });
  return { status: result.status, stderr: result.stderr.trim() };
}

describe('setup-machine.sh', () => {
  it('on a machine without dpkg, names what to install and fails', () => {
    const { status, stderr } = run(binWith());
    expect(status).not.toBe(0);
    expect(stderr.split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/not Debian.*install docker\.io .*then run npm test again/u);
  });

  // Needs root to become another user (as CI and the fleet tests do).
  it('on Debian without root, names the sudo command and fails', () => {
    const bin = binWith({ 'dpkg-query': 'exit 1', 'apt-get': 'echo apt-get must not run >&2; exit 3' });
    const { status, stderr } = run(bin, true);
    expect(status).toBe(1);
    expect(stderr).toBe(
      "install-prereqs: need root to install docker.io tini openssh-server openssh-client busybox-static chromium fonts-dejavu-core fonts-liberation iproute2 iptables xvfb tar procps util-linux libsecret-tools gnome-keyring dbus: run 'sudo bash tests/fleet/install-prereqs.sh', then npm test again",
    );
  });
});
