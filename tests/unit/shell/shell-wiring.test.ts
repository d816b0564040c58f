// The Electron entry cannot be launched here (no Electron binary), so it is loaded against a
// fake `electron` module that records what the shell asks of it: the order of the pre-ready
// calls, what happens on ready, on a startup failure and on quit.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES } from '../../../src-preload/contract/contract.js';

type Fn = (...args: never[]) => unknown;

const fake = vi.hoisted(() => {
  const state = {
    calls: [] as string[],
    appListeners: new Map<string, (...args: unknown[]) => void>(),
    ipcHandlers: new Map<string, unknown>(),
    windows: [] as { options: unknown; url: string | null }[],
    protocolHandler: null as ((request: { url: string; method: string }) => Promise<Response>) | null,
    permissionRequest: null as ((...args: unknown[]) => void) | null,
    permissionCheck: null as ((...args: unknown[]) => boolean) | null,
    ready: Promise.resolve(),
    errorBoxes: [] as [string, string][],
    exitCode: null as number | null,
  };
  let nextId = 1;
  class BrowserWindow {
    readonly webContents = { id: nextId++ };
    private readonly record: { options: unknown; url: string | null };
    constructor(options: unknown) {
      this.record = { options, url: null };
      state.windows.push(this.record);
    }
    once(): void {}
    on(): void {}
    isDestroyed(): boolean {
      return false;
    }
    loadURL(url: string): Promise<void> {
      this.record.url = url;
      return Promise.resolve();
    }
  }
  const electron = {
    app: {
      setPath: (name: string, value: string) => state.calls.push(`setPath ${name} ${value}`),
      enableSandbox: () => state.calls.push('enableSandbox'),
      requestSingleInstanceLock: () => {
        state.calls.push('requestSingleInstanceLock');
        return true;
      },
      on: (event: string, listener: (...args: unknown[]) => void) => state.appListeners.set(event, listener),
      whenReady: () => state.ready,
      quit: () => state.calls.push('quit'),
      exit: (code: number) => {
        state.exitCode = code;
      },
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown) =>
        state.calls.push(`registerSchemesAsPrivileged ${JSON.stringify(schemes)}`),
      handle: (_scheme: string, handler: typeof state.protocolHandler) => {
        state.protocolHandler = handler;
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: typeof state.permissionRequest) => {
          state.permissionRequest = h;
        },
        setPermissionCheckHandler: (h: typeof state.permissionCheck) => {
          state.permissionCheck = h;
        },
        setDevicePermissionHandler: () => {},
        webRequest: { onHeadersReceived: () => state.calls.push('onHeadersReceived') },
      },
    },
    ipcMain: {
      handle: (channel: string, handler: unknown) => state.ipcHandlers.set(channel, handler),
      removeHandler: (channel: string) => state.ipcHandlers.delete(channel),
      on: (channel: string, listener: unknown) => state.ipcHandlers.set(`on:${channel}`, listener),
      removeListener: (channel: string) => state.ipcHandlers.delete(`on:${channel}`),
    },
    dialog: { showErrorBox: (title: string, message: string) => state.errorBoxes.push([title, message]) },
    nativeTheme: { shouldUseDarkColors: false, on: () => {} },
    shell: { openExternal: () => Promise.resolve() },
    // No keychain in the fake: the shell must fall back to compose.ts's own choice of secret store.
    safeStorage: { isEncryptionAvailable: () => false, encryptString: () => Buffer.alloc(0), decryptString: () => '' },
    BrowserWindow,
  };
  const context = { createAppContext: null as unknown as Fn, closed: 0 };
  return { state, electron, context };
});

vi.mock('electron', () => fake.electron);
vi.mock('../../../src-main/app/compose.js', () => ({
  createAppContext: (...args: never[]) => fake.context.createAppContext(...args),
}));

const argv = process.argv;

async function loadShell(createAppContext: Fn): Promise<void> {
  fake.context.createAppContext = createAppContext;
  await import('../../../src-main/shell/index.js');
  await fake.state.ready;
  await new Promise((resolve) => setTimeout(resolve, 0));
}

function workingContext() {
  return vi.fn(() => ({
    router: { call: async () => ({ ok: true, data: null }) },
    bus: { subscribe: () => () => true },
    dataDir: '/tmp/pinfleet-shell-test',
    close: async () => {
      fake.context.closed += 1;
    },
  }));
}

beforeEach(() => {
  vi.resetModules();
  // The shell logs every refusal; the assertions below check the refusals themselves.
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
  process.argv = ['electron', 'out/main/index.js', '--data-dir', '/tmp/pinfleet-shell-test'];
  Object.assign(fake.state, {
    calls: [],
    appListeners: new Map(),
    ipcHandlers: new Map(),
    windows: [],
    protocolHandler: null,
    permissionRequest: null,
    permissionCheck: null,
    errorBoxes: [],
    exitCode: null,
  });
  fake.context.closed = 0;
});

afterEach(() => {
  process.argv = argv;
  vi.restoreAllMocks();
});

describe('the Electron shell entry', () => {
  it('points Electron at the data folder, sandboxes and registers the scheme before taking the lock', async () => {
    await loadShell(workingContext());
    const [setPath, sandbox, scheme, lock] = fake.state.calls;
    expect(setPath).toBe('setPath userData /tmp/pinfleet-shell-test');
    expect(sandbox).toBe('enableSandbox');
    expect(JSON.parse(scheme?.replace('registerSchemesAsPrivileged ', '') ?? 'null')).toEqual([
      { scheme: 'pinfleet', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(lock).toBe('requestSingleInstanceLock');
  });

  it('on ready builds the context as "ui", serves every channel and opens one hardened window on pinfleet://app/', async () => {
    const createAppContext = workingContext();
    await loadShell(createAppContext);
    // No keychain in the fake, so no safeStorage store: compose.ts picks the secret store itself.
    expect(createAppContext).toHaveBeenCalledWith(expect.objectContaining({ dataDir: '/tmp/pinfleet-shell-test', actor: 'ui', secrets: undefined }));
    // Every channel, plus main's file dialog and the preload's report of a dropped file.
    const files = ['pinfleet-files:choose', 'on:pinfleet-files:dropped'];
    expect([...fake.state.ipcHandlers.keys()].sort()).toEqual([...CHANNEL_NAMES.map((c) => `pinfleet:${c}`), ...files].sort());
    expect(fake.state.windows).toHaveLength(1);
    expect(fake.state.windows[0]?.url).toBe('pinfleet://app/index.html');
    expect(fake.state.windows[0]?.options).toMatchObject({
      show: false,
      webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false },
    });
    expect(fake.state.calls).toContain('onHeadersReceived');
    expect(fake.state.appListeners.has('web-contents-created')).toBe(true);
  });

  it('denies permission requests and checks on the session', async () => {
    await loadShell(workingContext());
    const callback = vi.fn();
    fake.state.permissionRequest?.({}, 'media', callback, {});
    expect(callback).toHaveBeenCalledWith(false);
    expect(fake.state.permissionCheck?.({}, 'clipboard-read', 'pinfleet://app', {})).toBe(false);
  });

  it('refuses a traversal through the pinfleet:// handler', async () => {
    await loadShell(workingContext());
    const response = await fake.state.protocolHandler?.({ url: 'pinfleet://app/%2e%2e/%2e%2e/etc/passwd', method: 'GET' });
    expect(response?.status).toBe(400);
    const post = await fake.state.protocolHandler?.({ url: 'pinfleet://app/index.html', method: 'POST' });
    expect(post?.status).toBe(405);
  });

  it('on quit stops the IPC transport and closes the context', async () => {
    await loadShell(workingContext());
    const quitEvent = { preventDefault: vi.fn() };
    fake.state.appListeners.get('will-quit')?.(quitEvent);
    expect(fake.state.ipcHandlers.size).toBe(0);
    expect(fake.context.closed).toBe(1);
    // The quit waits for the context to close, then goes ahead.
    expect(quitEvent.preventDefault).toHaveBeenCalledOnce();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(fake.state.calls.at(-1)).toBe('quit');
  });

  it('shows a PinfleetError in a dialog and exits without opening a window', async () => {
    // Imported after resetModules so it is the same class the shell checks against.
    const { PinfleetError } = await import('../../../src-preload/contract/errors.js');
    await loadShell(() => {
      throw new PinfleetError('db_newer_than_app', 'The inventory was written by a newer Pinfleet.');
    });
    expect(fake.state.errorBoxes).toEqual([
      ['Pinfleet cannot open its inventory', expect.stringContaining('written by a newer Pinfleet')],
    ]);
    expect(fake.state.exitCode).toBe(1);
    expect(fake.state.windows).toHaveLength(0);
    expect(fake.state.ipcHandlers.size).toBe(0);
  });
});
