// A typed IPFS Cluster REST client (v1.x): one method per endpoint the console uses, each
// returning parsed data (cluster-answers.ts) or throwing a PinfleetError with a code.
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import {
  parseAddOutput, parseAlerts, parseGc, parseId, parseMetricNames, parseMetrics, parseNdjson, parsePin, parsePinStatus,
  type RawAddOutput, type RawAlert, type RawGc, type RawId, type RawMetric, type RawPin, type RawPinStatus,
} from './cluster-answers.js';
import { clusterRequest, type ClusterEndpoint, type ClusterRequest } from './cluster-http.js';
import { mapWithConcurrency } from '../health/concurrency.js';

/** Filters /pins takes (`filter=`); several may be joined with commas. */
export type PinFilter = 'pinned' | 'pinning' | 'queued' | 'error' | 'unexpectedly_unpinned' | 'pin_error' | 'remote';

export interface PinOptions {
  name?: string;
  replicationMin?: number;
  replicationMax?: number;
  /** Peer ids to allocate to first (Cluster's user allocations); the allocator adds more if needed. */
  allocations?: string[];
}

export interface AddOptions extends PinOptions {
  cidVersion?: 0 | 1;
  rawLeaves?: boolean;
  chunker?: string;
  signal?: AbortSignal;
}

export class ClusterClient {
  constructor(readonly endpoint: ClusterEndpoint) {}

  private async json(request: ClusterRequest): Promise<unknown> {
    const reply = await clusterRequest(this.endpoint, request);
    return reply.body.trim() === '' ? null : (JSON.parse(reply.body) as unknown);
  }

  private async stream(request: ClusterRequest, what: string): Promise<unknown[]> {
    const reply = await clusterRequest(this.endpoint, request);
    return parseNdjson(reply.body, what, reply.trailerError);
  }

  async id(): Promise<RawId> {
    return parseId(await this.json({ method: 'GET', path: '/id', timeoutMs: 10_000 }));
  }

  /** Every peer as the answering peer sees it; unreachable ones carry an error. */
  async peers(): Promise<RawId[]> {
    return (await this.stream({ method: 'GET', path: '/peers' }, '/peers')).map(parseId);
  }

  async alerts(): Promise<RawAlert[]> {
    return parseAlerts(await this.json({ method: 'GET', path: '/health/alerts' }));
  }

  async metricNames(): Promise<string[]> {
    return parseMetricNames(await this.json({ method: 'GET', path: '/monitor/metrics' }));
  }

  /** The latest value of one metric (freespace, ping, tag:group, pinqueue…) from every peer. */
  async metrics(name: string): Promise<RawMetric[]> {
    return parseMetrics(await this.json({ method: 'GET', path: `/monitor/metrics/${encodeURIComponent(name)}` }));
  }

  /** Status of every pin in the pinset on every peer (streamed), optionally filtered by state. */
  async statusAll(filter?: PinFilter[], timeoutMs = 120_000): Promise<RawPinStatus[]> {
    const query = filter && filter.length > 0 ? { filter: filter.join(',') } : {};
    return (await this.stream({ method: 'GET', path: '/pins', query, timeoutMs }, '/pins')).map(parsePinStatus);
  }

  async status(cid: string): Promise<RawPinStatus> {
    return parsePinStatus(await this.json({ method: 'GET', path: `/pins/${cid}` }));
  }

  /** The pinset itself (what is pinned where by allocation), without asking peers for status. */
  async allocations(timeoutMs = 120_000): Promise<RawPin[]> {
    return (await this.stream({ method: 'GET', path: '/allocations', query: { filter: 'pin' }, timeoutMs }, '/allocations')).map(parsePin);
  }

  async allocation(cid: string): Promise<RawPin> {
    return parsePin(await this.json({ method: 'GET', path: `/allocations/${cid}` }));
  }

  /** Pins (or re-pins with new options: the same call changes replication). Answers at once; peers pin in the background. */
  async pin(cid: string, options: PinOptions = {}): Promise<RawPin> {
    return parsePin(await this.json({ method: 'POST', path: `/pins/${cid}`, query: pinQuery(options) }));
  }

  /**
   * Many pins at once (importing a node's pins, a bench): Cluster has no batch endpoint, so this
   * keeps `concurrency` requests in flight over one keep-alive tunnel. Failures are collected,
   * not thrown, so one bad CID does not stop the other 9,999.
   */
  async pinMany(cids: readonly string[], options: PinOptions | ((cid: string) => PinOptions) = {}, concurrency = 16): Promise<BulkResult> {
    const optionsOf = typeof options === 'function' ? options : () => options;
    return bulk(await mapWithConcurrency(cids, concurrency, (cid) => this.pin(cid, optionsOf(cid))), cids);
  }

  async unpinMany(cids: readonly string[], concurrency = 16): Promise<BulkResult> {
    return bulk(await mapWithConcurrency(cids, concurrency, (cid) => this.unpin(cid)), cids);
  }

  async unpin(cid: string): Promise<RawPin> {
    return parsePin(await this.json({ method: 'DELETE', path: `/pins/${cid}` }));
  }

  async recover(cid: string): Promise<RawPinStatus> {
    return parsePinStatus(await this.json({ method: 'POST', path: `/pins/${cid}/recover`, timeoutMs: 120_000 }));
  }

  /** Recovers every pin in error, on every peer (or only the answering one with `local`). */
  async recoverAll(local = false): Promise<RawPinStatus[]> {
    return (await this.stream({ method: 'POST', path: '/pins/recover', query: { local }, timeoutMs: 300_000 }, '/pins/recover')).map(parsePinStatus);
  }

  async gc(): Promise<RawGc[]> {
    return parseGc(await this.json({ method: 'POST', path: '/ipfs/gc', timeoutMs: 300_000 }));
  }

  /** Streams one file to the cluster's /add: the cluster chunks it and sends the blocks to the peers it allocates. */
  async addFile(path: string, options: AddOptions = {}): Promise<RawAddOutput[]> {
    const boundary = `pinfleet${randomBytes(12).toString('hex')}`;
    const body = new PassThrough();
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${encodeURIComponent(basename(path))}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
    body.write(head);
    const file = createReadStream(path);
    file.on('error', (error) => body.destroy(error));
    file.on('end', () => body.end(`\r\n--${boundary}--\r\n`));
    file.pipe(body, { end: false });
    const query = {
      ...pinQuery(options),
      'cid-version': options.cidVersion,
      'raw-leaves': options.rawLeaves,
      chunker: options.chunker,
      'stream-channels': true,
    };
    const lines = await this.stream(
      { method: 'POST', path: '/add', query, timeoutMs: 3_600_000, signal: options.signal, body: { contentType: `multipart/form-data; boundary=${boundary}`, stream: body } },
      '/add',
    );
    return lines.map(parseAddOutput);
  }
}

export function pinQuery(options: PinOptions): Record<string, string | number | undefined> {
  return {
    name: options.name,
    'replication-min': options.replicationMin,
    'replication-max': options.replicationMax,
    'user-allocations': options.allocations && options.allocations.length > 0 ? options.allocations.join(',') : undefined,
  };
}

export interface BulkResult {
  done: number;
  failed: { cid: string; error: string }[];
}

function bulk(results: PromiseSettledResult<unknown>[], cids: readonly string[]): BulkResult {
  const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [{ cid: cids[i]!, error: r.reason instanceof Error ? r.reason.message : String(r.reason) }] : []));
  return { done: results.length - failed.length, failed };
}
