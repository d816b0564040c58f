// `docker logs --follow` of a node's kubo container, pushed to renderers as `logs.lines` events.
// The first lines (the tail) come back with logs.follow itself; later ones are batched so a
// chatty kubo sends a few events a second, not one per line. A stream ends on logs.stop, when
// its container's log ends, after MAX_STREAM_MS (a renderer that went away without saying so
// must not keep an SSH channel open for ever), or when the app closes.
import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import type { EventBus } from '../core/events.js';
import type { NodeConnector } from '../connections/node-connector.js';
import type { NodeRecord } from '../../src-preload/contract/types.js';
import { LineSplitter } from './log-lines.js';
import { findKuboContainer } from './read-node.js';

const BATCH_MS = 250;
/** How long the tail may take to arrive before logs.follow answers with what it has. */
const TAIL_WAIT_MS = 400;
export const MAX_STREAM_MS = 30 * 60_000;

interface LiveStream {
  stop(): void;
}

export class LogStreams {
  private readonly live = new Map<string, LiveStream>();

  constructor(
    private readonly connector: NodeConnector,
    private readonly bus: EventBus,
  ) {}

  async follow(node: NodeRecord, tail: number): Promise<{ streamId: string; lines: string[] }> {
    const { docker, summary } = await findKuboContainer(this.connector, node);
    const container = docker.getContainer(summary.Id);
    const tty = ((await container.inspect()) as { Config?: { Tty?: boolean } }).Config?.Tty === true;
    const source = await container.logs({ follow: true, stdout: true, stderr: true, tail });
    const streamId = randomBytes(9).toString('base64url');
    const text = new PassThrough();
    // Without a TTY, Docker multiplexes stdout and stderr into frames: unwrap them into one text stream.
    if (tty) source.pipe(text);
    else docker.modem.demuxStream(source, text, text);

    const splitter = new LineSplitter();
    const initial: string[] = [];
    let pending: string[] = [];
    let answered = false;
    let ended = false;
    const flush = () => {
      if (pending.length === 0) return;
      this.bus.publish('logs.lines', { streamId, name: node.name, lines: pending, ended: false });
      pending = [];
    };
    const batcher = setInterval(flush, BATCH_MS);
    const finish = () => {
      if (ended) return;
      ended = true;
      clearInterval(batcher);
      clearTimeout(lease);
      this.live.delete(streamId);
      (source as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      pending.push(...splitter.flush());
      this.bus.publish('logs.lines', { streamId, name: node.name, lines: pending, ended: true });
      pending = [];
    };
    const lease = setTimeout(finish, MAX_STREAM_MS);
    lease.unref();
    text.on('data', (chunk: Buffer) => {
      const lines = splitter.push(chunk.toString('utf8'));
      (answered ? pending : initial).push(...lines);
    });
    source.on('end', finish);
    source.on('error', finish);
    this.live.set(streamId, { stop: finish });

    await new Promise((resolve) => setTimeout(resolve, TAIL_WAIT_MS));
    answered = true;
    return { streamId, lines: initial };
  }

  stop(streamId: string): boolean {
    const stream = this.live.get(streamId);
    stream?.stop();
    return stream !== undefined;
  }

  stopAll(): void {
    for (const stream of [...this.live.values()]) stream.stop();
  }
}
