// The client's HTTP layer against a local stand-in server (unit: the real daemons are in the
// integration tests): basic auth sent, status codes and the stream-error trailer turned into codes.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterClient } from '../../../src-main/cluster/cluster-client.js';
import { clusterRequest, requestUrl, statusError, transportError } from '../../../src-main/cluster/cluster-http.js';

let server: http.Server;
let baseUrl: string;
const seen: { url: string; auth: string | undefined; method: string }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push({ url: req.url ?? '', auth: req.headers.authorization, method: req.method ?? '' });
    if (req.headers.authorization !== `Basic ${Buffer.from('admin:s3cret').toString('base64')}`) {
      res.writeHead(401, { 'Content-Type': 'application/json' }).end('{"code":401,"message":"unauthorized"}');
      return;
    }
    if (req.url === '/pins') {
      res.writeHead(200, { 'Content-Type': 'application/json', Trailer: 'X-Stream-Error' });
      res.write('{"cid":"QmA","peer_map":{}}\n');
      res.addTrailers({ 'X-Stream-Error': 'context deadline exceeded' });
      res.end();
      return;
    }
    if (req.url?.startsWith('/pins/QmMissing')) {
      res.writeHead(404).end('{"code":404,"message":"pin is not part of the pinset"}');
      return;
    }
    if (req.url?.startsWith('/pins/')) {
      res.writeHead(200).end('{"cid":"QmB","name":"n","allocations":["p1"],"replication_factor_min":2,"replication_factor_max":3}');
      return;
    }
    res.writeHead(500).end('boom');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const client = (password = 's3cret') => new ClusterClient({ baseUrl, label: "node1's Cluster peer", auth: { user: 'admin', password } });

describe('the Cluster HTTP layer', () => {
  it('sends basic auth and the pin options as query parameters', async () => {
    const pin = await client().pin('QmB', { name: 'a b', replicationMin: 2, replicationMax: 3 });
    expect(pin).toMatchObject({ cid: 'QmB', replicationMin: 2, replicationMax: 3 });
    expect(seen.at(-1)).toMatchObject({ method: 'POST', url: '/pins/QmB?name=a+b&replication-min=2&replication-max=3' });
    await client().pin('QmB', { allocations: ['p1', 'p2'] });
    expect(seen.at(-1)!.url).toBe('/pins/QmB?user-allocations=p1%2Cp2');
  });

  it('says a refused login is auth_failed and where to fix it', async () => {
    await expect(client('wrong').id()).rejects.toMatchObject({ code: 'auth_failed', message: expect.stringMatching(/refused the REST API login \(unauthorized\)/) });
  });

  it('maps 404 to not_found with Cluster\'s own message', async () => {
    await expect(client().status('QmMissing')).rejects.toMatchObject({ code: 'not_found', message: expect.stringMatching(/pin is not part of the pinset/) });
  });

  it('reports the X-Stream-Error trailer of a streamed answer', async () => {
    await expect(client().statusAll()).rejects.toMatchObject({ code: 'remote_failed', message: expect.stringMatching(/context deadline exceeded/) });
  });

  it('says unreachable when nothing listens', async () => {
    const closed = new ClusterClient({ baseUrl: 'http://127.0.0.1:1', label: "node2's Cluster peer (127.0.0.1:9094)" });
    await expect(closed.id()).rejects.toMatchObject({ code: 'unreachable', message: expect.stringMatching(/node2's Cluster peer .* does not answer/) });
  });

  it('builds URLs and classifies errors', async () => {
    expect(requestUrl('http://127.0.0.1:5', '/pins', { filter: 'pinned', local: undefined })).toBe('http://127.0.0.1:5/pins?filter=pinned');
    expect(statusError({ label: 'p' }, { method: 'GET', path: '/x' }, 500, 'oops').code).toBe('remote_failed');
    expect(statusError({ label: 'p' }, { method: 'GET', path: '/x' }, 400, '{"message":"bad cid"}').message).toMatch(/bad cid/);
    expect(transportError({ label: 'p' }, Object.assign(new Error('aborted'), { name: 'AbortError' }), 5000).code).toBe('timeout');
    const reply = await clusterRequest({ baseUrl, label: 'p', auth: { user: 'admin', password: 's3cret' } }, { method: 'GET', path: '/pins/QmB' });
    expect(reply.status).toBe(200);
  });
});
