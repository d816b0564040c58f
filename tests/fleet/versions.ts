// Reads resources/versions.env, the one place the kubo and Cluster versions are pinned.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface PinnedVersions {
  kubo: string;
  cluster: string;
}

export function readPinnedVersions(): PinnedVersions {
  const file = join(repoRoot, 'resources', 'versions.env');
  const values = new Map<string, string>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match?.[1] && match[2] !== undefined) values.set(match[1], match[2]);
  }
  const kubo = values.get('KUBO_VERSION');
  const cluster = values.get('CLUSTER_VERSION');
  if (!kubo || !cluster) throw new Error(`${file} lacks KUBO_VERSION or CLUSTER_VERSION; restore it from git`);
  return { kubo, cluster };
}

export function cacheDir(): string {
  return process.env.PINFLEET_CACHE ?? join(homedir(), '.cache', 'pinfleet');
}

/** Where tests/fleet/build-binaries.sh puts the static binaries. */
export function binaryPaths(versions: PinnedVersions = readPinnedVersions()) {
  const bin = join(cacheDir(), 'bin');
  return {
    ipfs: join(bin, `kubo-${versions.kubo}`, 'ipfs'),
    clusterService: join(bin, `cluster-${versions.cluster}`, 'ipfs-cluster-service'),
    clusterCtl: join(bin, `cluster-${versions.cluster}`, 'ipfs-cluster-ctl'),
  };
}
