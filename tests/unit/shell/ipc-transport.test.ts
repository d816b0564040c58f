import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IpcMainInvokeEvent } from 'electron';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { PathGrants } from '../../../src-main/files/path-grants.js';
import { CHANNEL_NAMES } from '../../../src-preload/contract/contract.js';
import { EventBus } from '../../../src-main/core/events.js';
import type { Router } from '../../../src-main/core/router.js';
import {
  registerIpcTransport,
  type EventReceiver,
  type IpcTransportDeps,
} from '../../../src-main/shell/ipc-transport.js';

type Listener = (event: IpcMainInvokeEvent, input: unknown) => Promise<unknown>;

const OUR_ID = 1;
const mainFrame = { processId: 10, routingId: 1 };

function invokeEvent(url: string, senderId = OUR_ID): IpcMainInvokeEvent {
  const facts = { sender: { id: senderId, mainFrame }, senderFrame: { url, parent: null, ...mainFrame } };
  return facts as unknown as IpcMainInvokeEvent;
}

function receiver(destroyed = false): EventReceiver & { sent: [string, unknown][] } {
  const sent: [string, unknown][] = [];
  return { sent, isDestroyed: () => destroyed, send: (channel, payload) => sent.push([channel, payload]) };
}

type OnListener = (event: IpcMainInvokeEvent, ...args: unknown[]) => void;

function setup(receivers: EventReceiver[] = [], chosen: string[] = []) {
  const handlers = new Map<string, Listener>();
  const listeners = new Map<string, OnListener>();
  const ipcMain = {
    handle: (channel: string, listener: Listener) => handlers.set(channel, listener),
    removeHandler: (channel: string) => handlers.delete(channel),
    on: (channel: string, listener: OnListener) => listeners.set(channel, listener),
    removeListener: (channel: string) => listeners.delete(channel),
  } as unknown as IpcTransportDeps['ipcMain'];
  const chooseFiles = vi.fn(async () => chosen);
  const call = vi.fn(async (_channel: string, _input: unknown) => ({ ok: true as const, data: 'answer' }));
  const router: Router = { call };
  const bus = new EventBus();
  const log = { warn: vi.fn(), error: vi.fn() };
  const stop = registerIpcTransport({
    ipcMain,
    router,
    bus,
    isOurWebContents: (id) => id === OUR_ID,
    eventReceivers: () => receivers,
    log,
    grants: new PathGrants(),
    chooseFiles,
  });
  const invoke = (channel: string, event: IpcMainInvokeEvent, input?: unknown) => {
    const listener = handlers.get(`pinfleet:${channel}`);
    if (!listener) throw new Error(`no handler for ${channel}`);
    return listener(event, input);
  };
  const drop = (event: IpcMainInvokeEvent, given: unknown) => listeners.get('pinfleet-files:dropped')!(event, given);
  const choose = (event: IpcMainInvokeEvent, kind: unknown) => handlers.get('pinfleet-files:choose')!(event, kind);
  return { handlers, listeners, call, bus, log, stop, invoke, drop, choose, chooseFiles };
}

describe('registerIpcTransport', () => {
  it('registers exactly one prefixed handler per contract channel', () => {
    const { handlers } = setup();
    expect([...handlers.keys()].sort()).toEqual([...CHANNEL_NAMES.map((c) => `pinfleet:${c}`), 'pinfleet-files:choose'].sort());
  });

  it('passes a trusted call to the router with its channel and input', async () => {
    const { call, invoke } = setup();
    const result = await invoke('nodes.get', invokeEvent('pinfleet://app/index.html'), { name: 'alpha' });
    expect(result).toEqual({ ok: true, data: 'answer' });
    expect(call).toHaveBeenCalledWith('nodes.get', { name: 'alpha' });
  });

  it.each([
    ['a foreign page', invokeEvent('https://evil.example/')],
    ['another webContents', invokeEvent('pinfleet://app/index.html', 99)],
    ['a vanished frame', { sender: { id: OUR_ID, mainFrame }, senderFrame: null } as unknown as IpcMainInvokeEvent],
    [
      'a destroyed sender whose properties throw',
      {
        get sender(): never {
          throw new Error('Object has been destroyed');
        },
        senderFrame: { url: 'pinfleet://app/', parent: null, ...mainFrame },
      } as unknown as IpcMainInvokeEvent,
    ],
  ])('answers forbidden_origin to %s without reaching the router', async (_label, event) => {
    const { call, invoke, log } = setup();
    const result = await invoke('nodes.remove', event, { name: 'alpha' });
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden_origin' } });
    expect(call).not.toHaveBeenCalled();
    expect(log.warn).toHaveBeenCalled();
  });

  it('sends bus events to every live window and skips destroyed ones', () => {
    const live = receiver();
    const closed = receiver(true);
    const other = receiver();
    const { bus } = setup([live, closed, other]);
    bus.publish('inventory.changed', { change: 'added', names: ['alpha'] });
    const expected = [['pinfleet-event:inventory.changed', { change: 'added', names: ['alpha'] }]];
    expect(live.sent).toEqual(expected);
    expect(other.sent).toEqual(expected);
    expect(closed.sent).toEqual([]);
  });

  it('keeps delivering when one window throws while closing', () => {
    const broken: EventReceiver = {
      isDestroyed: () => false,
      send: () => {
        throw new Error('Render frame was disposed');
      },
    };
    const live = receiver();
    const { bus, log } = setup([broken, live]);
    bus.publish('inventory.changed', { change: 'removed', names: ['beta'] });
    expect(live.sent).toHaveLength(1);
    expect(log.error).toHaveBeenCalled();
  });

  it('stop() removes every handler and stops forwarding events', () => {
    const live = receiver();
    const { handlers, listeners, bus, stop } = setup([live]);
    stop();
    expect(handlers.size).toBe(0);
    expect(listeners.size).toBe(0);
    bus.publish('inventory.changed', { change: 'imported', names: [] });
    expect(live.sent).toEqual([]);
  });
});

describe('local paths over IPC', () => {
  const work = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pinfleet-ipc-paths-')));
  const picked = path.join(work, 'picked.bin');
  const dropped = path.join(work, 'dropped-folder');
  const secret = path.join(work, 'id_ed25519');
  fs.writeFileSync(picked, 'p');
  fs.mkdirSync(dropped);
  fs.writeFileSync(path.join(dropped, 'inside.bin'), 'i');
  fs.writeFileSync(secret, 'a key');
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
  const ours = () => invokeEvent('pinfleet://app/index.html');

  it('refuses a path the admin never picked or dropped, without reaching the router', async () => {
    const { call, invoke } = setup();
    const answer = await invoke('uploads.start', ours(), { paths: [secret] });
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden_path', message: expect.stringMatching(/^paths\.0: .*choose it again/) as unknown } });
    const key = await invoke('credentials.set', ours(), { name: 'n', method: 'keyFile', keyPath: secret });
    expect(key).toMatchObject({ ok: false, error: { code: 'forbidden_path' } });
    expect(call).not.toHaveBeenCalled();
  });

  it('accepts a file chosen in main\'s own dialog, and only that one', async () => {
    const { call, invoke, choose, chooseFiles } = setup([], [picked]);
    expect(await invoke('uploads.start', ours(), { paths: [picked] })).toMatchObject({ error: { code: 'forbidden_path' } });
    expect(await choose(ours(), 'uploads')).toEqual([picked]);
    expect(chooseFiles).toHaveBeenCalledWith(OUR_ID, 'uploads');
    expect(await invoke('uploads.start', ours(), { paths: [picked] })).toEqual({ ok: true, data: 'answer' });
    expect(await invoke('uploads.start', ours(), { paths: [picked, secret] })).toMatchObject({ error: { code: 'forbidden_path', message: expect.stringMatching(/^paths\.1: /) as unknown } });
    expect(call).toHaveBeenCalledTimes(1);
  });

  it('accepts what the preload reports as dropped (a folder with what it holds), not what lies beside it', async () => {
    const { call, invoke, drop } = setup();
    drop(ours(), dropped);
    expect(await invoke('uploads.plan', ours(), { items: [{ name: 'd', size: 1, path: dropped }] })).toEqual({ ok: true, data: 'answer' });
    expect(await invoke('uploads.start', ours(), { paths: [path.join(dropped, 'inside.bin')] })).toEqual({ ok: true, data: 'answer' });
    expect(await invoke('uploads.start', ours(), { paths: [path.join(dropped, '..', 'id_ed25519')] })).toMatchObject({ error: { code: 'forbidden_path' } });
    expect(call).toHaveBeenCalledTimes(2);
  });

  it('ignores a drop or a dialog request from a sender it does not trust, or a dialog of an unknown kind', async () => {
    const { invoke, drop, choose, chooseFiles, log } = setup([], [secret]);
    drop(invokeEvent('https://evil.example/'), secret);
    drop(ours(), { path: secret });
    expect(await choose(invokeEvent('pinfleet://app/index.html', 99), 'keyFile')).toEqual([]);
    expect(await choose(ours(), 'anything')).toEqual([]);
    expect(chooseFiles).not.toHaveBeenCalled();
    expect(await invoke('credentials.set', ours(), { name: 'n', method: 'keyFile', keyPath: secret })).toMatchObject({ error: { code: 'forbidden_path' } });
    expect(log.warn).toHaveBeenCalledTimes(4);
  });
});
