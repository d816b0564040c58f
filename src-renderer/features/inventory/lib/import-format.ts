// Which inventory.import format a picked file is, from its name.
export type ImportFormat = 'json' | 'csv' | 'env';

export function importFormatOf(fileName: string): ImportFormat | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.csv')) return 'csv';
  // `.env`, `fleet.env`, `.env.production`: the shell-style KEY=value files admins keep.
  if (lower.endsWith('.env') || lower.startsWith('.env') || lower.includes('.env.')) return 'env';
  return null;
}
