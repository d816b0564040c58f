// How numbers read wherever Pinfleet shows them: the CLI, error messages from main, and the UI.
// Kept beside the contract because both sides may import it (the renderer may not import main).
const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** Byte counts as an admin reads them: binary units, three significant figures. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '—';
  const sign = bytes < 0 ? '-' : '';
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  // 1023.6 KiB would print as "1024 KiB": step up a unit instead.
  if (value >= 1023.5 && unit < UNITS.length - 1 && unit > 0) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${sign}${value.toFixed(digits)} ${UNITS[unit]}`;
}

/** A transfer rate (bytes per second), e.g. "1.20 MiB/s". */
export function formatRate(bytesPerSecond: number): string {
  return `${formatBytes(bytesPerSecond)}/s`;
}

/** A ratio as a whole percentage that never rounds a little into nothing or into all. */
export function formatPercent(ratio: number): string {
  if (!Number.isFinite(ratio)) return '—';
  const percent = ratio * 100;
  if (percent <= 0) return '0 %';
  if (percent < 1) return '<1 %';
  if (percent >= 100) return '100 %';
  if (percent > 99) return '>99 %';
  return `${Math.round(percent)} %`;
}
