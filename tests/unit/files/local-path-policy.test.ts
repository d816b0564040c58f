// The table of channels that name a file on this computer, and the guard each transport puts in
// front of the router: a path the grants do not allow never reaches a handler.
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { contract } from '../../../src-preload/contract/contract.js';
import type { Router } from '../../../src-main/core/router.js';
import { guardLocalPaths, LOCAL_PATH_FIELDS, localPathsIn, NO_LOCAL_FILES, type LocalPathGrants } from '../../../src-main/files/local-path-policy.js';

const target = { host: '10.0.0.5', fingerprint: 'SHA256:abc', login: { method: 'keyFile', keyPath: '/k/id' } };

describe('localPathsIn', () => {
  it.each([
    ['uploads.plan', { items: [{ name: 'a', size: 1, path: '/a' }, { name: 'typed', size: 2 }, { name: 'b', size: 3, path: '/b' }] }, [['items.0.path', '/a'], ['items.2.path', '/b']]],
    ['uploads.start', { paths: ['/x', '/y'] }, [['paths.0', '/x'], ['paths.1', '/y']]],
    ['credentials.set', { name: 'n', method: 'keyFile', keyPath: '~/.ssh/id_ed25519' }, [['keyPath', '~/.ssh/id_ed25519']]],
    ['credentials.set', { name: 'n', method: 'agent' }, []],
    ['provisioning.preflight', { ...target, dataPath: '/srv' }, [['login.keyPath', '/k/id']]],
    ['provisioning.adoptDetect', target, [['login.keyPath', '/k/id']]],
    ['provisioning.adoptRegister', target, [['login.keyPath', '/k/id']]],
    ['provisioning.rollback', target, [['login.keyPath', '/k/id']]],
    ['provisioning.provision', { ...target, imageSource: 'send', imageFile: '/tmp/kubo.tar' }, [['login.keyPath', '/k/id'], ['imageFile', '/tmp/kubo.tar']]],
    ['provisioning.provision', { ...target, login: { method: 'agent' } }, []],
    ['nodes.get', { name: 'keyPath' }, []],
  ])('%s names the right fields', (channel, input, expected) => {
    expect(localPathsIn(channel, input).map((f) => [f.field, f.path])).toEqual(expected);
  });

  it.each([null, 'text', 42, [], { paths: 'not-a-list' }, { items: [null, 'x', { path: 7 }] }, { keyPath: ['/a'] }])(
    'finds nothing in the malformed input %j (the router then refuses it as invalid_input)',
    (input) => {
      expect(localPathsIn('uploads.start', input)).toEqual([]);
      expect(localPathsIn('uploads.plan', input)).toEqual([]);
      expect(localPathsIn('credentials.set', input)).toEqual([]);
    },
  );

  it('does not treat an inherited property as a channel', () => {
    expect(localPathsIn('constructor', { paths: ['/x'] })).toEqual([]);
    expect(localPathsIn('__proto__', { paths: ['/x'] })).toEqual([]);
  });

  it('covers every channel of the contract whose schema accepts a local path field', () => {
    // A field named path/paths/keyPath/imageFile anywhere in a channel's input schema means main may
    // read that file: the channel must be in the table.
    const propertyNames = (node: unknown): string[] => {
      if (typeof node !== 'object' || node === null) return [];
      const own = 'properties' in node && typeof node.properties === 'object' && node.properties !== null ? Object.keys(node.properties) : [];
      return [...own, ...Object.values(node).flatMap(propertyNames)];
    };
    const mentionsPath = (schema: z.ZodType) =>
      propertyNames(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' })).some((key) => ['path', 'paths', 'keyPath', 'imageFile'].includes(key));
    const withPaths = Object.entries(contract).filter(([, entry]) => mentionsPath(entry.input)).map(([name]) => name);
    expect(withPaths.sort()).toEqual(Object.keys(LOCAL_PATH_FIELDS).sort());
  });
});

function fakeRouter() {
  const call = vi.fn(async (_channel: string, _input: unknown) => ({ ok: true as const, data: 'handled' }));
  return { call } satisfies Router;
}

const onlyAllowed = (allowed: string[]): LocalPathGrants => ({ allows: async (p) => allowed.includes(p), remedy: 'pick the file again' });

describe('guardLocalPaths', () => {
  it('passes a request whose every path is allowed, and one that names no path', async () => {
    const router = fakeRouter();
    const guarded = guardLocalPaths(router, onlyAllowed(['/ok/a', '/ok/b']));
    expect(await guarded.call('uploads.start', { paths: ['/ok/a', '/ok/b'] })).toEqual({ ok: true, data: 'handled' });
    expect(await guarded.call('nodes.list', {})).toEqual({ ok: true, data: 'handled' });
    expect(router.call).toHaveBeenCalledTimes(2);
  });

  it('refuses the first path not allowed with forbidden_path, naming the field and what to do, without reaching the router', async () => {
    const router = fakeRouter();
    const guarded = guardLocalPaths(router, onlyAllowed(['/ok/a']));
    const answer = await guarded.call('uploads.start', { paths: ['/ok/a', '/root/.ssh/id_ed25519'] });
    expect(answer).toEqual({
      ok: false,
      error: { code: 'forbidden_path', message: 'paths.1: "/root/.ssh/id_ed25519" is not a file given to this console: pick the file again' },
    });
    const key = await guarded.call('credentials.set', { name: 'n', method: 'keyFile', keyPath: '/home/admin/.ssh/id_rsa' });
    expect(key).toMatchObject({ ok: false, error: { code: 'forbidden_path', message: expect.stringMatching(/^keyPath: /) as unknown } });
    expect(router.call).not.toHaveBeenCalled();
  });

  it('refuses when the grants fail to answer, and shortens a long path in the message', async () => {
    const router = fakeRouter();
    const throwing: LocalPathGrants = { allows: () => Promise.reject(new Error('EACCES')), remedy: 'pick it again' };
    const answer = await guardLocalPaths(router, throwing).call('provisioning.provision', { imageFile: `/${'x'.repeat(5000)}` });
    expect(answer.ok).toBe(false);
    if (!answer.ok) {
      expect(answer.error.code).toBe('forbidden_path');
      expect(answer.error.message.length).toBeLessThan(400);
    }
    expect(router.call).not.toHaveBeenCalled();
  });

  it('NO_LOCAL_FILES refuses every path', async () => {
    const router = fakeRouter();
    const answer = await guardLocalPaths(router, NO_LOCAL_FILES).call('uploads.plan', { items: [{ name: 'a', size: 1, path: '/a' }] });
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden_path' } });
    expect(router.call).not.toHaveBeenCalled();
  });
});
