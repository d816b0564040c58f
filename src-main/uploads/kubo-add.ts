// Streams files from disk to kubo's /api/v0/add through the tunnel URL: multipart written part by
// part with backpressure, never a whole file in memory. kubo answers 200 at once and reports a
// failure mid-way only in the X-Stream-Error trailer (or an error object as the last JSON line),
// so success means: the body ended, no trailer error, and a root CID came back.
import { createReadStream } from 'node:fs';
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { PinfleetError } from '../../src-preload/contract/errors.js';
import { CHUNK_SIZE, CHUNKER } from './local-cid.js';
import { addParts, type UploadSource } from './upload-source.js';

export interface AddOptions {
  signal?: AbortSignal;
  /** Called with the bytes of file content sent so far. */
  onBytes?: (sent: number) => void;
}

export function addQuery(wrap: boolean): string {
  const params = new URLSearchParams({
    'cid-version': '1', 'raw-leaves': 'true', chunker: CHUNKER, pin: 'true', progress: 'false',
    'wrap-with-directory': String(wrap), quieter: 'false',
  });
  return params.toString();
}

/** Reads kubo's NDJSON answer: the last Hash is the root; an error object means the add failed. */
export function parseAddAnswer(body: string, trailerError: string | undefined): { cid: string } {
  if (trailerError) throw noSpaceOr('remote_failed', `kubo stopped the add: ${trailerError}`);
  let root: string | null = null;
  for (const line of body.split('\n')) {
    if (!line.trim()) continue;
    let parsed: { Hash?: unknown; Message?: unknown; Type?: unknown };
    try {
      parsed = JSON.parse(line) as typeof parsed;
    } catch {
      throw new PinfleetError('remote_failed', `kubo's add answer is not JSON: "${line.slice(0, 120)}"`);
    }
    if (parsed.Type === 'error' || (typeof parsed.Message === 'string' && parsed.Hash === undefined)) {
      throw noSpaceOr('remote_failed', `kubo stopped the add: ${String(parsed.Message)}`);
    }
    if (typeof parsed.Hash === 'string') root = parsed.Hash;
  }
  if (root === null) throw new PinfleetError('remote_failed', 'kubo ended the add without a CID (the stream was cut short)');
  return { cid: root };
}

function noSpaceOr(code: 'remote_failed', message: string): PinfleetError {
  return new PinfleetError(/no space left|storage.?max|repo.*full/i.test(message) ? 'no_space' : code, message);
}

export async function kuboAdd(baseUrl: string, source: UploadSource, options: AddOptions = {}): Promise<{ cid: string }> {
  const boundary = `pinfleet-${randomBytes(12).toString('hex')}`;
  const url = new URL(`/api/v0/add?${addQuery(source.kind === 'directory')}`, baseUrl);
  const request = http.request(url, {
    method: 'POST',
    headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Transfer-Encoding': 'chunked' },
    signal: options.signal,
  });
  const answered = new Promise<http.IncomingMessage>((resolve, reject) => {
    request.once('response', (response) => {
      // kubo may refuse before reading the whole body and stop reading: stop writing, or the
      // wait for 'drain' would never end.
      if (response.statusCode !== 200 && !request.writableFinished) request.destroy();
      resolve(response);
    });
    request.once('error', reject);
  });
  answered.catch(() => {});
  try {
    await writeBody(request, boundary, source, options);
  } catch (error) {
    request.destroy();
    throw transferError(error, options.signal);
  }
  let response: http.IncomingMessage;
  let body = '';
  try {
    response = await answered;
    response.setEncoding('utf8');
    for await (const chunk of response) body += chunk as string;
  } catch (error) {
    throw transferError(error, options.signal);
  }
  if (response.statusCode !== 200) {
    const message = /"Message":"([^"]*)"/.exec(body)?.[1] ?? `HTTP ${response.statusCode}`;
    throw noSpaceOr('remote_failed', `kubo refused the add: ${message}`);
  }
  const trailer = response.trailers['x-stream-error'];
  return parseAddAnswer(body, Array.isArray(trailer) ? trailer.join('; ') : trailer);
}

async function writeBody(request: http.ClientRequest, boundary: string, source: UploadSource, options: AddOptions): Promise<void> {
  const write = async (data: string | Buffer) => {
    if (request.destroyed) throw new Error('the connection to kubo closed while sending');
    if (!request.write(data)) await drained(request);
  };
  let sent = 0;
  for (const part of addParts(source)) {
    const type = part.kind === 'directory' ? 'application/x-directory' : 'application/octet-stream';
    await write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${encodeURIComponent(part.path)}"\r\nContent-Type: ${type}\r\n\r\n`);
    if (part.kind === 'file') {
      for await (const chunk of createReadStream(part.absolute, { highWaterMark: CHUNK_SIZE, signal: options.signal })) {
        await write(chunk as Buffer);
        sent += (chunk as Buffer).length;
        options.onBytes?.(sent);
      }
    }
    await write('\r\n');
  }
  await write(`--${boundary}--\r\n`);
  request.end();
}

function transferError(error: unknown, signal: AbortSignal | undefined): PinfleetError {
  if (signal?.aborted) return signal.reason instanceof PinfleetError ? signal.reason : new PinfleetError('internal', 'cancelled');
  if (error instanceof PinfleetError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'EACCES') return new PinfleetError('not_found', `cannot read the source: ${(error as Error).message}`);
  return new PinfleetError('unreachable', `the transfer to kubo broke off: ${(error as Error).message}`);
}

/** Waits for 'drain', failing if the socket closes first; leaves no listener behind either way. */
function drained(request: http.ClientRequest): Promise<void> {
  return new Promise((resolve, reject) => {
    const onDrain = () => {
      cleanup();
      resolve();
    };
    const onClose = () => {
      cleanup();
      reject(new Error('the connection to kubo closed while sending'));
    };
    const cleanup = () => {
      request.off('drain', onDrain);
      request.off('close', onClose);
    };
    request.on('drain', onDrain);
    request.on('close', onClose);
  });
}
