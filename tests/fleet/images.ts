// Builds pinfleet-test/kubo and pinfleet-test/ipfs-cluster with `docker import` from a rootfs
// assembled here (static busybox + tini + the static binaries + the entrypoints in ./image), since
// this machine cannot pull images. Each image is also tagged with a hash of its inputs: when that tag
// exists, nothing is rebuilt.
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { docker, dockerResult } from './docker-cli.js';
import { run } from './shell.js';
import type { HostTools } from './prerequisites.js';
import { binaryPaths, readPinnedVersions } from './versions.js';

const imageDir = fileURLToPath(new URL('./image/', import.meta.url));

interface ImageRecipe {
  repository: string;
  version: string;
  /** Files copied into the rootfs: path in image → path on host. */
  files: Record<string, string>;
  emptyDirs: string[];
  /** Dockerfile-style instructions for `docker import --change`. */
  changes: string[];
}

export interface BuiltImage {
  ref: string;
  hashRef: string;
  built: boolean;
}

export async function ensureKuboImage(tools: HostTools): Promise<BuiltImage> {
  const versions = readPinnedVersions();
  return ensureImage(tools, {
    repository: 'pinfleet-test/kubo',
    version: versions.kubo,
    files: {
      '/usr/local/bin/ipfs': binaryPaths(versions).ipfs,
      '/usr/local/bin/start_ipfs': join(imageDir, 'kubo', 'start_ipfs'),
      '/usr/local/bin/container_init_run': join(imageDir, 'kubo', 'container_init_run'),
    },
    emptyDirs: ['/data/ipfs', '/container-init.d'],
    changes: [
      'ENV IPFS_PATH=/data/ipfs',
      // Belt and braces with each server's config script: no run of this image phones home.
      'ENV IPFS_TELEMETRY=off',
      'EXPOSE 4001 4001/udp 5001 8080 8081',
      'VOLUME /data/ipfs',
      'ENTRYPOINT ["/sbin/tini", "--", "/usr/local/bin/start_ipfs"]',
      'CMD ["daemon", "--migrate=true", "--agent-version-suffix=docker"]',
    ],
  });
}

export async function ensureClusterImage(tools: HostTools): Promise<BuiltImage> {
  const versions = readPinnedVersions();
  const binaries = binaryPaths(versions);
  return ensureImage(tools, {
    repository: 'pinfleet-test/ipfs-cluster',
    version: versions.cluster,
    files: {
      '/usr/local/bin/ipfs-cluster-service': binaries.clusterService,
      '/usr/local/bin/ipfs-cluster-ctl': binaries.clusterCtl,
      '/usr/local/bin/entrypoint.sh': join(imageDir, 'cluster', 'entrypoint.sh'),
      '/usr/local/bin/container_init_run': join(imageDir, 'kubo', 'container_init_run'),
    },
    emptyDirs: ['/data/ipfs-cluster', '/container-init.d'],
    changes: [
      'ENV IPFS_CLUSTER_PATH=/data/ipfs-cluster',
      'ENV IPFS_CLUSTER_CONSENSUS=crdt',
      'EXPOSE 9094 9095 9096',
      'VOLUME /data/ipfs-cluster',
      'ENTRYPOINT ["/sbin/tini", "--", "/usr/local/bin/entrypoint.sh"]',
      'CMD ["daemon"]',
    ],
  });
}

async function ensureImage(tools: HostTools, recipe: ImageRecipe): Promise<BuiltImage> {
  const files: Record<string, string> = { '/bin/busybox': tools.busybox, '/sbin/tini': tools.tini, ...recipe.files };
  const ref = `${recipe.repository}:${recipe.version}`;
  const hashRef = `${ref}-${inputHash(files, recipe).slice(0, 12)}`;
  if ((await dockerResult(['image', 'inspect', hashRef])).code === 0) {
    await docker(['tag', hashRef, ref]); // the plain tag may point at an older build
    return { ref, hashRef, built: false };
  }
  const work = mkdtempSync(join(tmpdir(), 'pinfleet-image-'));
  try {
    const rootfs = join(work, 'rootfs');
    await assembleRootfs(rootfs, files, recipe.emptyDirs);
    const tarball = join(work, 'rootfs.tar');
    await run('tar', ['--numeric-owner', '--owner=0', '--group=0', '-C', rootfs, '-cf', tarball, '.']);
    await docker(['import', ...recipe.changes.flatMap((c) => ['--change', c]), tarball, hashRef], { timeoutMs: 300_000 });
    await docker(['tag', hashRef, ref]);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return { ref, hashRef, built: true };
}

async function assembleRootfs(rootfs: string, files: Record<string, string>, emptyDirs: string[]): Promise<void> {
  for (const dir of ['bin', 'sbin', 'usr/local/bin', 'etc', 'root', 'tmp', ...emptyDirs.map((d) => d.slice(1))]) {
    mkdirSync(join(rootfs, dir), { recursive: true });
  }
  chmodSync(join(rootfs, 'tmp'), 0o1777);
  for (const [inImage, onHost] of Object.entries(files)) {
    const target = join(rootfs, inImage);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(onHost, target);
    chmodSync(target, 0o755);
  }
  // Every busybox applet as a symlink in /bin, as in the busybox base image the official kubo image uses.
  const applets = (await run(files['/bin/busybox'] ?? '/bin/busybox', ['--list'])).split('\n').filter(Boolean);
  for (const applet of applets) {
    if (applet !== 'busybox') symlinkSync('busybox', join(rootfs, 'bin', applet));
  }
  writeFileSync(join(rootfs, 'etc', 'passwd'), 'root:x:0:0:root:/root:/bin/sh\nipfs:x:1000:100::/data/ipfs:/bin/sh\n');
  writeFileSync(join(rootfs, 'etc', 'group'), 'root:x:0:\nusers:x:100:\n');
}

function inputHash(files: Record<string, string>, recipe: ImageRecipe): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ emptyDirs: recipe.emptyDirs, changes: recipe.changes, layout: 2 }));
  for (const inImage of Object.keys(files).sort()) {
    hash.update(inImage);
    hash.update(readFileSync(files[inImage] ?? ''));
  }
  // This file decides the rootfs layout, so editing it counts as a new input too.
  hash.update(readFileSync(fileURLToPath(import.meta.url)));
  return hash.digest('hex');
}
