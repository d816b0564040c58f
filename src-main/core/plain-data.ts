// What a channel's input may be: plain data, as JSON carries it. Electron's IPC uses structured
// clone, which also carries Maps, Sets, Dates, typed arrays, BigInts and cycles; a schema library
// reads a Map as an object with no keys, so `new Map([['name', 'x']])` would pass as `{}`. Checked
// before validation, without recursion (a hostile input may be nested thousands of levels deep).

export const PLAIN_DATA_LIMITS = { depth: 64, values: 1_000_000 };

/** Why `value` is not plain data, or null when it is. Pure. */
export function plainDataProblem(value: unknown, limits = PLAIN_DATA_LIMITS): string | null {
  const pending: [unknown, number][] = [[value, 0]];
  let seen = 0;
  while (pending.length > 0) {
    const [current, depth] = pending.pop()!;
    if (++seen > limits.values) return `has more than ${limits.values} values`;
    const type = typeof current;
    if (type === 'bigint' || type === 'function' || type === 'symbol') return `holds a ${type}, which is not plain data`;
    if (current === null || type !== 'object') continue;
    if (depth >= limits.depth) return `is nested more than ${limits.depth} levels deep`;
    const prototype = Object.getPrototypeOf(current) as unknown;
    if (Array.isArray(current)) {
      if (prototype !== Array.prototype) return 'holds an array of an unusual kind';
      for (const item of current) pending.push([item, depth + 1]);
      continue;
    }
    if (prototype !== Object.prototype && prototype !== null) {
      const name = (current as { constructor?: { name?: unknown } }).constructor?.name;
      return `holds a ${typeof name === 'string' && name ? name : 'non-plain object'}, not plain data`;
    }
    const record = current as Record<string, unknown>;
    for (const key of Object.keys(record)) pending.push([record[key], depth + 1]);
  }
  return null;
}
