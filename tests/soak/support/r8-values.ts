// R8's hostile values: the classic injection payloads plus values fast-check generates from a seed
// (shell metacharacters, quotes, newlines, NUL, bidi overrides, "..", option-looking leading
// dashes, very long strings, stray Unicode around them). Every value carries a command that would
// create a canary file of its own if any shell ever ran it, so one look on the server tells.
import fc from 'fast-check';

export const CANARY_PREFIX = 'pinfleet-r8-canary-';

export interface HostileValue {
  /** Unique per value: the canary file it would create is /tmp/<CANARY_PREFIX><id> (or ./ of a relative shell). */
  id: string;
  value: string;
  /** Where it came from: "classic:<name>" or "generated". */
  origin: string;
}

const canary = (id: string) => `touch /tmp/${CANARY_PREFIX}${id}`;
/** A relative canary too: a shell started in the SSH user's home or the data folder would create it there. */
const relativeCanary = (id: string) => `touch ${CANARY_PREFIX}${id}`;

/** The payloads every run sends, each written around a canary command. */
const CLASSIC: [string, (cmd: string, id: string) => string][] = [
  ['command substitution', (cmd) => `$(${cmd})`],
  ['backticks', (cmd) => `\`${cmd}\``],
  ['semicolon', (cmd) => `x;${cmd}`],
  ['pipe', (cmd) => `x|${cmd}`],
  ['and', (cmd) => `x&&${cmd}`],
  ['background', (cmd) => `x&${cmd}&`],
  ['newline', (cmd) => `x\n${cmd}`],
  ['carriage return', (cmd) => `x\r${cmd}`],
  ['NUL', (cmd) => `x\u0000;${cmd}`],
  ['single quote break-out', (cmd) => `x'; ${cmd}; echo '`],
  ['double quote break-out', (cmd) => `x"; ${cmd}; echo "`],
  ['bidi override', (cmd) => `x\u202E;${cmd}`],
  ['isolate', (cmd) => `\u2066$(${cmd})\u2069`],
  ['dot-dot', (cmd) => `../../../tmp/$(${cmd})`],
  ['plain dot-dot', () => '../../../../etc'],
  ['leading --help', () => '--help'],
  ['ProxyCommand option', (cmd) => `-oProxyCommand=${cmd}`],
  ['option with space', (cmd) => `-o ProxyCommand=${cmd}`],
  ['redirect', (_cmd, id) => `x>/tmp/${CANARY_PREFIX}${id}`],
  ['variable', (cmd) => `\${IFS}${cmd.replaceAll(' ', '${IFS}')}`],
  ['glob and brace', (cmd) => `{x,$(${cmd})}*`],
  ['very long', (cmd) => `${'a'.repeat(70_000)}$(${cmd})`],
  ['relative command', (_cmd, id) => `$(${relativeCanary(id)})`],
  ['space separated', (cmd) => `a b $(${cmd})`],
  // Valid as a tag, but Cluster would split it: must be refused before a run that adds a Cluster peer.
  ['tag with a colon', () => 'rack:a'],
];

const pieces = fc.constantFrom('$(', ')', '`', ';', '|', '&', '&&', '\n', '\r', '\t', '\u0000', '\u202E', '\u2067', "'", '"', '\\', '..', '/', '--', '-o', ' ', '*', '?', '~', '#', '<', '>', '{', '}', '=', ',', ':', '%', '\u00e9', '\u{1F600}');

/** Noise around the payload: pieces above mixed with arbitrary Unicode. */
const noise = fc.array(fc.oneof(pieces, fc.string({ unit: 'grapheme', maxLength: 4 })), { maxLength: 6 }).map((parts) => parts.join(''));

const generated = fc.record({
  before: noise,
  wrap: fc.constantFrom<(cmd: string) => string>((c) => `$(${c})`, (c) => `\`${c}\``, (c) => `;${c};`, (c) => `|${c}`, (c) => `\n${c}\n`, (c) => `'${c}'`, (c) => `"$(${c})"`),
  after: noise,
  long: fc.boolean(),
});

/** The classic payloads, then `count` generated ones; ids are unique within a run. */
export function hostileValues(seed: number, count: number): HostileValue[] {
  const values: HostileValue[] = CLASSIC.map(([name, make], i) => {
    const id = `c${i}`;
    return { id, value: make(canary(id), id), origin: `classic:${name}` };
  });
  const samples = count > 0 ? fc.sample(generated, { seed, numRuns: count }) : [];
  samples.forEach((sample, i) => {
    const id = `g${i}`;
    const core = `${sample.before}${sample.wrap(canary(id))}${sample.after}`;
    values.push({ id, value: sample.long ? `${core}${'x'.repeat(5000)}` : core, origin: 'generated' });
  });
  return values;
}
