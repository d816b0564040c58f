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

/** A string that holds no control or bidi-override characters, trimmed of nothing. */
const plainText = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((v) => !hasControlCharacters(v), 'contains control characters');

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

export const nodeFields = z.strictObject({
  name: nodeName,
  host,
  sshPort: port.default(22),
  sshUser: sshUser.default('root'),
  hostKeyFingerprint: fingerprint.nullable().default(null),
  tags: z.array(tag).max(32, 'at most 32 tags').default([]),
  region: plainText(64).nullable().default(null),
  priority: z.number().int('must be a whole number').min(-1000).max(1000).default(0),
  state: z.enum(['active', 'draining']).default('active'),
  notes: plainText(2000).default(''),
  apiAddress: hostPort.default('127.0.0.1:5001'),
  gatewayAddress: hostPort.default('127.0.0.1:8080'),
});

/** What `nodes.add` accepts: defaults filled in by the schema. */
export type NodeInput = z.input<typeof nodeFields>;
export type NodeFields = z.output<typeof nodeFields>;

export const nodeChanges = nodeFields
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'names no field to change');

export type NodeChanges = z.output<typeof nodeChanges>;

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
