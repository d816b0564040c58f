// incoming/ over time: at start, what the queue (or a key-file credential) still uses is recorded
// again and every other folder is removed; while running, a file goes once its upload is done and
// no other live upload reads it. A failed or cancelled upload keeps its file (it can be retried).
import fs from 'node:fs';
import type { IncomingMessage } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UploadItem, UploadStatus } from '../../../src-preload/contract/upload-types.js';
import { EventBus } from '../../../src-main/core/events.js';
import type { Router } from '../../../src-main/core/router.js';
import { incomingFolderOf, needsSource, orphanFolders, removeExpiredIncoming, removeIncomingWhenDone, SOURCE_RETENTION_MS, startIncoming, sweepIncoming } from '../../../src-main/web/incoming-sweep.js';
import { UploadReceiver } from '../../../src-main/web/upload-receiver.js';

let dataDir: string;
beforeEach(() => {
  dataDir = path.join(fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pinfleet-sweep-'))), 'data');
  fs.mkdirSync(path.join(dataDir, 'incoming'), { recursive: true });
});
afterEach(() => fs.rmSync(path.dirname(dataDir), { recursive: true, force: true }));

const NOW = Date.now();
const item = (id: number, sourcePath: string | null, status: UploadStatus, createdAt = '2026-12-01T00:00:00.000Z', finishedAt: string | null = null): UploadItem => ({
  id, name: `item${id}`, sourcePath, size: 1, cid: null, status, replicasWanted: 1, chunker: null,
  createdAt, updatedAt: createdAt, finishedAt: finishedAt ?? (['done', 'failed', 'cancelled'].includes(status) ? new Date(NOW - 3600_000).toISOString() : null),
  error: null, replicas: [],
});
const longAgo = new Date(NOW - SOURCE_RETENTION_MS - 1000).toISOString();

/** The three channels the sweep reads, answered from plain data. */
function fakeRouter(state: { items: UploadItem[]; keyPaths?: Record<string, string | null>; failList?: boolean }): Router {
  return {
    async call(channel, input) {
      if (channel === 'uploads.list') {
        if (state.failList) return { ok: false, error: { code: 'db_unusable', message: 'locked' } };
        const limit = (input as { limit: number }).limit;
        return { ok: true, data: [...state.items].sort((a, b) => b.id - a.id).slice(0, limit) };
      }
      if (channel === 'nodes.list') return { ok: true, data: Object.keys(state.keyPaths ?? {}).map((name) => ({ name })) };
      if (channel === 'credentials.get') {
        const name = (input as { name: string }).name;
        return { ok: true, data: { name, method: 'keyFile', keyPath: state.keyPaths?.[name] ?? null, hasSecret: false } };
      }
      return { ok: false, error: { code: 'unknown_channel', message: channel } };
    },
  };
}

/** A file as an earlier run of the receiver left it: incoming/<folder>/<name>. */
function leftover(folder: string, name = 'file.bin'): string {
  const file = path.join(dataDir, 'incoming', folder, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, folder);
  return file;
}

const folders = () => fs.readdirSync(path.join(dataDir, 'incoming')).sort();

describe('orphanFolders', () => {
  it.each([
    [['a', 'b', 'c'], ['b'], null, ['a', 'c']],
    [['a', 'b'], [], 1500, ['b']],
    [['a', 'b'], ['b'], 0, ['a']],
  ])('of %j with %j referenced (keep before %s) removes %j', (names, referenced, keepBeforeMs, expected) => {
    const list = names.map((name, i) => ({ name, modifiedMs: (i + 1) * 1000 }));
    expect(orphanFolders(list, new Set(referenced), keepBeforeMs)).toEqual(expected);
  });
});

describe('needsSource', () => {
  it.each([
    ['queued', null, true],
    ['uploading', null, true],
    ['pinning', null, true],
    ['done', new Date(NOW).toISOString(), false],
    ['failed', new Date(NOW - 3600_000).toISOString(), true],
    ['cancelled', new Date(NOW - SOURCE_RETENTION_MS + 1000).toISOString(), true],
    ['failed', new Date(NOW - SOURCE_RETENTION_MS - 1000).toISOString(), false],
    ['cancelled', new Date(NOW - SOURCE_RETENTION_MS - 1000).toISOString(), false],
  ] as const)('a %s upload (ended %s) still needs its source: %s', (status, finishedAt, expected) => {
    expect(needsSource({ status, finishedAt }, NOW)).toBe(expected);
  });
});

describe('incomingFolderOf', () => {
  it.each([
    ['/d/incoming/abc/file', 'abc'],
    ['/d/incoming/abc/deep/file', 'abc'],
    ['/d/incoming/abc', null],
    ['/d/incoming', null],
    ['/d/pinfleet.db', null],
    ['/d/incoming-other/abc/file', null],
  ])('%s lies in %s', (resolved, expected) => expect(incomingFolderOf('/d/incoming', resolved)).toBe(expected));
});

describe('sweepIncoming at start', () => {
  it('keeps the files of uploads still to finish (failed and cancelled included) and of key-file credentials, removes the rest', async () => {
    const queued = leftover('queued');
    const failed = leftover('failed');
    const cancelled = leftover('cancelled');
    const done = leftover('done');
    leftover('never-queued');
    const key = leftover('key', 'id_ed25519');
    fs.writeFileSync(path.join(dataDir, 'incoming', 'stray-file'), 'x');
    const router = fakeRouter({
      items: [item(1, queued, 'queued'), item(2, failed, 'failed'), item(3, cancelled, 'cancelled'), item(4, done, 'done'), item(5, '/elsewhere/x', 'failed')],
      keyPaths: { n1: key, n2: null },
    });
    const receiver = new UploadReceiver({ dataDir });
    const removed = await sweepIncoming(receiver, router, NOW);
    expect(removed.sort()).toEqual(['done', 'never-queued', 'stray-file']);
    expect(folders()).toEqual(['cancelled', 'failed', 'key', 'queued']);
  });

  it('records what it kept, so a file queued before the restart is still the receiver\'s: a web client may name it and it is removed once done', async () => {
    const queued = leftover('queued');
    const bus = new EventBus();
    const state = { items: [item(1, queued, 'queued')] };
    const router = fakeRouter(state);
    const receiver = new UploadReceiver({ dataDir });
    await sweepIncoming(receiver, router);
    expect(await receiver.allows(queued)).toBe(true);
    const stop = removeIncomingWhenDone(bus, router, receiver);
    state.items = [item(1, queued, 'done')];
    bus.publish('uploads.progress', { id: 1, status: 'done', bytesDone: 1, bytesTotal: 1, rateBytesPerSec: 0, etaSec: null, node: 'n1' });
    await expect.poll(() => folders()).toEqual([]);
    stop();
  });

  it('keeps folders older than the oldest listed upload when the listing was cut at its limit', async () => {
    const old = leftover('old');
    fs.utimesSync(path.dirname(old), new Date('2020-01-01'), new Date('2020-01-01'));
    leftover('recent-orphan');
    const items = Array.from({ length: 1000 }, (_, i) => item(i + 1, null, 'done', '2026-01-01T00:00:00.000Z'));
    await sweepIncoming(new UploadReceiver({ dataDir }), fakeRouter({ items }));
    expect(folders()).toEqual(['old']);
  });

  it('removes nothing when the queue cannot be read, and says so without stopping the console', async () => {
    leftover('unknown');
    const warnings: string[] = [];
    await startIncoming(new UploadReceiver({ dataDir }), fakeRouter({ items: [], failList: true }), (message) => warnings.push(message));
    expect(folders()).toEqual(['unknown']);
    expect(warnings.join('\n')).toMatch(/could not tidy .*locked/);
  });
});

describe('removeExpiredIncoming while running', () => {
  it('removes the file of a failed or cancelled upload past its retention, keeps recent ones, shared ones and ones nothing refers to yet', async () => {
    const recentFailed = leftover('recent-failed');
    const oldFailed = leftover('old-failed');
    const oldCancelled = leftover('old-cancelled');
    const shared = leftover('shared');
    leftover('just-received');
    const router = fakeRouter({
      items: [
        item(1, recentFailed, 'failed'),
        item(2, oldFailed, 'failed', undefined, longAgo),
        item(3, oldCancelled, 'cancelled', undefined, longAgo),
        item(4, shared, 'cancelled', undefined, longAgo),
        item(5, shared, 'queued'),
      ],
    });
    const receiver = new UploadReceiver({ dataDir });
    // Recorded as at start, before they expired (a week later the console is still running).
    await receiver.adopt([recentFailed, oldFailed, oldCancelled, shared]);
    expect(await removeExpiredIncoming(receiver, router, NOW)).toBe(2);
    expect(folders()).toEqual(['just-received', 'recent-failed', 'shared']);
  });

  it('at start, the folder of an upload past its retention is not kept', async () => {
    const oldFailed = leftover('old-failed');
    const removed = await sweepIncoming(new UploadReceiver({ dataDir }), fakeRouter({ items: [item(1, oldFailed, 'failed', undefined, longAgo)] }), NOW);
    expect(removed).toEqual(['old-failed']);
  });
});

describe('removeIncomingWhenDone', () => {
  async function receiveOne(receiver: UploadReceiver): Promise<string> {
    const request = new PassThrough() as PassThrough & IncomingMessage;
    request.headers = { 'content-length': '3' };
    const received = receiver.receive(request, 'a.bin');
    request.end('abc');
    return received;
  }
  const doneEvent = (id: number) => ({ id, status: 'done' as const, bytesDone: 3, bytesTotal: 3, rateBytesPerSec: 0, etaSec: null, node: 'n1' });

  it('keeps a file another upload still to finish reads, and removes it when that one is done too', async () => {
    const receiver = new UploadReceiver({ dataDir, freeBytes: async () => Number.MAX_SAFE_INTEGER });
    const file = await receiveOne(receiver);
    const bus = new EventBus();
    const state = { items: [item(1, file, 'done'), item(2, file, 'failed')] };
    const router = fakeRouter(state);
    let listed = 0;
    const counting: Router = { call: async (channel, input) => {
      const answer = await router.call(channel, input);
      if (channel === 'uploads.list') listed += 1;
      return answer;
    } };
    const removals: string[] = [];
    const remove = receiver.remove.bind(receiver);
    receiver.remove = (p) => {
      removals.push(String(p));
      return remove(p);
    };
    const stop = removeIncomingWhenDone(bus, counting, receiver);
    bus.publish('uploads.progress', doneEvent(1));
    await expect.poll(() => listed).toBe(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(removals).toEqual([]);
    expect(fs.existsSync(file)).toBe(true);
    state.items = [item(1, file, 'done'), item(2, file, 'done')];
    bus.publish('uploads.progress', doneEvent(2));
    await expect.poll(() => fs.existsSync(file)).toBe(false);
    stop();
  });

  it('never removes a done upload\'s source that the receiver did not write', async () => {
    const receiver = new UploadReceiver({ dataDir, freeBytes: async () => Number.MAX_SAFE_INTEGER });
    fs.writeFileSync(path.join(dataDir, 'pinfleet.db'), 'inventory');
    const planted = leftover('planted');
    const bus = new EventBus();
    const router = fakeRouter({ items: [item(1, `${dataDir}/incoming/../pinfleet.db`, 'done'), item(2, planted, 'done')] });
    const stop = removeIncomingWhenDone(bus, router, receiver);
    const tried: Promise<boolean>[] = [];
    const remove = receiver.remove.bind(receiver);
    receiver.remove = (p) => {
      const attempt = remove(p);
      tried.push(attempt);
      return attempt;
    };
    bus.publish('uploads.progress', doneEvent(1));
    bus.publish('uploads.progress', doneEvent(2));
    await expect.poll(() => tried.length).toBe(2);
    expect(await Promise.all(tried)).toEqual([false, false]);
    expect(fs.readFileSync(path.join(dataDir, 'pinfleet.db'), 'utf8')).toBe('inventory');
    expect(fs.existsSync(planted)).toBe(true);
    stop();
  });
});
