// Reads `--data-dir <dir>` or `--data-dir=<dir>` from the Electron process's arguments, so the
// window opens the same inventory as `pinfleet --data-dir <dir> …` on the command line.

export function dataDirFlag(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--data-dir') {
      const next = argv[i + 1];
      return next !== undefined && next !== '' && !next.startsWith('--') ? next : undefined;
    }
    if (arg?.startsWith('--data-dir=')) {
      const value = arg.slice('--data-dir='.length);
      return value === '' ? undefined : value;
    }
  }
  return undefined;
}
