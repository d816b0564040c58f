// `pinfleet upload PATH… [--replicas N] [--node NAME] [--json]`: queues the paths through the
// same router the UI uses, shows progress on stderr and prints a summary (CID, nodes, duration)
// on stdout once every item is done. Any failure: one line and a non-zero exit.
import path from 'node:path';
import { PinfleetError } from '../../../src-preload/contract/errors.js';
import type { UploadItem, UploadProgress } from '../../../src-preload/contract/upload-types.js';
import { formatBytes } from '../../placement/format-bytes.js';
import { integerFlag, UsageError } from '../args.js';
import { call, type CommandContext } from '../command.js';
import { table } from '../output.js';

const FINISHED = new Set(['done', 'failed', 'cancelled']);

export function progressLine(name: string, p: UploadProgress): string {
  const percent = p.bytesTotal > 0 ? Math.floor((p.bytesDone / p.bytesTotal) * 100) : 100;
  const rate = p.rateBytesPerSec > 0 ? ` ${formatBytes(p.rateBytesPerSec)}/s` : '';
  const eta = p.etaSec !== null && p.status === 'uploading' ? ` ETA ${p.etaSec} s` : '';
  const where = p.node ? ` → ${p.node}` : '';
  if (p.status === 'queued' && p.error) return `${name}: ${p.error}`;
  return `${name}: ${p.status} ${percent} % of ${formatBytes(p.bytesTotal)}${rate}${eta}${where}`;
}

export async function uploadCommand(ctx: CommandContext): Promise<void> {
  if (ctx.args.length === 0) throw new UsageError('upload needs at least one PATH. Run `pinfleet --help` for usage.');
  const replicas = integerFlag(ctx.flags.replicas, 'replicas') ?? 1;
  const started = Date.now();
  const paths = ctx.args.map((p) => path.resolve(p));
  const names = new Map<number, string>();
  const lastLine = new Map<number, string>();
  const unsubscribe = ctx.app().bus.subscribe((event, payload) => {
    if (event !== 'uploads.progress') return;
    const p = payload as UploadProgress;
    const name = names.get(p.id);
    if (name === undefined) return;
    const line = progressLine(name, p);
    if (lastLine.get(p.id) === line) return;
    lastLine.set(p.id, line);
    process.stderr.write(`${line}\n`);
  });
  try {
    const { ids, skipped } = await call(ctx, 'uploads.start', { paths, replicas, node: ctx.flags.node });
    for (const s of skipped) process.stderr.write(`skipped ${s.path}: ${s.reason}\n`);
    ids.forEach((id, i) => names.set(id, path.basename(paths[i]!)));
    const items = await waitForAll(ctx, ids);
    const seconds = (Date.now() - started) / 1000;
    const failed = items.filter((i) => i.status !== 'done');
    ctx.out.data({ items, durationSec: seconds }, () =>
      table(
        ['CID', 'NAME', 'SIZE', 'NODES', 'STATUS'],
        items.map((i) => [i.cid ?? '-', i.name, formatBytes(i.size), pinnedNodes(i) || '-', i.status]),
      ) + `\n${items.length} item(s) in ${seconds.toFixed(1)} s`,
    );
    if (failed.length > 0) {
      const first = failed[0]!;
      throw new PinfleetError('remote_failed', `${failed.length} upload(s) failed; ${first.name}: ${first.error ?? first.status}`);
    }
  } finally {
    unsubscribe();
  }
}

const pinnedNodes = (item: UploadItem) => item.replicas.filter((r) => r.status === 'pinned').map((r) => r.node).join(',');

async function waitForAll(ctx: CommandContext, ids: number[]): Promise<UploadItem[]> {
  for (;;) {
    const all = await call(ctx, 'uploads.list', { limit: 1000 });
    const mine = ids.map((id) => all.find((i) => i.id === id)).filter((i): i is UploadItem => i !== undefined);
    if (mine.length === ids.length && mine.every((i) => FINISHED.has(i.status))) return mine;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
