// Quoting for the remote login shell. SSH hands the server one command string, which the user's
// shell parses; every argument is therefore wrapped in single quotes, inside which a POSIX shell
// interprets nothing at all. The one character that cannot appear inside is the single quote
// itself, which is closed, escaped and reopened: ' → '\''.

/** One argument as a single-quoted POSIX shell word; empty strings stay an (empty) argument. */
export function quoteShellArg(value: string): string {
  if (value.includes('\0')) {
    // No shell can pass a NUL in an argument; refusing beats silently truncating the command.
    throw new Error('an argument contains a NUL character, which no remote command can receive');
  }
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** argv joined into the one command line SSH sends; the program name is quoted like the rest. */
export function buildRemoteCommand(argv: readonly string[]): string {
  if (argv.length === 0) throw new Error('nothing to run: the command is empty');
  return argv.map(quoteShellArg).join(' ');
}
