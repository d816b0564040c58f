// The add request's body, byte for byte: what multipart-body.ts lays out and what kuboAdd writes
// through its ring of buffers must be the same bytes, of exactly the announced Content-Length, for
// big files (spanning many buffers), small files (packed together), empty files and folders. A
// local HTTP server stands in for kubo only to capture the request.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kuboAdd } from '../../../src-main/uploads/kubo-add.js';
import { multipartBody } from '../../../src-main/uploads/multipart-body.js';
import { readUploadSource } from '../../../src-main/uploads/upload-source.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pinfleet-multipart-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function write(relative: string, bytes: Buffer): string {
  const target = path.join(work, relative);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, bytes);
  return target;
}

/** The body as it must be: built naively, whole in memory (test-sized inputs only). */
function expectedBody(segments: ReturnType<typeof multipartBody>['segments']): Buffer {
  return Buffer.concat(segments.map((s) => (s.kind === 'text' ? Buffer.from(s.text) : fs.readFileSync(s.absolute))));
}

async function capture(run: (url: string) => Promise<unknown>): Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }> {
  let seen: { headers: http.IncomingHttpHeaders; body: Buffer } | undefined;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      seen = { headers: request.headers, body: Buffer.concat(chunks) };
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end('{"Name":"x","Hash":"bafyRoot","Size":"1"}\n');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
  return seen!;
}

describe('multipartBody', () => {
  it('announces the exact length and joins the headers between files', async () => {
    write('tree/a.txt', Buffer.from('hello world\n'));
    write('tree/empty', Buffer.alloc(0));
    write('tree/sub/b.bin', randomBytes(70_000));
    fs.mkdirSync(path.join(work, 'tree/hollow'), { recursive: true });
    const body = multipartBody(await readUploadSource(path.join(work, 'tree')), 'B');
    expect(body.contentType).toBe('multipart/form-data; boundary=B');
    expect(body.segments.map((s) => (s.kind === 'file' ? path.basename(s.absolute) : 'text'))).toEqual(['text', 'a.txt', 'text', 'b.bin', 'text']);
    expect(expectedBody(body.segments).length).toBe(body.contentLength);
    const text = expectedBody(body.segments).toString('latin1');
    // Folders before their contents; the empty file and the empty folder are parts of their own.
    expect([...text.matchAll(/filename="([^"]+)"/g)].map((m) => decodeURIComponent(m[1]!))).toEqual(['a.txt', 'empty', 'hollow', 'sub', 'sub/b.bin']);
    expect(text.endsWith('\r\n--B--\r\n')).toBe(true);
  });
});

describe('kuboAdd writes exactly that body', () => {
  it.each([
    ['a file spanning several buffers, not a multiple of them', () => write('big.bin', randomBytes(5 * 1024 * 1024 + 12_345))],
    ['a file of exactly one buffer', () => write('one.bin', randomBytes(1024 * 1024))],
    ['a zero-byte file', () => write('zero.bin', Buffer.alloc(0))],
    ['a folder of many small files, big ones and empty ones mixed', () => {
      for (let i = 0; i < 300; i += 1) write(`mixed/d${i % 7}/f${i}`, randomBytes(i % 50 === 0 ? 0 : 1 + ((i * 7919) % 9000)));
      write('mixed/d3/large', randomBytes(2 * 1024 * 1024 + 1));
      write('mixed/d5/almost-a-buffer', randomBytes(1024 * 1024 - 3));
      return path.join(work, 'mixed');
    }],
  ])('%s', async (_, make) => {
    const source = await readUploadSource(make());
    let reported = 0;
    const seen = await capture((url) => kuboAdd(url, source, { onBytes: (n) => (reported = n) }));
    const boundary = /boundary=(\S+)/.exec(seen.headers['content-type']!)![1]!;
    const expected = expectedBody(multipartBody(source, boundary).segments);
    expect(Number(seen.headers['content-length'])).toBe(expected.length);
    expect(seen.headers['transfer-encoding']).toBeUndefined();
    expect(seen.body.equals(expected)).toBe(true);
    expect(reported).toBe(source.size);
  });

  it('hands every file byte to onFileData once, in order, each file from the start of a buffer, and sends the same body', async () => {
    const bytes = randomBytes(3 * 1024 * 1024 + 777);
    const source = await readUploadSource(write('handed.bin', bytes));
    const pieces: Buffer[] = [];
    const seen = await capture((url) => kuboAdd(url, source, { onFileData: (data) => pieces.push(Buffer.from(data)) }));
    const boundary = /boundary=(\S+)/.exec(seen.headers['content-type']!)![1]!;
    expect(seen.body.equals(expectedBody(multipartBody(source, boundary).segments))).toBe(true);
    expect(Buffer.concat(pieces).equals(bytes)).toBe(true);
    // Whole 1 MiB buffers, then the rest: no 256 KiB chunk is split between two calls.
    expect(pieces.map((p) => p.length)).toEqual([1024 * 1024, 1024 * 1024, 1024 * 1024, 777]);
  });

  it('fails, naming the file, when it shrinks while being sent', async () => {
    const target = write('shrinks.bin', randomBytes(3 * 1024 * 1024));
    const source = await readUploadSource(target);
    fs.truncateSync(target, 1024 * 1024);
    await expect(capture((url) => kuboAdd(url, source))).rejects.toMatchObject({ code: 'cid_mismatch', message: expect.stringContaining('shrank') });
  });

  it('fails the same way when one of many small files, read together into one buffer, shrinks', async () => {
    for (let i = 0; i < 40; i += 1) write(`small-shrink/f${i}`, randomBytes(5000));
    const source = await readUploadSource(path.join(work, 'small-shrink'));
    fs.truncateSync(path.join(work, 'small-shrink/f17'), 100);
    await expect(capture((url) => kuboAdd(url, source))).rejects.toMatchObject({ code: 'cid_mismatch', message: expect.stringMatching(/f17 shrank/) });
  });
});
