// Generated hostile values for R7, built with fast-check. Every value is hostile by construction
// (a control character, a NUL, a bidi override, a `..` segment, shell syntax, a lone surrogate,
// more than 4 KiB, a wrong type, deep nesting, prototype keys), so a payload that a transport
// accepts is a finding, not an accident of the generator.
import fc from 'fast-check';
import type { z } from 'zod';
import { CHANNEL_NAMES, contract } from '../../../src-preload/contract/contract.js';

const KNOWN_HOSTILE = [
  '../../../../etc/passwd', '..', '../', 'a/../../b', '~/.ssh/id_ed25519 ', ' /root/.ssh/id_rsa', '$(touch /tmp/r7-canary)',
  '`id`', '; rm -rf / #', '|| reboot', 'a&&b', '\u202Egnp.exe', '\u2066x\u2069', 'a\u0000b', 'line1\nline2',
  '\r\nX-Injected: 1', 'tab\there', '%00', '__proto__ ', "'; DROP TABLE nodes; --", '\uD800', 'x\uDFFF',
  '<script>alert(1)</script>', '${jndi:ldap://127.0.0.1/a}', '\u0007bell', '\u007fdel', '\u0085nel',
];
const MARKERS = ['\u0000', '\u0001', '\n', '\r', '\u001b', '\u202E', '\u2067', '/../', '$(', '`', ';', '|', '\uD800', ' '];

/** A string that no field of the contract should take as it is. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...KNOWN_HOSTILE),
  fc.tuple(fc.string({ maxLength: 40 }), fc.constantFrom(...MARKERS), fc.string({ unit: 'binary', maxLength: 40 }))
    .map(([a, marker, b]) => `${a}${marker}${b}`),
  fc.integer({ min: 4097, max: 300_000 }).map((n) => 'A'.repeat(n)),
  fc.integer({ min: 4097, max: 20_000 }).map((n) => '\u202E'.repeat(n)),
);

/** JSON text nested `depth` levels deep; built as text so the generator itself never recurses. */
export const deepJson = (depth: number, kind: 'array' | 'object') =>
  kind === 'array' ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

const POLLUTION = [
  '{"__proto__":{"polluted":true,"isAdmin":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"__proto__":null}',
  '{"prototype":{"polluted":1},"toString":"x","hasOwnProperty":1,"valueOf":{}}',
];

/** A JSON text of a hostile value (what arrives over HTTP or WebSocket). */
export const hostileValueJson: fc.Arbitrary<string> = fc.oneof(
  hostileString.map((s) => JSON.stringify(s)),
  // No number some field takes as it is (0 is a fine disk reserve): negative, fractional, unsafe, infinite.
  fc.constantFrom('null', 'true', 'false', '-1', '-1e308', '1e309', '9007199254740993', '0.5', '[]', '[null]', '""'),
  fc.constantFrom(...POLLUTION),
  fc.integer({ min: 1_000, max: 50_000 }).chain((depth) => fc.constantFrom(deepJson(depth, 'array'), deepJson(depth, 'object'))),
  fc.array(hostileString, { minLength: 1, maxLength: 5 }).map((a) => JSON.stringify(a)),
  fc.integer({ min: 10_000, max: 100_000 }).map((n) => JSON.stringify(Array.from({ length: n }, (_, i) => i))),
);

/** The top-level field names of a channel's input schema, for inputs aimed at real fields. */
export function fieldNames(schema: z.ZodType): string[] {
  const names = new Set<string>();
  const visit = (s: unknown, depth: number): void => {
    if (!s || typeof s !== 'object' || depth > 6) return;
    const def = (s as { def?: Record<string, unknown> }).def;
    const shape = (s as { shape?: Record<string, unknown> }).shape;
    if (shape && typeof shape === 'object') for (const key of Object.keys(shape)) names.add(key);
    if (def) {
      for (const inner of ['innerType', 'in', 'out', 'schema']) visit(def[inner], depth + 1);
      if (Array.isArray(def.options)) for (const option of def.options) visit(option, depth + 1);
      visit(def.left, depth + 1);
      visit(def.right, depth + 1);
    }
  };
  visit(schema, 0);
  return [...names];
}

const FIELDS = new Map(CHANNEL_NAMES.map((name) => [name, fieldNames(contract[name].input as z.ZodType)]));

/** An object aimed at a channel's real fields, each value hostile, as JSON text. */
export const hostileObjectFor = (channel: string): fc.Arbitrary<string> => {
  const fields = FIELDS.get(channel as never) ?? [];
  const keys = fc.oneof(
    ...(fields.length > 0 ? [fc.constantFrom(...fields)] : []),
    fc.constantFrom('__proto__', 'constructor', 'prototype'),
    hostileString.filter((s) => s.length < 200),
  );
  return fc
    .uniqueArray(fc.tuple(keys, hostileValueJson), { minLength: 1, maxLength: 5, selector: ([k]) => k })
    .map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`);
};

/** A channel name that is not in the contract. */
export const unknownChannel: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', '', '.', '..', 'nodes', 'nodes.', 'NODES.LIST', 'nodes.list ', 'nodes.list\u0000'),
  hostileString.filter((s) => s.length < 2_000),
  fc.string({ minLength: 1, maxLength: 60 }).filter((s) => !(CHANNEL_NAMES as string[]).includes(s)),
);

export interface HostilePair {
  channel: string;
  /** JSON text of the input. */
  input: string;
}

/** (channel, input) pairs: a real channel with hostile input, or a channel that does not exist. */
export const hostilePair: fc.Arbitrary<HostilePair> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...CHANNEL_NAMES).chain((channel) => fc.oneof(hostileObjectFor(channel), hostileValueJson).map((input) => ({ channel, input }))) },
  { weight: 1, arbitrary: fc.tuple(unknownChannel, hostileValueJson).map(([channel, input]) => ({ channel, input })) },
);

/** `count` values of an arbitrary, reproducible from the seed. */
export function generate<T>(arbitrary: fc.Arbitrary<T>, count: number, seed: number): T[] {
  return fc.sample(arbitrary, { numRuns: count, seed });
}

/** Percent-encodes the UTF-8 bytes of any string (encodeURIComponent throws on lone surrogates). */
export function percentEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
