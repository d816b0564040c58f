// docs/cli.md, generated from the usage `pinfleet --help` prints and the examples `<command> --help`
// shows, so the reference and the help cannot drift apart. `npm run docs:cli` writes it; a unit test
// fails when the file is not what this makes. Pure.

export function cliReference(usage: string, examples: Record<string, string>): string {
  const body = usage.slice(usage.indexOf('Usage:')).trimEnd();
  const lines = Object.values(examples);
  return [
    '# The command line',
    '',
    '<!-- Generated from `pinfleet --help` by `npm run docs:cli`; edit src-main/cli/usage.ts and examples.ts instead. -->',
    '',
    'Everything the console shows is scriptable (`npx pinfleet …` inside the project, or `pinfleet …` once `npm link`ed),',
    'with `--json` for scripts. Every command prints its own usage and an example with `pinfleet <command> --help`.',
    '',
    '```',
    body,
    '```',
    '',
    '## Examples',
    '',
    '```sh',
    ...lines,
    '```',
    '',
    'All of them, the Electron app and `pinfleet serve` share one data directory: `--data-dir DIR`, else',
    '`$PINFLEET_DATA_DIR`, else the OS app-data folder (`~/.config/Pinfleet` on Linux). Failures print one line and exit',
    'non-zero: 2 for a wrong command line (an unknown command, or an option or argument the command does not take), 1 for',
    'a refused request.',
    '',
  ].join('\n');
}
