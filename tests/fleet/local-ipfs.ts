// The built kubo binary run locally, offline, with a throwaway repo: the reference for what CID
// a file must get (`ipfs add --only-hash`), independent of any fleet node.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './shell.js';

export async function expectedCid(ipfsBinary: string, bytes: Uint8Array): Promise<string> {
  const work = mkdtempSync(join(tmpdir(), 'pinfleet-only-hash-'));
  const env = { ...process.env, IPFS_PATH: join(work, 'repo'), IPFS_TELEMETRY: 'off' };
  try {
    await run(ipfsBinary, ['init', '--empty-repo', '--profile=autoconf-off'], { env });
    const file = join(work, 'file');
    writeFileSync(file, bytes);
    return await run(ipfsBinary, ['add', '--only-hash', '--cid-version=1', '--raw-leaves', '--quiet', file], { env });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
