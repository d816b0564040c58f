// Streams files from disk to kubo's /api/v0/add through the tunnel URL: multipart written part by
// part through a small ring of reused buffers, never a whole file in memory, with the exact
// Content-Length (laid out by multipart-body.ts). kubo answers 200 at once and reports a
// failure mid-way only in the X-Stream-Error trailer (or an error object as the last JSON line),
// so success means: the body ended, no trailer error, and a root CID came back.
import { close, open, read } from 'node:fs';
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { PinfleetError } from '../../src-preload/contract/errors.js';
import { CHUNKER } from './local-cid.js';
import { multipartBody, type MultipartBody } from './multipart-body.js';
import type { UploadSource } from './upload-source.js';

export interface AddOptions {
  signal?: AbortSignal;
  /** Called with the bytes of file content sent so far. */
  onBytes?: (sent: number) => void;
  /** The connector's SSH-channel agent (kuboRequestTarget): the body goes straight into the SSH connection. */
  agent?: http.Agent;
  /**
   * Every file's content, in order, just after each buffer of it was handed to the socket
   * (sent-bytes-dag.ts hashes a big file this way, while kubo takes the bytes). The bytes are
   * reused after the call returns. With it, each file starts at the beginning of a buffer, so its
   * chunks are never split.
   */
  onFileData?: (bytes: Uint8Array) => void;
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
  const body = multipartBody(source, `pinfleet-${randomBytes(12).toString('hex')}`);
  const url = new URL(`/api/v0/add?${addQuery(source.kind === 'directory')}`, baseUrl);
  const request = http.request(url, {
    method: 'POST',
    headers: { 'Content-Type': body.contentType, 'Content-Length': String(body.contentLength) },
    signal: options.signal,
    ...(options.agent ? { agent: options.agent } : {}),
  });
  const answered = new Promise<http.IncomingMessage>((resolve, reject) => {
    request.once('response', (response) => {
      // kubo may refuse before reading the whole body and stop reading: stop writing, or the
      // wait for the ring's buffers would never end.
      if (response.statusCode !== 200 && !request.writableFinished) request.destroy();
      resolve(response);
    });
    request.once('error', reject);
  });
  answered.catch(() => {});
  try {
    await writeBody(request, body, options);
  } catch (error) {
    request.destroy();
    throw transferError(error, options.signal);
  }
  let response: http.IncomingMessage;
  let text = '';
  try {
    response = await answered;
    response.setEncoding('utf8');
    for await (const chunk of response) text += chunk as string;
  } catch (error) {
    throw transferError(error, options.signal);
  }
  if (response.statusCode !== 200) {
    const message = /"Message":"([^"]*)"/.exec(text)?.[1] ?? `HTTP ${response.statusCode}`;
    throw noSpaceOr('remote_failed', `kubo refused the add: ${message}`);
  }
  const trailer = response.trailers['x-stream-error'];
  return parseAddAnswer(text, Array.isArray(trailer) ? trailer.join('; ') : trailer);
}

/** Buffers the body goes through: few and reused, so a 4 GiB file allocates nothing per chunk. */
const RING_SLOTS = 4;
const SLOT_BYTES = 1024 * 1024;

/** Small files read at once into the buffer being filled: each read is a few thread-pool round trips of waiting. */
const READS_IN_FLIGHT = 16;

/**
 * Writes the body through RING_SLOTS buffers of SLOT_BYTES, so at most that much is in flight: a
 * buffer is filled again only after the socket took what was last written from it (the write
 * callback), and reading the next buffer overlaps sending the last. Small files and the part
 * headers around them are packed into one buffer (one write for hundreds of small files, not two
 * each), their reads up to READS_IN_FLIGHT at a time (their places in the buffer are known from
 * the sizes); a big file is read straight into the buffers, never copied.
 */
async function writeBody(request: http.ClientRequest, body: MultipartBody, options: AddOptions): Promise<void> {
  const broken = new Promise<never>((_, reject) => {
    request.once('close', () => reject(new Error('the connection to kubo closed while sending')));
  });
  broken.catch(() => {});
  const ring = Array.from({ length: RING_SLOTS }, () => Buffer.allocUnsafeSlow(SLOT_BYTES));
  const flushed: Promise<void>[] = ring.map(() => Promise.resolve());
  let slot = 0;
  let fill = 0;
  let fileBytesInSlot = 0;
  /** Where the file content read by the big-file loop starts in the current buffer (for onFileData). */
  let fileStartInSlot = -1;
  let sent = 0;
  /** Reads of small files into the current buffer, still running; all done before it is sent. */
  let reading: Promise<void>[] = [];
  const send = (data: Buffer, fileBytes: number): Promise<void> => {
    if (request.destroyed) return broken;
    const written = new Promise<void>((resolve, reject) => {
      request.write(data, (error) => {
        if (error) {
          reject(error);
          return;
        }
        sent += fileBytes;
        if (fileBytes > 0) options.onBytes?.(sent);
        resolve();
      });
    });
    written.catch(() => {});
    return written;
  };
  /** The current buffer, once the socket is done with what it held before. */
  const current = async (): Promise<Buffer> => {
    if (fill === 0) await Promise.race([flushed[slot], broken]);
    if (options.signal?.aborted) throw options.signal.reason;
    return ring[slot]!;
  };
  const readsDone = async () => {
    const all = reading;
    reading = [];
    // Every read settled before a failure is reported: none may still write into a buffer then.
    const failed = (await Promise.allSettled(all)).find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
  };
  const flush = async () => {
    await readsDone();
    if (fill === 0) return;
    flushed[slot] = send(ring[slot]!.subarray(0, fill), fileBytesInSlot);
    // Once the socket has the buffer (it is only read from until the write completes).
    if (fileStartInSlot >= 0) options.onFileData?.(ring[slot]!.subarray(fileStartInSlot, fileStartInSlot + fileBytesInSlot));
    fileStartInSlot = -1;
    slot = (slot + 1) % RING_SLOTS;
    fill = 0;
    fileBytesInSlot = 0;
  };
  try {
    for (const segment of body.segments) {
      if (segment.kind === 'text') {
        const length = Buffer.byteLength(segment.text);
        if (fill + length > SLOT_BYTES) await flush();
        if (length > SLOT_BYTES) {
          // Only the headers of thousands of empty files in a row come to this much.
          await Promise.race([send(Buffer.from(segment.text), 0), broken]);
          continue;
        }
        fill += (await current()).write(segment.text, fill);
        continue;
      }
      if (fill + segment.size > SLOT_BYTES || options.onFileData) await flush();
      if (fill + segment.size <= SLOT_BYTES && !options.onFileData) {
        // Fits in the current buffer: read it there while the next ones are started.
        const buffer = await current();
        if (reading.length >= READS_IN_FLIGHT) await Promise.race([reading[reading.length - READS_IN_FLIGHT]!, broken]);
        const read = readWhole(segment.absolute, segment.size, buffer, fill);
        read.catch(() => {});
        reading.push(read);
        fill += segment.size;
        fileBytesInSlot += segment.size;
        continue;
      }
      const fd = await openForReading(segment.absolute);
      try {
        for (let position = 0; position < segment.size; ) {
          const buffer = await current();
          const want = Math.min(SLOT_BYTES - fill, segment.size - position);
          const bytesRead = await readInto(fd, buffer, fill, want, position);
          if (bytesRead === 0) throw shrank(segment.absolute, segment.size - position, segment.size);
          if (fileStartInSlot < 0) fileStartInSlot = fill;
          position += bytesRead;
          fill += bytesRead;
          fileBytesInSlot += bytesRead;
          if (fill === SLOT_BYTES) await flush();
        }
      } finally {
        // Not waited for: a read-only descriptor's close has nothing to report, and ten thousand
        // small files would otherwise wait for ten thousand extra thread-pool round trips.
        closeQuietly(fd);
      }
    }
    await flush();
  } finally {
    // On a failure, no read may still be writing into a buffer when this returns.
    await Promise.allSettled(reading);
  }
  await Promise.race([Promise.all(flushed), broken]);
  request.end();
}

function shrank(absolute: string, missing: number, size: number): PinfleetError {
  return new PinfleetError('cid_mismatch', `${absolute} shrank while it was being uploaded (${missing} of ${size} bytes missing): upload it again once it is complete`);
}

/** A whole small file into buffer at offset (its size as the walk found it). */
async function readWhole(absolute: string, size: number, buffer: Buffer, offset: number): Promise<void> {
  const fd = await openForReading(absolute);
  try {
    for (let done = 0; done < size; ) {
      const bytesRead = await readInto(fd, buffer, offset + done, size - done, done);
      if (bytesRead === 0) throw shrank(absolute, size - done, size);
      done += bytesRead;
    }
  } finally {
    closeQuietly(fd);
  }
}

// The callback forms of open and read: a FileHandle costs noticeably more per small file.
function openForReading(absolute: string): Promise<number> {
  return new Promise((resolve, reject) => open(absolute, 'r', (error, fd) => (error ? reject(error) : resolve(fd))));
}

function readInto(fd: number, buffer: Buffer, offset: number, length: number, position: number): Promise<number> {
  return new Promise((resolve, reject) => read(fd, buffer, offset, length, position, (error, bytesRead) => (error ? reject(error) : resolve(bytesRead))));
}

function closeQuietly(fd: number): void {
  close(fd, () => {});
}

function transferError(error: unknown, signal: AbortSignal | undefined): PinfleetError {
  if (signal?.aborted) return signal.reason instanceof PinfleetError ? signal.reason : new PinfleetError('internal', 'cancelled');
  if (error instanceof PinfleetError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'EACCES') return new PinfleetError('not_found', `cannot read the source: ${(error as Error).message}`);
  return new PinfleetError('unreachable', `the transfer to kubo broke off: ${(error as Error).message}`);
}
