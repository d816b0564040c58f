// The plan of a dropped folder in Electron: the File the renderer holds reports the folder entry's
// size, so the renderer also sends the local path and main measures the folder from disk, walked as
// the upload walks it (a link leaving the folder is skipped, so it is not counted either).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../src-main/app/compose.js';
import { unwrap } from '../../src-preload/contract/errors.js';
import type { ItemPlan } from '../../src-preload/contract/upload-types.js';
import { MemorySecrets } from '../support/memory-secrets.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pinfleet-plan-paths-'));
const folder = path.join(work, 'photos');
let app: AppContext;

beforeAll(() => {
  fs.mkdirSync(path.join(folder, 'inner'), { recursive: true });
  fs.writeFileSync(path.join(folder, 'a.bin'), Buffer.alloc(1000));
  fs.writeFileSync(path.join(folder, 'inner', 'b.bin'), Buffer.alloc(2345));
  fs.writeFileSync(path.join(work, 'outside.bin'), Buffer.alloc(50_000));
  fs.symlinkSync(path.join(work, 'outside.bin'), path.join(folder, 'leaves.bin'));
  app = createAppContext({ dataDir: path.join(work, 'data'), actor: 'test', secrets: new MemorySecrets() });
});

afterAll(async () => {
  await app?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('uploads.plan with local paths', () => {
  it('measures a folder from disk instead of the size the renderer saw', async () => {
    const plans = unwrap(await app.router.call('uploads.plan', { items: [{ name: 'photos', size: 4096, path: folder }, { name: 'typed.txt', size: 12 }], replicas: 1 })) as ItemPlan[];
    expect(plans.map((p) => [p.name, p.size])).toEqual([['photos', 3345], ['typed.txt', 12]]);
  });

  it('a path that is gone is named in the error', async () => {
    const answer = await app.router.call('uploads.plan', { items: [{ name: 'gone', size: 1, path: path.join(work, 'gone') }], replicas: 1 });
    expect(answer).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringContaining('gone: no such file or folder') as unknown } });
  });
});
