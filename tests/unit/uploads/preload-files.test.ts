// The preload against a fake `electron` (the binary cannot run here): with context isolation it
// exposes exactly two objects of named functions, `pinfleet` (the contract) and `pinfleetFiles`:
// pathForFile hands a dropped File to webUtils.getPathForFile, tells main that path was given and
// returns it; choose asks main for its own open dialog.
import { describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => {
  const exposed = new Map<string, unknown>();
  const asked: unknown[] = [];
  const sent: [string, unknown][] = [];
  const invoked: [string, unknown][] = [];
  return {
    exposed,
    asked,
    sent,
    invoked,
    electron: {
      contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
      ipcRenderer: {
        invoke: async (channel: string, input: unknown) => {
          invoked.push([channel, input]);
          return channel === 'pinfleet-files:choose' ? ['/home/admin/.ssh/id_ed25519'] : { ok: true, data: null };
        },
        send: (channel: string, payload: unknown) => sent.push([channel, payload]),
        on: () => {},
        removeListener: () => {},
      },
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
  it('exposes pinfleetFiles.pathForFile and choose next to the contract API, named functions only', async () => {
    await import('../../../src-preload/index.js');
    expect([...fake.exposed.keys()].sort()).toEqual(['pinfleet', 'pinfleetFiles']);
    const files = fake.exposed.get('pinfleetFiles') as Record<string, unknown>;
    expect(Object.keys(files).sort()).toEqual(['choose', 'pathForFile']);
    expect(typeof files.pathForFile).toBe('function');
    const pathForFile = files.pathForFile as (file: { name: string }) => string;
    const dropped = { name: 'photos' };
    expect(pathForFile(dropped)).toBe('/home/admin/photos');
    expect(fake.asked).toEqual([dropped]);
    expect(pathForFile({ name: 'made-in-page' })).toBe('');
    // Main hears of the real path only, once, before the page can name it in a request.
    expect(fake.sent).toEqual([['pinfleet-files:dropped', '/home/admin/photos']]);
    const choose = files.choose as (kind: string) => Promise<string[]>;
    expect(await choose('keyFile')).toEqual(['/home/admin/.ssh/id_ed25519']);
    expect(fake.invoked).toEqual([['pinfleet-files:choose', 'keyFile']]);
    // The contract side is unchanged: namespaces of functions, no generic invoke.
    const api = fake.exposed.get('pinfleet') as Record<string, Record<string, unknown>>;
    expect(typeof api.uploads!.start).toBe('function');
    expect(api.invoke).toBeUndefined();
  });
});
