// Sends a DAG's blocks from one kubo to another through the console, for when the target cannot fetch
// them itself: bitswap between some kubo versions never delivers a zero-length block (an empty file's
// raw leaf), and a holder may be unreachable from the target while both are reachable from here.
// The holder's `dag/export` (a CAR stream) is piped, never held whole, into the target's `dag/import`,
// which pins the root. A copy that stops moving for `stallMs` is abandoned.
import { PinfleetError } from '../../src-preload/contract/errors.js';
import { describeFetchError } from '../health/kubo-rpc.js';
import { watchForStall } from './stall-watch.js';

export interface DagCopyOptions {
  stallMs: number;
  signal?: AbortSignal;
}

const api = (baseUrl: string, path: string) => `${baseUrl.replace(/\/$/, '')}/api/v0/${path}`;

/** What the target's dag/import answered: the pinned root, or kubo's reason it was not pinned. Pure. */
export function parseImportAnswer(body: string, cid: string): string | null {
  for (const line of body.split('\n')) {
    if (!line.trim()) continue;
    let parsed: { Root?: { Cid?: { '/'?: string }; PinErrorMsg?: string }; Message?: string; Type?: string };
    try {
      parsed = JSON.parse(line) as typeof parsed;
    } catch {
      return `its answer is not JSON: "${line.slice(0, 120)}"`;
    }
    if (parsed.Type === 'error') return parsed.Message ?? 'kubo reported an error';
    if (parsed.Root?.Cid?.['/'] === cid) return parsed.Root.PinErrorMsg ? `it could not pin the root: ${parsed.Root.PinErrorMsg}` : null;
  }
  return `its answer does not name ${cid} as a pinned root`;
}

export async function copyDagThroughConsole(holderUrl: string, targetUrl: string, cid: string, options: DagCopyOptions): Promise<void> {
  const controller = new AbortController();
  const stall = watchForStall(options.stallMs, () => controller.abort(new PinfleetError('timeout', `no block of ${cid} moved for ${Math.round(options.stallMs / 1000)} s`)));
  const onOuterAbort = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  try {
    let exported: Response;
    try {
      exported = await fetch(api(holderUrl, `dag/export?arg=${encodeURIComponent(cid)}&progress=false`), { method: 'POST', signal: controller.signal });
    } catch (error) {
      throw controller.signal.reason instanceof PinfleetError ? controller.signal.reason : new PinfleetError('unreachable', `the holder's kubo did not answer dag/export (${describeFetchError(error)})`);
    }
    if (!exported.ok || !exported.body) throw new PinfleetError('remote_failed', `the holder's kubo refused dag/export: HTTP ${exported.status} ${(await exported.text()).slice(0, 200)}`);
    const boundary = `pinfleet-${Math.random().toString(16).slice(2)}`;
    const head = new TextEncoder().encode(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="dag.car"\r\nContent-Type: application/vnd.ipld.car\r\n\r\n`);
    const tail = new TextEncoder().encode(`\r\n--${boundary}--\r\n`);
    const car = exported.body.getReader();
    let moved = 0;
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(head);
      },
      async pull(c) {
        const { done, value } = await car.read();
        if (done) {
          c.enqueue(tail);
          c.close();
          return;
        }
        moved += value.byteLength;
        stall.progress(moved);
        c.enqueue(value);
      },
      cancel: (reason) => car.cancel(reason),
    });
    let imported: Response;
    try {
      imported = await fetch(api(targetUrl, 'dag/import?pin-roots=true&stats=false'), {
        method: 'POST', body, signal: controller.signal, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        duplex: 'half',
      } as RequestInit);
    } catch (error) {
      throw controller.signal.reason instanceof PinfleetError ? controller.signal.reason : new PinfleetError('unreachable', `the target's kubo did not take dag/import (${describeFetchError(error)})`);
    }
    const answer = await imported.text();
    const trailer = imported.headers.get('x-stream-error');
    const problem = !imported.ok || trailer ? (trailer ?? `HTTP ${imported.status} ${answer.slice(0, 200)}`) : parseImportAnswer(answer, cid);
    if (problem) throw new PinfleetError('remote_failed', `the target's kubo did not import ${cid}: ${problem}`);
  } finally {
    stall.stop();
    options.signal?.removeEventListener('abort', onOuterAbort);
  }
}
