// The preload against a fake `electron` (the binary cannot run here): with context isolation it
// exposes exactly two objects of named functions, `pinfleet` (the contract) and `pinfleetFiles`,
// whose one function hands a dropped File to webUtils.getPathForFile and returns its path.
import { describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => {
  const exposed = new Map<string, unknown>();
  const asked: unknown[] = [];
  return {
    exposed,
    asked,
    electron: {
      contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
      ipcRenderer: { invoke: async () => ({ ok: true, data: null }), on: () => {}, removeListener: () => {} },
      webUtils: {
        getPathForFile: (file: unknown) => {
          asked.push(file);
          return (file as { name: string }).name === 'made-in-page' ? '' : `/home/admin/${(file as { name: string }).name}`;
        },
      },
    },
  };
});
vi.mock('electron', () => fake.electron);

describe('the preload', () => {
  it('exposes pinfleetFiles.pathForFile next to the contract API, named functions only', async () => {
    await import('../../../src-preload/index.js');
    expect([...fake.exposed.keys()].sort()).toEqual(['pinfleet', 'pinfleetFiles']);
    const files = fake.exposed.get('pinfleetFiles') as Record<string, unknown>;
    expect(Object.keys(files)).toEqual(['pathForFile']);
    expect(typeof files.pathForFile).toBe('function');
    const pathForFile = files.pathForFile as (file: { name: string }) => string;
    const dropped = { name: 'photos' };
    expect(pathForFile(dropped)).toBe('/home/admin/photos');
    expect(fake.asked).toEqual([dropped]);
    expect(pathForFile({ name: 'made-in-page' })).toBe('');
    // The contract side is unchanged: namespaces of functions, no generic invoke.
    const api = fake.exposed.get('pinfleet') as Record<string, Record<string, unknown>>;
    expect(typeof api.uploads!.start).toBe('function');
    expect(api.invoke).toBeUndefined();
  });
});
