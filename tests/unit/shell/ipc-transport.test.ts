import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';
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

function setup(receivers: EventReceiver[] = []) {
  const handlers = new Map<string, Listener>();
  const ipcMain = {
    handle: (channel: string, listener: Listener) => handlers.set(channel, listener),
    removeHandler: (channel: string) => handlers.delete(channel),
  } as unknown as IpcTransportDeps['ipcMain'];
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
  });
  const invoke = (channel: string, event: IpcMainInvokeEvent, input?: unknown) => {
    const listener = handlers.get(`pinfleet:${channel}`);
    if (!listener) throw new Error(`no handler for ${channel}`);
    return listener(event, input);
  };
  return { handlers, call, bus, log, stop, invoke };
}

describe('registerIpcTransport', () => {
  it('registers exactly one prefixed handler per contract channel', () => {
    const { handlers } = setup();
    expect([...handlers.keys()].sort()).toEqual(CHANNEL_NAMES.map((c) => `pinfleet:${c}`).sort());
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
    const { handlers, bus, stop } = setup([live]);
    stop();
    expect(handlers.size).toBe(0);
    bus.publish('inventory.changed', { change: 'imported', names: [] });
    expect(live.sent).toEqual([]);
  });
});
