// Getting the kubo image onto a server. Present: nothing to do. Otherwise either Docker on the
// server pulls it, or, for a server that cannot reach a registry, it is sent over the SSH
// connection: a `docker save` tar (from this computer's Docker, or a file) streams through the
// forwarded Docker socket into the server's `docker load`, counting bytes as they go.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import type Docker from 'dockerode';
import { PinfleetError } from '../../../src-preload/contract/errors.js';

export type ByteProgress = (done: number, total: number | null) => void;

export async function imagePresent(docker: Docker, ref: string): Promise<boolean> {
  try {
    await docker.getImage(ref).inspect();
    return true;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return false;
    throw error;
  }
}

/** A tar of the image: the given file, else `docker save REF` on this computer (argv, no shell). */
export function imageTar(ref: string, file: string | undefined, environment: NodeJS.ProcessEnv): { stream: Readable; total: number | null; done: Promise<void> } {
  if (file) {
    let total: number;
    try {
      total = fs.statSync(file).size;
    } catch (error) {
      throw new PinfleetError('invalid_input', `imageFile: ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
    }
    return { stream: fs.createReadStream(file), total, done: Promise.resolve() };
  }
  const child = spawn('docker', ['save', ref], { env: environment, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const done = new Promise<void>((resolve, reject) => {
    child.on('error', (error) => reject(new PinfleetError('remote_failed', `docker save could not start on this computer (${error.message}): is Docker installed here?`)));
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new PinfleetError('remote_failed', `docker save ${ref} on this computer failed: ${stderr.trim().split('\n')[0] ?? `exit ${code}`}`)),
    );
  });
  return { stream: child.stdout, total: null, done };
}

/** Streams a tar into the server's Docker (`docker load`), reporting bytes sent at most every 100 ms. */
export async function loadImage(docker: Docker, tar: { stream: Readable; total: number | null; done: Promise<void> }, progress: ByteProgress): Promise<string[]> {
  let sent = 0;
  let last = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      sent += chunk.length;
      const now = Date.now();
      if (now - last >= 100) {
        last = now;
        progress(sent, tar.total);
      }
      callback(null, chunk);
    },
  });
  tar.stream.on('error', (error) => counter.destroy(error));
  tar.stream.pipe(counter);
  const answer = (await docker.loadImage(counter, { quiet: true })) as unknown as Readable;
  const body = await readAll(answer);
  await tar.done;
  progress(sent, tar.total ?? sent);
  const lines = body
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { stream?: string; error?: string; errorDetail?: { message?: string } });
  const failed = lines.find((l) => l.error || l.errorDetail);
  if (failed) throw new PinfleetError('remote_failed', `docker load on the server refused the image: ${failed.error ?? failed.errorDetail?.message}`);
  return lines.map((l) => (l.stream ?? '').trim()).filter(Boolean);
}

/** `docker pull` on the server, reporting the layers' downloaded bytes. */
export async function pullImage(docker: Docker, ref: string, progress: ByteProgress): Promise<void> {
  let stream: Readable;
  try {
    stream = (await docker.pull(ref)) as Readable;
  } catch (error) {
    throw new PinfleetError('remote_failed', `the server could not pull ${ref}: ${(error as Error).message.split('\n')[0]}. If it cannot reach a registry, send the image over SSH instead.`);
  }
  const layers = new Map<string, { current: number; total: number }>();
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(
      stream,
      (error: Error | null) => (error ? reject(new PinfleetError('remote_failed', `pulling ${ref} failed: ${error.message}`)) : resolve()),
      (event: { id?: string; progressDetail?: { current?: number; total?: number } }) => {
        if (event.id && event.progressDetail?.total) layers.set(event.id, { current: event.progressDetail.current ?? 0, total: event.progressDetail.total });
        const all = [...layers.values()];
        progress(
          all.reduce((n, l) => n + l.current, 0),
          all.reduce((n, l) => n + l.total, 0),
        );
      },
    );
  });
}

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
