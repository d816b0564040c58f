// Input schemas of the provisioning channels (issue #6). A server being adopted or checked is not
// in the inventory yet, so every request names its connection target and login itself.
import { z } from 'zod';
import { fingerprint, host, hostPort, nodeName, port, sshUser, tag } from './schemas.js';
import { hasControlCharacters } from './validators.js';

const keyPath = z
  .string()
  .min(1, 'is empty')
  .max(4096)
  .refine((v) => !hasControlCharacters(v), 'contains control characters');

export const targetLogin = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('keyFile'), keyPath, passphrase: z.string().max(1024).optional() }),
  z.strictObject({ method: z.literal('agent') }),
]);

const target = {
  host,
  port: port.default(22),
  user: sshUser.default('root'),
  /** Confirmed by the admin before anything else happens: required, never trusted on first use. */
  fingerprint,
  login: targetLogin,
};

/** An absolute POSIX path on the server; it reaches the server only as one quoted argument. */
export const serverPath = z
  .string()
  .min(1, 'is empty')
  .max(1024, 'must be at most 1024 characters')
  .refine((v) => v.startsWith('/'), 'must be an absolute path on the server (starting with /)')
  .refine((v) => !hasControlCharacters(v), 'contains control characters');

export const preflightInput = z.strictObject({
  ...target,
  dataPath: serverPath,
  /** The address kubo will listen on; omitted: swarm on every address, RPC and gateway on 127.0.0.1. */
  listenHost: host.optional(),
});

export const adoptDetectInput = z.strictObject({
  ...target,
  /** The name it will get: picks its container when one Docker engine runs several kubos. */
  name: nodeName.optional(),
});

export const adoptRegisterInput = z.strictObject({
  ...target,
  name: nodeName,
  tags: z.array(tag).max(32, 'at most 32 tags').default([]),
  region: z
    .string()
    .max(64)
    .refine((v) => !hasControlCharacters(v), 'contains control characters')
    .nullable()
    .default(null),
  priority: z.number().int('must be a whole number').min(-1000).max(1000).default(0),
  apiAddress: hostPort,
  gatewayAddress: hostPort,
});
