// What happens to the files under <dataDir>/incoming/ over time, for `pinfleet serve`:
//  - at start, the files the upload queue (or a node's key-file credential) still refers to are
//    recorded again, so an item queued before a restart still uploads and is cleaned up once done,
//    and every other folder (a reception cut off, a file sent but never queued, an upload done
//    while the console was stopping) is removed;
//  - while running, a file is removed once its upload is done and no other live upload uses it.
// A failed or cancelled upload keeps its file: it can be retried.
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
  /** Files still needed: uploads not done, and key files of node credentials. */
  live: string[];
  /** Created time of the oldest upload listed, when the listing was cut at its limit. */
  keepBeforeMs: number | null;
}

async function references(router: Router): Promise<References> {
  const listed = await router.call('uploads.list', { limit: LIST_LIMIT });
  if (!listed.ok) throw new Error(`uploads.list failed: ${listed.error.message}`);
  const items = listed.data as UploadItem[];
  const live = items.filter((i) => i.status !== 'done' && i.sourcePath).map((i) => i.sourcePath!);
  const nodes = await router.call('nodes.list', {});
  if (!nodes.ok) throw new Error(`nodes.list failed: ${nodes.error.message}`);
  for (const { name } of nodes.data as { name: string }[]) {
    const credential = await router.call('credentials.get', { name });
    const keyPath = credential.ok ? (credential.data as { keyPath: string | null }).keyPath : null;
    if (keyPath) live.push(keyPath);
  }
  const oldest = items.at(-1);
  return { live, keepBeforeMs: items.length >= LIST_LIMIT && oldest ? Date.parse(oldest.createdAt) : null };
}

/**
 * Records what the queue still uses and removes every other folder of incoming/. Answers the
 * names of the folders removed. Run before the server takes requests.
 */
export async function sweepIncoming(receiver: UploadReceiver, router: Router): Promise<string[]> {
  const root = await realpath(receiver.incoming).catch(() => null);
  if (root === null) return [];
  const { live, keepBeforeMs } = await references(router);
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

/** Deletes a received file when its upload is done and no other upload still to finish reads it. */
export function removeIncomingWhenDone(bus: EventBus, router: Router, receiver: UploadReceiver): () => void {
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
        const stillNeeded = items.some((i) => i.id !== id && i.status !== 'done' && i.sourcePath === source);
        if (!stillNeeded) await receiver.remove(source);
      })
      .catch(() => undefined);
  });
  return () => void unsubscribe();
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
