// R7 over HTTP: generated hostile requests against a real `pinfleet serve` child. Each one must
// be answered 4xx (or 200 with a Result that refuses with a code other than internal), or have
// its connection closed; the child must stay up and the inventory must not change.
import path from 'node:path';
import fc from 'fast-check';
import { resolveStaticPath } from '../../../src-main/web/static-files.js';
import { CHANNEL_NAMES } from '../../../src-preload/contract/contract.js';
import { checkAfterServeRun, createFixture, emptyCounts, inParallel, type TransportCounts } from './fixture.js';
import { generate, hostilePair, hostileString, hostileValueJson, percentEncode } from './hostile-values.js';
import { rawExchange, resultOf } from './raw-socket.js';
import { startServeChild } from './serve-child.js';

interface Context {
  host: string;
  token: string;
}

type Build = (ctx: Context) => Buffer;

const request = (head: string[], body: Buffer | string = '') => {
  const payload = typeof body === 'string' ? Buffer.from(body) : body;
  return Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'), payload]);
};

const withBody = (line: string, ctx: Context, body: string, extra: string[] = []) =>
  request([line, `Host: ${ctx.host}`, `Authorization: Bearer ${ctx.token}`, 'Content-Type: application/json', `Content-Length: ${Buffer.byteLength(body)}`, 'Connection: close', ...extra], body);

/** Percent-encoding that may or may not decode: the crash of issue 12 lived here. */
const percentJunk = fc.array(fc.oneof(fc.constantFrom('%', '%E0%A4%A', '%ZZ', '%C0%80', '%ED%A0%80', '%FF', '%00', '%2e%2e%2f', '..', '/'), fc.string({ maxLength: 5 })), { minLength: 1, maxLength: 8 })
  // eslint-disable-next-line no-control-regex
  .map((parts) => parts.join('').replace(/[\s\u0000-\u001f\u007f-\uffff]/g, '_'));

const asciiOnly = (s: string) => s.replace(/[^\x21-\x7e]/g, '_');

/** A file name the receiver must refuse: it climbs out, is absolute, holds a control character or is too long. */
const refusedUploadName: fc.Arbitrary<string> = fc.oneof(
  // `..` as a whole segment (`m../x` is a folder named `m..`, which is fine).
  fc.tuple(fc.stringMatching(/^[a-z0-9]{0,8}$/), fc.constantFrom('/', '\\'), fc.string({ maxLength: 20 }))
    .map(([a, separator, b]) => [a, '..', b].join(separator)),
  fc.tuple(fc.string({ maxLength: 20 }), fc.constantFrom('\u0000', '\n', '\r', '\u001b', '\u007f', '\u0085'), fc.string({ maxLength: 20 }))
    .map(([a, marker, b]) => `${a}${marker}${b}`),
  fc.string({ maxLength: 30 }).map((s) => `/${s}`),
  fc.constantFrom('', '..', '.', '/', '~/.ssh/id_ed25519/../../x'),
  fc.integer({ min: 1025, max: 5000 }).map((n) => 'n'.repeat(n)),
);

/** A path that names a file of the build (`//`, `/x/..` are index.html) is not hostile; leave those out. */
function leavesNothingToServe(p: string): boolean {
  const root = path.resolve('/r7-renderer');
  return resolveStaticPath(root, `/${asciiOnly(p)}`) !== path.join(root, 'index.html');
}

const build: fc.Arbitrary<Build> = fc.oneof(
  // A real channel or a made-up one, with hostile input, authorised.
  { weight: 8, arbitrary: hostilePair.map(({ channel, input }): Build => (ctx) => withBody(`POST /api/${percentEncode(channel)} HTTP/1.1`, ctx, input)) },
  // Targets that do not decode, with and without a token.
  { weight: 2, arbitrary: fc.tuple(percentJunk, fc.boolean(), fc.constantFrom('GET', 'POST')).map(([junk, authorised, method]): Build => (ctx) =>
    request([`${method} /api/${junk} HTTP/1.1`, `Host: ${ctx.host}`, ...(authorised ? [`Authorization: Bearer ${ctx.token}`] : []), 'Content-Length: 2', 'Connection: close'], '{}')) },
  // Bodies that are not JSON, or lie about their length.
  // The first byte is never valid JSON, so however much of it the server reads, it is not JSON.
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...CHANNEL_NAMES), fc.uint8Array({ maxLength: 2000 }), fc.integer({ min: -5, max: 5 })).map(([channel, bytes, skew]): Build => (ctx) => {
    const body = Buffer.concat([Buffer.from([0xff]), Buffer.from(bytes)]);
    return request([`POST /api/${channel} HTTP/1.1`, `Host: ${ctx.host}`, `Authorization: Bearer ${ctx.token}`, `Content-Length: ${Math.max(1, body.length + skew)}`, 'Connection: close'], body);
  }) },
  // Hostile headers: framing, host, origin, authorization.
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(
    'Content-Length: -1', 'Content-Length: 1, 2', 'Content-Length: 99999999999999999999', 'Transfer-Encoding: chunked\r\nContent-Length: 2',
    'Transfer-Encoding: gzip, chunked', 'Transfer-Encoding: chunked', 'Host: evil.example', 'Origin: http://evil.example', 'Origin: null',
    'Authorization: Bearer', 'Authorization: Basic Zm9vOmJhcg==', 'X-Bad\u0000Header: 1', 'Bad Header: 1', `X-Huge: ${'a'.repeat(20_000)}`,
    ':: 1', 'Expect: 100-continue', 'Connection: upgrade\r\nUpgrade: h2c',
  ), fc.constantFrom(...CHANNEL_NAMES), hostileValueJson.filter((v) => v.length < 5000)).map(([header, channel, body]): Build => (ctx) =>
    request([`POST /api/${channel} HTTP/1.1`, `Host: ${ctx.host}`, header, 'Connection: close'], header.startsWith('Transfer-Encoding: chunked') ? `zz\r\n${body}\r\n0\r\n\r\n` : body)) },
  // Broken request lines and methods.
  { weight: 1, arbitrary: fc.oneof(
    fc.string({ unit: 'binary', maxLength: 300 }).map((line) => line.replace(/\r|\n/g, ' ')),
    fc.constantFrom('GARBAGE', 'GET', 'GET /index.html HTTP/1.1 extra', 'GET / HTTP/9.9', 'PRI * HTTP/2.0', 'CONNECT 127.0.0.1:22 HTTP/1.1', 'TRACE / HTTP/1.1', 'GET http://[ HTTP/1.1', 'GET //[ HTTP/1.1', 'DELETE /api/nodes.remove HTTP/1.1'),
  ).map((line): Build => (ctx) => request([line, `Host: ${ctx.host}`, 'Connection: close'])) },
  // Upload names that leave incoming/ or carry control characters, and uploads without a token.
  // (Shell syntax or spaces in a file name are fine: the file is stored as named, never run.)
  { weight: 2, arbitrary: fc.tuple(refusedUploadName, fc.boolean()).map(([name, authorised]): Build => (ctx) =>
    request([`POST /upload?name=${percentEncode(name)} HTTP/1.1`, `Host: ${ctx.host}`, ...(authorised ? [`Authorization: Bearer ${ctx.token}`] : []), 'Content-Length: 5', 'Connection: close'], 'hello')) },
  // Nonce exchanges with nonces never issued.
  { weight: 1, arbitrary: hostileValueJson.filter((v) => v.length < 5000).map((nonce): Build => (ctx) =>
    request(['POST /session HTTP/1.1', `Host: ${ctx.host}`, `Content-Length: ${Buffer.byteLength(`{"nonce":${nonce}}`)}`, 'Connection: close'], `{"nonce":${nonce}}`)) },
  // Static paths that try to leave the renderer folder.
  { weight: 1, arbitrary: fc.oneof(percentJunk, hostileString.filter((s) => s.length < 2000).map((s) => percentEncode(s))).filter(leavesNothingToServe).map((p): Build => (ctx) =>
    request([`GET /${asciiOnly(p)} HTTP/1.1`, `Host: ${ctx.host}`, 'Connection: close'])) },
);

/** Sends `count` generated requests; returns what was counted and one line per problem. */
export async function runHttpTransport(count: number, seed: number): Promise<{ counts: TransportCounts; problems: string[] }> {
  const fixture = await createFixture('http');
  const counts = emptyCounts();
  const problems: string[] = [];
  const child = await startServeChild(fixture.dataDir, fixture.rendererDir);
  try {
    const before = fixture.fingerprint();
    const ctx: Context = { host: `127.0.0.1:${child.port}`, token: child.token };
    const payloads = generate(build, count, seed);
    await inParallel(payloads, 6, async (make, i) => {
      if (!child.alive()) return;
      counts.sent++;
      const answer = await rawExchange(child.port, make(ctx));
      const result = resultOf(answer.body);
      if (answer.hung) {
        counts.hung++;
        problems.push(`http #${i}: no answer within the deadline`);
      } else if (answer.status === 0) {
        counts.closedWithoutAnswer++;
      } else if (answer.status >= 500 || result?.error?.code === 'internal') {
        counts.failed++;
        problems.push(`http #${i}: ${answer.status} ${answer.body.slice(0, 200)}`);
      } else if (answer.status >= 400 || (result !== null && !result.ok)) {
        counts.refused++;
      } else {
        counts.accepted++;
        problems.push(`http #${i}: accepted with ${answer.status}: ${answer.body.slice(0, 200)}`);
      }
    });
    checkAfterServeRun('http', child, fixture, before, counts, problems);
  } finally {
    await child.stop();
    await fixture.remove();
  }
  return { counts, problems };
}
