// The router validates requests, but imports, the CLI and other services reach the inventory
// without it: the inventory checks again with the same contract schemas, so a bad value can
// never land in the database whichever way it came in.
import type { z } from 'zod';
import { PinfleetError } from '../../src-preload/contract/errors.js';
import { nodeChanges, nodeFields, type NodeChanges, type NodeFields } from '../../src-preload/contract/schemas.js';
import { describeIssues } from '../core/router.js';

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: string };

function check<T>(schema: z.ZodType<T>, input: unknown): Checked<T> {
  const parsed = schema.safeParse(input);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problem: describeIssues(parsed.error) };
}

export function checkNodeFields(input: unknown): Checked<NodeFields> {
  return check(nodeFields, input);
}

/**
 * Only the fields the caller named. nodeChanges is nodeFields.partial(), and zod 4 still fills
 * the defaults of absent fields, which would silently reset sshPort, tags, notes… on every update.
 */
export function checkNodeChanges(input: unknown): Checked<NodeChanges> {
  const checked = check(nodeChanges, input);
  if (!checked.ok || typeof input !== 'object' || input === null) return checked;
  const given = Object.keys(input);
  if (given.length === 0) return { ok: false, problem: 'names no field to change' };
  const value = Object.fromEntries(Object.entries(checked.value).filter(([key]) => given.includes(key)));
  return { ok: true, value: value as NodeChanges };
}

function orThrow<T>(checked: Checked<T>): T {
  if (!checked.ok) throw new PinfleetError('invalid_input', checked.problem);
  return checked.value;
}

export function validateNodeFields(input: unknown): NodeFields {
  return orThrow(checkNodeFields(input));
}

export function validateNodeChanges(input: unknown): NodeChanges {
  return orThrow(checkNodeChanges(input));
}
