// Which way dropped files go: paths in Electron (preload's pathForFile), streamed bodies in the
// browser, neither in an Electron window without pathForFile; and files with no local path refused.
import { describe, expect, it } from 'vitest';
import { localPathsOf, pickFileRoute, planItemsOf } from '../../../src-renderer/features/uploads/lib/file-route.js';

const file = (name: string) => ({ name }) as unknown as File;

describe('pickFileRoute', () => {
  it('uses local paths when the preload offers pathForFile', () => {
    const route = pickFileRoute({ pinfleet: {}, pinfleetFiles: { pathForFile: (f) => `/data/${f.name}`, choose: async () => [] } });
    expect(route.kind).toBe('paths');
    expect(route.kind === 'paths' && route.pathFor(file('a.bin'))).toBe('/data/a.bin');
  });
  it('streams to POST /upload in the browser (no preload at all)', () => {
    expect(pickFileRoute({}).kind).toBe('stream');
  });
  it('offers neither in an Electron window whose preload lacks pathForFile', () => {
    expect(pickFileRoute({ pinfleet: {} }).kind).toBe('none');
  });
});

describe('localPathsOf', () => {
  it('keeps the paths in order and refuses a file without one, by name', () => {
    const chosen = [{ name: 'a', file: file('a') }, { name: 'made', file: file('made') }, { name: 'dir', file: file('dir') }];
    const { paths, refused } = localPathsOf(chosen, (f) => (f.name === 'made' ? '' : `/home/x/${f.name}`));
    expect(paths).toEqual(['/home/x/a', '/home/x/dir']);
    expect(refused.map((r) => r.item.name)).toEqual(['made']);
    expect(refused[0]!.reason).toMatch(/made has no location on this computer/);
  });
});

describe('planItemsOf', () => {
  const chosen = [{ name: 'photos', file: { name: 'photos', size: 4096 } as unknown as File }, { name: 'made', file: { name: 'made', size: 7 } as unknown as File }];
  it('adds each local path in Electron, so main measures folders from disk', () => {
    const route = pickFileRoute({ pinfleet: {}, pinfleetFiles: { pathForFile: (f) => (f.name === 'made' ? '' : `/home/x/${f.name}`), choose: async () => [] } });
    expect(planItemsOf(chosen, route)).toEqual([{ name: 'photos', size: 4096, path: '/home/x/photos' }, { name: 'made', size: 7 }]);
  });
  it('sends names and sizes only from the browser', () => {
    expect(planItemsOf(chosen, pickFileRoute({}))).toEqual([{ name: 'photos', size: 4096 }, { name: 'made', size: 7 }]);
  });
});
