// Checks what the fleet needs before touching anything, and fails with one line naming the missing
// piece and how to get it. Tests never skip on a missing prerequisite: a skipped fleet test hides a
// broken machine.
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { binaryPaths } from './versions.js';

const installHint = 'run `bash tests/fleet/install-prereqs.sh`';

export class MissingPrerequisiteError extends Error {
  override name = 'MissingPrerequisiteError';
}

export function findOnPath(name: string, extraDirs: string[] = ['/usr/sbin', '/sbin']): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), ...extraDirs];
  for (const dir of dirs) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

export interface HostTools {
  dockerd: string;
  docker: string;
  sshd: string;
  sshKeygen: string;
  busybox: string;
  tini: string;
  iptables: string;
}

export function checkPrerequisites(options: { cluster: boolean }): HostTools {
  if (process.getuid?.() !== 0) {
    throw new MissingPrerequisiteError(
      'the test fleet needs root (it mounts tmpfs disks, runs dockerd and sshd on 127.0.0.x); run as root',
    );
  }
  const need = (name: string, pkg: string): string => {
    const found = findOnPath(name);
    if (!found) throw new MissingPrerequisiteError(`${name} not found (Debian package ${pkg}); ${installHint}`);
    return found;
  };
  const tools: HostTools = {
    dockerd: need('dockerd', 'docker.io'),
    docker: need('docker', 'docker.io'),
    sshd: need('sshd', 'openssh-server'),
    sshKeygen: need('ssh-keygen', 'openssh-client'),
    iptables: need('iptables', 'iptables'),
    tini: need('tini-static', 'tini'),
    busybox: '/bin/busybox',
  };
  // Only busybox-static's binary is self-contained; Debian's dynamic busybox would need libc in the image.
  if (!existsSync(tools.busybox) || !existsSync('/usr/share/doc/busybox-static')) {
    throw new MissingPrerequisiteError(`static busybox not installed (Debian package busybox-static); ${installHint}`);
  }
  const binaries = binaryPaths();
  const wanted = options.cluster ? [binaries.ipfs, binaries.clusterService, binaries.clusterCtl] : [binaries.ipfs];
  for (const binary of wanted) {
    if (!existsSync(binary)) {
      throw new MissingPrerequisiteError(`${binary} not built; run \`bash tests/fleet/build-binaries.sh\``);
    }
  }
  return tools;
}
