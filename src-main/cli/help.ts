// Help for one command, and "did you mean" for a typo, read from the same usage text `pinfleet --help`
// prints (and docs/cli.md is generated from), so the three can never disagree. Pure.

/** One line of the usage's command list: `  nodes add NAME …` → ['nodes', 'add']. */
function commandWords(line: string): string[] | null {
  const match = /^ {2}([a-z][a-z-]*)(?: ([a-z][a-z-]*))?(?=\s|$)/u.exec(line);
  if (!match) return null;
  return match[2] ? [match[1]!, match[2]] : [match[1]!];
}

/** The usage's "Commands:" block, one entry per command line with its continuation lines. */
export function usageEntries(usage: string): { words: string[]; lines: string[] }[] {
  const lines = usage.split('\n');
  const start = lines.findIndex((l) => l.trim() === 'Commands:');
  const entries: { words: string[]; lines: string[] }[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '' || !line.startsWith(' ')) break;
    const words = commandWords(line);
    if (words) entries.push({ words, lines: [line] });
    else entries.at(-1)?.lines.push(line);
  }
  return entries;
}

export interface CommandTable {
  /** Top-level command → its subcommands (empty when it takes none). */
  commands: Map<string, Set<string>>;
}

/** Which commands and subcommands the usage lists. A command listed once with a second word that is an
 *  argument (`upload PATH…`) has none: subcommands are the lowercase second words of commands listed
 *  more than once, or listed with lowercase second words throughout. */
export function commandTable(usage: string): CommandTable {
  const seen = new Map<string, string[][]>();
  for (const { words } of usageEntries(usage)) seen.set(words[0]!, [...(seen.get(words[0]!) ?? []), words]);
  const commands = new Map<string, Set<string>>();
  for (const [name, all] of seen) {
    const seconds = all.map((w) => w[1]);
    const hasSubcommands = all.length > 1 && seconds.every((s) => s !== undefined);
    commands.set(name, new Set(hasSubcommands ? (seconds as string[]) : []));
  }
  return { commands };
}

/** The help of one command (or one subcommand), its usage lines and an example; null when unknown. */
export function commandHelp(usage: string, command: string, sub: string | undefined, examples: Record<string, string>): string | null {
  const table = commandTable(usage);
  const subs = table.commands.get(command);
  if (!subs) return null;
  const wantsSub = sub !== undefined && subs.size > 0;
  if (wantsSub && !subs.has(sub)) return null;
  const entries = usageEntries(usage).filter((e) => e.words[0] === command && (!wantsSub || e.words[1] === sub));
  const example = examples[wantsSub ? `${command} ${sub}` : command] ?? (wantsSub ? undefined : Object.entries(examples).find(([k]) => k.startsWith(`${command} `))?.[1]);
  // The command line gets its `pinfleet`; continuation lines keep their indent, shifted to match.
  const body = entries.flatMap((e) => e.lines.map((l, i) => (i === 0 ? `  pinfleet ${l.trimStart()}` : `         ${l}`)));
  return [`Usage:`, ...body, ...(example ? ['', 'Example:', `  ${example}`] : []), '', 'Options for every command: --data-dir DIR, --json', ''].join('\n');
}

/** Edit distance counting a swap of two neighbours as one edit (a typo's usual shape), for "did you mean". */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** The closest known names to a typo (a prefix, or two letters off, or a third of a long word). */
export function suggestions(word: string, known: Iterable<string>): string[] {
  const scored = [...known]
    .map((name) => ({ name, score: name.startsWith(word) || word.startsWith(name) ? 0 : distance(word, name) }))
    .filter(({ score }) => score <= Math.max(2, Math.floor(word.length / 3)))
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name));
  return scored.slice(0, 3).map((s) => s.name);
}

/** The one line for a command or subcommand that does not exist, or null when both exist. */
export function unknownCommandProblem(usage: string, command: string, sub: string | undefined): string | null {
  const table = commandTable(usage);
  const subs = table.commands.get(command);
  const hint = (names: string[]) => (names.length > 0 ? ` Did you mean ${names.map((n) => `"${n}"`).join(' or ')}?` : '');
  if (!subs) {
    return `unknown command "${command}".${hint(suggestions(command, table.commands.keys()))} Run \`pinfleet --help\` for the list.`;
  }
  if (subs.size > 0 && sub !== undefined && !subs.has(sub)) {
    return `unknown command "${command} ${sub}".${hint(suggestions(sub, subs).map((s) => `${command} ${s}`))} Run \`pinfleet ${command} --help\` for its commands.`;
  }
  return null;
}

/** Options every command takes. */
const GLOBAL_FLAGS = new Set(['data-dir', 'json', 'help', 'version']);
/** Short spellings the usage shows (`-o FILE`), by their long name. */
const SHORT_FLAGS: Record<string, string> = { o: 'output', h: 'help' };

/** What one command's usage entries allow: its options, and how many arguments (Infinity for `PATH…`). */
export function allowedArguments(usage: string, command: string, sub: string | undefined): { flags: Set<string>; maxPositionals: number } {
  const subs = commandTable(usage).commands.get(command) ?? new Set<string>();
  const wantsSub = sub !== undefined && subs.size > 0;
  const entries = usageEntries(usage).filter((e) => e.words[0] === command && (!wantsSub || e.words[1] === sub));
  const flags = new Set(GLOBAL_FLAGS);
  let maxPositionals = 0;
  for (const entry of entries) {
    for (const line of entry.lines) {
      for (const [, name] of line.matchAll(/--([a-z][a-z-]*)/gu)) flags.add(name!);
      for (const [, short] of line.matchAll(/(?:^|[\s[(])-([a-z])\b/gu)) if (SHORT_FLAGS[short!]) flags.add(SHORT_FLAGS[short!]!);
    }
    // The first line up to its description (two or more spaces), less the command words themselves.
    const synopsis = entry.lines[0]!.trim().split(/ {2,}/u)[0]!.split(/\s+/u).slice(entry.words.length);
    let count = 0;
    for (let i = 0; i < synopsis.length; i += 1) {
      const token = synopsis[i]!;
      if (/^[[(]?-/u.test(token) || token.includes('--')) {
        // A flag's value (`--host HOST`, `[--port 22]`) is not an argument.
        const next = synopsis[i + 1];
        if (next !== undefined && !next.includes('--') && next !== '|' && !/^[[(]/u.test(next)) i += 1;
        continue;
      }
      if (/^\[?[A-Z][A-Z0-9_]*…?\]?$/u.test(token)) count = token.includes('…') ? Infinity : count + 1;
    }
    maxPositionals = Math.max(maxPositionals, count);
  }
  return { flags, maxPositionals };
}

/** The one line for options or arguments the command does not take, or null when all are its own. */
export function argumentsProblem(usage: string, command: string, sub: string | undefined, flags: readonly string[], positionals: readonly string[]): string | null {
  const subs = commandTable(usage).commands.get(command) ?? new Set<string>();
  const name = subs.size > 0 && sub !== undefined ? `${command} ${sub}` : command;
  const allowed = allowedArguments(usage, command, sub);
  const stray = flags.filter((f) => !allowed.flags.has(f));
  if (stray.length > 0) {
    return `${stray.map((f) => `--${f}`).join(', ')} ${stray.length === 1 ? 'is not an option' : 'are not options'} of pinfleet ${name}. Run \`pinfleet ${name} --help\` for its options.`;
  }
  if (positionals.length > allowed.maxPositionals) {
    const extra = positionals.slice(allowed.maxPositionals).map((p) => JSON.stringify(p.slice(0, 40))).join(' ');
    return `pinfleet ${name} takes ${allowed.maxPositionals === 0 ? 'no arguments' : `at most ${allowed.maxPositionals} argument${allowed.maxPositionals === 1 ? '' : 's'}`}, not also ${extra}. Run \`pinfleet ${name} --help\` for its usage.`;
  }
  return null;
}
