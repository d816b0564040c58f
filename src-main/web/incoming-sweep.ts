// What happens to the files under <dataDir>/incoming/ over time, for `pinfleet serve`:
//  - at start, the files the upload queue (or a node's key-file credential) still refers to are
//    recorded again, so an item queued before a restart still uploads and is cleaned up once done,
//    and every other folder (a reception cut off, a file sent but never queued, an upload done
//    while the console was stopping) is removed;
//  - while running, a file is removed once its upload is done and no other live upload uses it.
// A failed or cancelled upload keeps its file for SOURCE_RETENTION_MS after it ended, so it can be
// retried; after that its file goes too (hourly, and at start), and a retry says the source is gone.
//
// The records are derived from the SQLite queue, not kept in a file of their own: the queue is
// already the durable truth of which upload reads which file, so there is no second list to fall
// out of step with it after a crash.
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { UploadItem, UploadProgress } from '../../src-preload/contract/upload-types.js';
import type { EventBus } from '../core/events.js';
import type { Router } from '../core/router.js';
import type { UploadReceiver } from './upload-receiver.js';

/** uploads.list answers at most this many, newest first. */
const LIST_LIMIT = 1000;
/** How long a failed or cancelled upload keeps its received file for a retry. */
export const SOURCE_RETENTION_MS = 7 * 24 * 3600 * 1000;
/** How often files of uploads past their retention are looked for while the console runs. */
const EXPIRY_SWEEP_MS = 3600 * 1000;

/** Whether an upload may still read its source: not done, and not failed or cancelled too long ago. Pure. */
export function needsSource(item: Pick<UploadItem, 'status' | 'finishedAt'>, nowMs: number): boolean {
  if (item.status === 'done') return false;
  if (item.status !== 'failed' && item.status !== 'cancelled') return true;
  const ended = item.finishedAt === null ? Number.NaN : Date.parse(item.finishedAt);
  return !(nowMs - ended > SOURCE_RETENTION_MS);
}

export interface IncomingFolder {
  name: string;
  modifiedMs: number;
}

/**
 * The folders of incoming/ nothing refers to. When the queue listing was cut at its limit, an
 * older upload not listed might still use an older folder: folders from before the oldest listed
 * upload are kept then. Pure.
 */
export function orphanFolders(folders: IncomingFolder[], referenced: ReadonlySet<string>, keepBeforeMs: number | null): string[] {
  return folders
    .filter((folder) => !referenced.has(folder.name))
    .filter((folder) => keepBeforeMs === null || folder.modifiedMs >= keepBeforeMs)
    .map((folder) => folder.name);
}

/** The first folder under `root` that `resolved` lies in, or null. Pure. */
export function incomingFolderOf(root: string, resolved: string): string | null {
  const relative = path.relative(root, resolved);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return null;
  const [first, ...rest] = relative.split(path.sep);
  return first && rest.length > 0 ? first : null;
}

interface References {
  /** Files still needed: uploads that may still read them, and key files of node credentials. */
  live: string[];
  /** Sources of uploads that will not read them again (done, or ended past the retention). */
  ended: string[];
  /** Created time of the oldest upload listed, when the listing was cut at its limit. */
  keepBeforeMs: number | null;
}

async function references(router: Router, nowMs: number): Promise<References> {
  const listed = await router.call('uploads.list', { limit: LIST_LIMIT });
  if (!listed.ok) throw new Error(`uploads.list failed: ${listed.error.message}`);
  const items = (listed.data as UploadItem[]).filter((i) => i.sourcePath);
  const live = items.filter((i) => needsSource(i, nowMs)).map((i) => i.sourcePath!);
  const ended = items.filter((i) => !needsSource(i, nowMs)).map((i) => i.sourcePath!);
  const nodes = await router.call('nodes.list', {});
  if (!nodes.ok) throw new Error(`nodes.list failed: ${nodes.error.message}`);
  for (const { name } of nodes.data as { name: string }[]) {
    const credential = await router.call('credentials.get', { name });
    const keyPath = credential.ok ? (credential.data as { keyPath: string | null }).keyPath : null;
    if (keyPath) live.push(keyPath);
  }
  const all = listed.data as UploadItem[];
  const oldest = all.at(-1);
  return { live, ended, keepBeforeMs: all.length >= LIST_LIMIT && oldest ? Date.parse(oldest.createdAt) : null };
}

/**
 * Records what the queue still uses and removes every other folder of incoming/. Answers the
 * names of the folders removed. Run before the server takes requests.
 */
export async function sweepIncoming(receiver: UploadReceiver, router: Router, nowMs = Date.now()): Promise<string[]> {
  const root = await realpath(receiver.incoming).catch(() => null);
  if (root === null) return [];
  const { live, keepBeforeMs } = await references(router, nowMs);
  const referenced = new Set<string>();
  const liveInside: string[] = [];
  for (const file of live) {
    const resolved = await realpath(file).catch(() => null);
    const folder = resolved === null ? null : incomingFolderOf(root, resolved);
    if (folder === null) continue;
    referenced.add(folder);
    liveInside.push(resolved!);
  }
  await receiver.adopt(liveInside);
  const entries = await readdir(root, { withFileTypes: true });
  const folders: IncomingFolder[] = [];
  for (const entry of entries) {
    const info = await stat(path.join(root, entry.name)).catch(() => null);
    if (info) folders.push({ name: entry.name, modifiedMs: info.mtimeMs });
  }
  const orphans = orphanFolders(folders, referenced, keepBeforeMs);
  for (const name of orphans) await receiver.removeFolder(name);
  return orphans;
}

/**
 * While the console runs: removes the received files of uploads past their retention that nothing
 * else still needs (never a folder nothing refers to: it may be a file sent but not queued yet).
 * Answers how many were removed.
 */
export async function removeExpiredIncoming(receiver: UploadReceiver, router: Router, nowMs = Date.now()): Promise<number> {
  const { live, ended } = await references(router, nowMs);
  const needed = new Set(await Promise.all(live.map((file) => realpath(file).catch(() => file))));
  let removed = 0;
  for (const file of ended) {
    if (needed.has(await realpath(file).catch(() => file))) continue;
    if (await receiver.remove(file)) removed += 1;
  }
  return removed;
}

/**
 * Deletes a received file when its upload is done and no other upload still to finish reads it,
 * and (hourly) the files of failed or cancelled uploads past their retention.
 */
export function removeIncomingWhenDone(bus: EventBus, router: Router, receiver: UploadReceiver): () => void {
  const expiry = setInterval(() => void removeExpiredIncoming(receiver, router).catch(() => undefined), EXPIRY_SWEEP_MS);
  expiry.unref();
  const unsubscribe = bus.subscribe((event, payload) => {
    if (event !== 'uploads.progress' || (payload as UploadProgress).status !== 'done') return;
    const id = (payload as UploadProgress).id;
    void router
      .call('uploads.list', { limit: LIST_LIMIT })
      .then(async (result) => {
        if (!result.ok) return;
        const items = result.data as UploadItem[];
        const source = items.find((i) => i.id === id)?.sourcePath ?? null;
        if (source === null) return;
        const stillNeeded = items.some((i) => i.id !== id && i.sourcePath === source && needsSource(i, Date.now()));
        if (!stillNeeded) await receiver.remove(source);
      })
      .catch(() => undefined);
  });
  return () => {
    clearInterval(expiry);
    unsubscribe();
  };
}

/** sweepIncoming for `pinfleet serve`'s start: a failure is said on stderr and never stops the console. */
export async function startIncoming(receiver: UploadReceiver, router: Router, warn: (message: string) => void = console.warn): Promise<void> {
  try {
    const removed = await sweepIncoming(receiver, router);
    if (removed.length > 0) warn(`pinfleet serve: removed ${removed.length} received file folder(s) no upload uses any more from ${receiver.incoming}`);
  } catch (error) {
    warn(`pinfleet serve: could not tidy ${receiver.incoming} (files of finished uploads may stay there): ${String(error)}`);
  }
}
