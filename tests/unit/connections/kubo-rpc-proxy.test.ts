// The local RPC proxy against a plain HTTP server on 127.0.0.1 standing in for kubo: it adds the
// credential (replacing any the caller sent), streams bodies both ways with kubo's trailers, and
// turns a refusal or a dead upstream into answers kuboCall maps to kubo_auth_failed / unreachable.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openKuboProxy, refusedMessage, upstreamRequestHeaders, upstreamUrl, type KuboProxy } from '../../../src-main/connections/kubo-rpc-proxy.js';
import { kuboCall } from '../../../src-main/health/kubo-rpc.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function fakeKubo(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function proxyTo(upstream: string, authorization: string | null): Promise<KuboProxy> {
  const proxy = await openKuboProxy({ upstream, authorization, node: 'n1' });
  closers.push(() => proxy.close());
  return proxy;
}

describe('the pure parts', () => {
  it('drops hop-by-hop headers and Host, and replaces the caller\'s Authorization', () => {
    expect(upstreamRequestHeaders({ host: 'x', connection: 'keep-alive', authorization: 'Bearer evil', 'content-type': 'a/b' }, 'Bearer good')).toEqual({
      'content-type': 'a/b',
      authorization: 'Bearer good',
    });
    expect(upstreamRequestHeaders({ authorization: 'Bearer evil' }, null)).toEqual({});
  });

  it('joins a path prefix and the request path', () => {
    expect(upstreamUrl('https://h.example:5001/kubo/', '/api/v0/id?x=1').toString()).toBe('https://h.example:5001/kubo/api/v0/id?x=1');
    expect(upstreamUrl('http://127.0.0.1:5001', '/api/v0/add').toString()).toBe('http://127.0.0.1:5001/api/v0/add');
  });

  it('tells a refused credential from a missing one', () => {
    expect(refusedMessage('n1', 'https://h:5001', 403, true, '')).toMatch(/refused the RPC credential of n1 .*API\.Authorizations.*--api-token-stdin/);
    expect(refusedMessage('n1', 'https://h:5001', 401, false, '')).toMatch(/requires an RPC credential .*n1 has none/);
  });
});

describe('openKuboProxy', () => {
  it('adds the credential and streams a large body both ways, trailers included', async () => {
    const seen: { authorization?: string; bytes: number }[] = [];
    const upstream = await fakeKubo((req, res) => {
      let bytes = 0;
      req.on('data', (c: Buffer) => (bytes += c.length));
      req.on('end', () => {
        seen.push({ authorization: req.headers.authorization, bytes });
        res.writeHead(200, { 'content-type': 'application/json', trailer: 'X-Stream-Error' });
        res.write(`{"Bytes":${bytes}}\n`);
        res.addTrailers({ 'X-Stream-Error': 'disk full' });
        res.end();
      });
    });
    const proxy = await proxyTo(upstream, 'Bearer s3cret');
    expect(proxy.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const size = 8 * 1024 * 1024 + 3;
    const answer = await new Promise<{ body: string; trailers: NodeJS.Dict<string> }>((resolve, reject) => {
      const request = http.request(`${proxy.url}/api/v0/add`, { method: 'POST', headers: { authorization: 'Bearer caller', 'transfer-encoding': 'chunked' } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ body, trailers: res.trailers }));
      });
      request.on('error', reject);
      const chunk = Buffer.alloc(64 * 1024, 1);
      let left = size;
      const pump = () => {
        while (left > 0) {
          const part = chunk.subarray(0, Math.min(chunk.length, left));
          left -= part.length;
          if (!request.write(part)) return void request.once('drain', pump);
        }
        request.end();
      };
      pump();
    });
    expect(seen).toEqual([{ authorization: 'Bearer s3cret', bytes: size }]);
    expect(JSON.parse(answer.body)).toEqual({ Bytes: size });
    expect(answer.trailers['x-stream-error']).toBe('disk full');
  });

  it('answers a 403 as kubo_auth_failed, naming the node and the fix', async () => {
    const upstream = await fakeKubo((_req, res) => {
      res.writeHead(403);
      res.end('403 - Forbidden');
    });
    const proxy = await proxyTo(upstream, 'Bearer wrong');
    await expect(kuboCall(proxy.url, 'id')).rejects.toMatchObject({
      code: 'kubo_auth_failed',
      message: expect.stringContaining(`kubo at ${upstream} refused the RPC credential of n1 (HTTP 403) (kubo said: 403 - Forbidden)`),
    });
  });

  it('answers an upstream that refuses connections as unreachable', async () => {
    const upstream = await fakeKubo(() => {});
    await closers.pop()!(); // the port is free again: nothing listens there
    const proxy = await proxyTo(upstream, null);
    await expect(kuboCall(proxy.url, 'id')).rejects.toMatchObject({ code: 'unreachable', message: expect.stringContaining('connection refused') });
  });
});
