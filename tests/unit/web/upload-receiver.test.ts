// The receiver of `pinfleet serve`: it records what it wrote and deletes only that (a spelled-out
// `incoming/../x` once removed the whole data folder), and reserves the disk space every
// reception under way still needs, so parallel uploads cannot fill the disk together.
import fs from 'node:fs';
import type { IncomingMessage } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_DISK_MARGIN_BYTES, spaceProblem, UploadReceiver } from '../../../src-main/web/upload-receiver.js';

let dataDir: string;
beforeEach(() => {
  dataDir = path.join(fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pinfleet-receiver-'))), 'data');
  fs.mkdirSync(dataDir);
  fs.writeFileSync(path.join(dataDir, 'pinfleet.db'), 'the inventory');
});
afterEach(() => fs.rmSync(path.dirname(dataDir), { recursive: true, force: true }));

/** A request body as the HTTP server hands it over: a stream with headers. */
function body(length: number): PassThrough & IncomingMessage {
  const stream = new PassThrough() as PassThrough & IncomingMessage;
  stream.headers = { 'content-length': String(length) };
  return stream;
}

async function receive(receiver: UploadReceiver, name: string, bytes: Buffer): Promise<string> {
  const request = body(bytes.length);
  const received = receiver.receive(request, name);
  request.end(bytes);
  return received;
}

describe('spaceProblem', () => {
  it.each([
    [100, LOCAL_DISK_MARGIN_BYTES + 100, 0, false],
    [100, LOCAL_DISK_MARGIN_BYTES + 99, 0, true],
    [100, LOCAL_DISK_MARGIN_BYTES + 150, 50, false],
    [100, LOCAL_DISK_MARGIN_BYTES + 150, 51, true],
  ])('%i bytes with %i free and %i reserved: refused %s', (length, free, reserved, refused) => {
    expect(spaceProblem(length, free, reserved) !== null).toBe(refused);
  });

  it('names the bytes promised to other uploads when they are why', () => {
    expect(spaceProblem(100, LOCAL_DISK_MARGIN_BYTES + 120, 50)).toMatch(/30 bytes short.*50 bytes are already promised/);
  });
});

describe('UploadReceiver.remove', () => {
  it('deletes a file it received, with its folder', async () => {
    const receiver = new UploadReceiver({ dataDir, freeBytes: async () => Number.MAX_SAFE_INTEGER });
    const received = await receive(receiver, 'a.bin', Buffer.from('payload'));
    expect(await receiver.remove(received)).toBe(true);
    expect(fs.existsSync(path.dirname(received))).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'incoming'))).toBe(true);
  });

  it('leaves the data folder intact when the path climbs out of incoming/ with ..', async () => {
    const receiver = new UploadReceiver({ dataDir, freeBytes: async () => Number.MAX_SAFE_INTEGER });
    await receive(receiver, 'a.bin', Buffer.from('payload'));
    for (const hostile of [
      path.join(dataDir, 'incoming') + '/../pinfleet.db',
      path.join(dataDir, 'incoming') + '/../x',
      path.join(dataDir, 'incoming') + '/..',
      path.join(dataDir, 'incoming'),
      `${dataDir}/incoming/./../incoming/../pinfleet.db`,
    ]) {
      expect(await receiver.remove(hostile), hostile).toBe(false);
    }
    expect(fs.readFileSync(path.join(dataDir, 'pinfleet.db'), 'utf8')).toBe('the inventory');
  });

  it('leaves a folder of incoming/ it did not record, even one reached through a symlink', async () => {
    const receiver = new UploadReceiver({ dataDir, freeBytes: async () => Number.MAX_SAFE_INTEGER });
    await receive(receiver, 'a.bin', Buffer.from('payload'));
    const stranger = path.join(dataDir, 'incoming', 'stranger');
    fs.mkdirSync(stranger);
    fs.writeFileSync(path.join(stranger, 'file'), 'not ours');
    fs.symlinkSync(dataDir, path.join(dataDir, 'incoming', 'up'));
    expect(await receiver.remove(path.join(stranger, 'file'))).toBe(false);
    expect(await receiver.remove(path.join(dataDir, 'incoming', 'up', 'pinfleet.db'))).toBe(false);
    expect(fs.readFileSync(path.join(stranger, 'file'), 'utf8')).toBe('not ours');
    expect(fs.existsSync(path.join(dataDir, 'pinfleet.db'))).toBe(true);
  });
});

describe('UploadReceiver.allows', () => {
  it('allows only what it recorded, however the path is spelled', async () => {
    const receiver = new UploadReceiver({ dataDir, freeBytes: async () => Number.MAX_SAFE_INTEGER });
    const received = await receive(receiver, 'folder/a.bin', Buffer.from('payload'));
    expect(await receiver.allows(received)).toBe(true);
    const folder = path.basename(path.dirname(path.dirname(received)));
    expect(await receiver.allows(path.join(dataDir, 'incoming', folder, 'x', '..', 'folder', 'a.bin'))).toBe(true);
    fs.writeFileSync(path.join(path.dirname(received), 'planted.bin'), 'x');
    expect(await receiver.allows(path.join(path.dirname(received), 'planted.bin'))).toBe(false);
    expect(await receiver.allows(`${dataDir}/incoming/../pinfleet.db`)).toBe(false);
    expect(await receiver.allows('/root/.ssh/id_ed25519')).toBe(false);
    expect(await receiver.allows('incoming/a.bin')).toBe(false);
  });

  it('forgets a file once it is removed', async () => {
    const receiver = new UploadReceiver({ dataDir, freeBytes: async () => Number.MAX_SAFE_INTEGER });
    const received = await receive(receiver, 'a.bin', Buffer.from('payload'));
    await receiver.remove(received);
    fs.mkdirSync(path.dirname(received));
    fs.writeFileSync(received, 'written again by someone else');
    expect(await receiver.allows(received)).toBe(false);
  });
});

describe('UploadReceiver.receive reserves space per upload', () => {
  it('refuses a second upload that fits alone but not beside one still arriving, then takes it once the first is done', async () => {
    const size = 1000;
    // Room for one file and the margin, not for two: the disk figure itself never changes here.
    const receiver = new UploadReceiver({ dataDir, freeBytes: async () => LOCAL_DISK_MARGIN_BYTES + size + size / 2 });
    const first = body(size);
    const firstDone = receiver.receive(first, 'first.bin');
    first.write(Buffer.alloc(100));
    await expect.poll(() => receiver.reservedBytes()).toBe(size - 100);

    await expect(receive(receiver, 'second.bin', Buffer.alloc(size))).rejects.toMatchObject({ code: 'no_space', message: expect.stringContaining('already promised') as unknown });
    expect(fs.readdirSync(path.join(dataDir, 'incoming'))).toHaveLength(1);

    first.end(Buffer.alloc(size - 100));
    await firstDone;
    expect(receiver.reservedBytes()).toBe(0);
    await expect(receive(receiver, 'second.bin', Buffer.alloc(size))).resolves.toContain('second.bin');
  });

  it('releases the reservation of a reception cut off', async () => {
    const receiver = new UploadReceiver({ dataDir, freeBytes: async () => Number.MAX_SAFE_INTEGER });
    const request = body(1000);
    const receiving = receiver.receive(request, 'cut.bin');
    request.end(Buffer.alloc(10));
    await expect(receiving).rejects.toMatchObject({ code: 'invalid_input' });
    expect(receiver.reservedBytes()).toBe(0);
    expect(fs.readdirSync(path.join(dataDir, 'incoming'))).toEqual([]);
  });
});
