// Input schemas: main validates every request against these before a handler runs.
import { z } from 'zod';
import {
  fingerprintProblem,
  hasControlCharacters,
  hostPortProblem,
  hostProblem,
  nodeNameProblem,
  portProblem,
  sshUserProblem,
  tagProblem,
} from './validators.js';
import { apiUrlProblem, containerRefProblem } from './api-url.js';

/** A string that holds no control or bidi-override characters, trimmed of nothing. */
const plainText = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((v) => !hasControlCharacters(v), 'contains control characters');

/** Free text that may span lines (notes): newlines and tabs allowed, other control characters not. */
const multilineText = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((v) => !hasControlCharacters(v.replace(/[\n\t]|\r\n/g, ' ')), 'contains control characters');

const checked = (problem: (v: string) => string | null) =>
  z.string().superRefine((value, ctx) => {
    const message = problem(value);
    if (message) ctx.addIssue({ code: 'custom', message });
  });

export const nodeName = checked(nodeNameProblem);
export const host = checked(hostProblem);
export const port = z.number().superRefine((value, ctx) => {
  const message = portProblem(value);
  if (message) ctx.addIssue({ code: 'custom', message });
});
export const sshUser = checked(sshUserProblem);
export const fingerprint = checked(fingerprintProblem);
export const tag = checked(tagProblem);
export const hostPort = checked(hostPortProblem);
/** A direct kubo RPC URL (http/https, no user:pass@, no query or fragment); null: the SSH tunnel. */
export const apiUrl = checked(apiUrlProblem);
export const containerRef = checked(containerRefProblem);

/** Node fields as stored, with no defaults: the base for both adding and changing a node. */
const nodeFieldsBase = z.strictObject({
  name: nodeName,
  host,
  sshPort: port,
  sshUser,
  hostKeyFingerprint: fingerprint.nullable(),
  tags: z.array(tag).max(32, 'at most 32 tags'),
  region: plainText(64).nullable(),
  priority: z.number().int('must be a whole number').min(-1000).max(1000),
  state: z.enum(['active', 'draining']),
  notes: multilineText(2000),
  apiAddress: hostPort,
  gatewayAddress: hostPort,
  apiUrl: apiUrl.nullable(),
  kuboContainer: containerRef.nullable(),
});

/** What `nodes.add` takes: everything but name and host has a sensible default. */
export const nodeFields = nodeFieldsBase.extend({
  sshPort: port.default(22),
  sshUser: sshUser.default('root'),
  hostKeyFingerprint: fingerprint.nullable().default(null),
  tags: nodeFieldsBase.shape.tags.default([]),
  region: plainText(64).nullable().default(null),
  priority: nodeFieldsBase.shape.priority.default(0),
  state: nodeFieldsBase.shape.state.default('active'),
  notes: multilineText(2000).default(''),
  apiAddress: hostPort.default('127.0.0.1:5001'),
  gatewayAddress: hostPort.default('127.0.0.1:8080'),
  apiUrl: apiUrl.nullable().default(null),
  kuboContainer: containerRef.nullable().default(null),
});

/** What you pass to `nodes.add`; defaults are filled in by the schema. */
export type NodeInput = z.input<typeof nodeFields>;
export type NodeFields = z.output<typeof nodeFields>;

/**
 * `nodes.update` changes only the fields it names. Built on the base without defaults: a partial
 * of `nodeFields` would fill every absent field with its default and silently reset the node.
 */
export const nodeChanges = nodeFieldsBase
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'names no field to change');

export type NodeChanges = z.output<typeof nodeChanges>;

/**
 * What `nodes.update` takes from a client: any change but the host-key pin. A pin changes only
 * through hostKeys.trust / hostKeys.replace, which first check the key the server presents;
 * editing it alongside the host would send the SSH login to whatever server the edit names.
 */
export const nodeUpdateChanges = nodeChanges.refine((v) => !('hostKeyFingerprint' in v), {
  path: ['hostKeyFingerprint'],
  message:
    'a host-key pin is not edited here: check the key the server presents (pinfleet hostkeys check NAME) and confirm it ' +
    'with pinfleet hostkeys trust NAME --fingerprint SHA256:… (or pinfleet hostkeys replace to change a pin)',
});

export const empty = z.strictObject({}).optional().default({});
export const byName = z.strictObject({ name: nodeName });
export const inventoryFormat = z.enum(['json', 'csv']);
export const importInput = z.strictObject({
  format: z.enum(['json', 'csv', 'env']),
  // 16 MiB is far beyond any real inventory and keeps a pasted file from exhausting memory.
  content: z.string().max(16 * 1024 * 1024, 'is larger than 16 MiB'),
  /** Replace fields of nodes that already exist instead of skipping them. */
  update: z.boolean().default(false),
});

export const seriesInput = z.strictObject({
  /** Omit for the fleet-wide series. */
  name: nodeName.optional(),
  range: z.enum(['1h', '24h', '7d', '30d']).default('24h'),
});

export const optionalName = z.strictObject({ name: nodeName.optional() }).optional().default({});

export const limitInput = z
  .strictObject({ limit: z.number().int().min(1).max(1000).default(200) })
  .optional()
  .default({ limit: 200 });

export const trustHostKey = z.strictObject({ name: nodeName, fingerprint });
export const replaceHostKey = z.strictObject({ name: nodeName, previous: fingerprint, next: fingerprint });

/** Where a private key or password comes from; secrets go to the secret store, never SQLite. */
export const credentialsInput = z.discriminatedUnion('method', [
  z.strictObject({ name: nodeName, method: z.literal('agent') }),
  z.strictObject({
    name: nodeName,
    method: z.literal('keyFile'),
    keyPath: plainText(4096).refine((v) => v.length > 0, 'is empty'),
    passphrase: z.string().max(1024).optional(),
  }),
  z.strictObject({
    name: nodeName,
    method: z.literal('storedKey'),
    privateKey: z.string().min(1, 'is empty').max(64 * 1024).refine((v) => v.includes('PRIVATE KEY'), 'is not a PEM or OpenSSH private key'),
    passphrase: z.string().max(1024).optional(),
  }),
  z.strictObject({ name: nodeName, method: z.literal('password'), password: z.string().min(1, 'is empty').max(1024) }),
]);

/**
 * The credential kubo's API.Authorizations expects (`Authorization: Bearer …` or `Basic …`), used
 * on the direct URL and, when set, through the SSH tunnel too. `none` removes it.
 */
export const apiCredentialsInput = z.discriminatedUnion('scheme', [
  z.strictObject({ name: nodeName, scheme: z.literal('bearer'), token: z.string().min(1, 'is empty').max(4096).regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces') }),
  z.strictObject({
    name: nodeName,
    scheme: z.literal('basic'),
    user: z.string().min(1, 'is empty').max(256).refine((v) => !v.includes(':') && !hasControlCharacters(v), 'must not contain ":" or control characters'),
    password: z.string().min(1, 'is empty').max(1024).refine((v) => !hasControlCharacters(v), 'contains control characters'),
  }),
  z.strictObject({ name: nodeName, scheme: z.literal('none') }),
]);

export const healthSettingsChanges = z
  .strictObject({
    pollIntervalSeconds: z.number().int().min(5, 'must be at least 5 seconds').max(3600),
    gcWatermarkPercent: z.number().int().min(1).max(100),
    diskReserveBytes: z.number().int().min(0),
    fullBelowBytes: z.number().int().min(0),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'names no setting to change');

export const logsFollow = z.strictObject({ name: nodeName, tail: z.number().int().min(0).max(5000).default(200) });
export const logsStop = z.strictObject({ streamId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });

// Uploads. Paths are absolute paths on this machine: main reads the files itself.
// (The browser path, where the renderer streams a File it was handed, comes later with the UI.)
const replicas = z.number().int('must be a whole number').min(1, 'must be at least 1').max(16, 'at most 16');
const localPath = plainText(4096)
  .refine((v) => v.startsWith('/') || /^[A-Za-z]:[\\/]/.test(v), 'must be an absolute path')
  .refine((v) => !v.includes('\0'), 'contains a NUL byte');

export const uploadPlanInput = z.strictObject({
  items: z
    // path: a local file or folder (Electron); main measures it from disk, since a dropped
    // folder's File reports the size of the folder entry, not of what it holds.
    .array(z.strictObject({ name: plainText(1024), size: z.number().int().min(0), path: localPath.optional() }))
    .min(1, 'names no item')
    .max(1000),
  replicas: replicas.default(1),
  node: nodeName.optional(),
});
export const uploadStartInput = z.strictObject({
  paths: z.array(localPath).min(1, 'names no path').max(1000),
  replicas: replicas.default(1),
  node: nodeName.optional(),
});
export const uploadListInput = z
  .strictObject({ search: plainText(256).optional(), limit: z.number().int().min(1).max(1000).default(200) })
  .optional()
  .default({ limit: 200 });
export const uploadById = z.strictObject({ id: z.number().int().min(1) });
