// The shell's log: refusals (a blocked navigation, an untrusted IPC sender) are written to
// stderr so an admin or a test run can see that a guard fired and why.

export interface ShellLog {
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

export const consoleShellLog: ShellLog = {
  warn: (message) => console.warn(`[pinfleet shell] ${message}`),
  error: (message, error) => console.error(`[pinfleet shell] ${message}`, error ?? ''),
};

/** Keeps a URL from the renderer short and on one line in the log. */
export function forLog(url: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is replaced
  const oneLine = url.replace(/[\u0000-\u001f\u007f]/gu, '?');
  return oneLine.length > 200 ? `${oneLine.slice(0, 200)}…` : oneLine;
}
