// The import and export formats behind one door: the inventory picks a format by name and never
// sees its details.
import type { NodeFields } from '../../../src-preload/contract/schemas.js';
import type { ExportedInventory } from '../../../src-preload/contract/types.js';
import { envToCandidates } from './env-import.js';
import type { ImportCandidate } from './import-candidate.js';
import { csvToCandidates, nodesToCsv } from './inventory-csv.js';
import { jsonToCandidates, nodesToJson } from './inventory-json.js';

export type { ImportCandidate } from './import-candidate.js';
export type ExportFormat = 'json' | 'csv';
export type ImportFormat = 'json' | 'csv' | 'env';

/** pinfleet-inventory-20250314.json, dated in UTC like every other time stamp. */
export function exportFilename(format: ExportFormat, date: Date): string {
  return `pinfleet-inventory-${date.toISOString().slice(0, 10).replace(/-/g, '')}.${format}`;
}

export function buildExport(format: ExportFormat, nodes: readonly NodeFields[], now: Date): ExportedInventory {
  const content = format === 'json' ? nodesToJson(nodes, now) : nodesToCsv(nodes);
  return { format, filename: exportFilename(format, now), content };
}

export function readImport(format: ImportFormat, content: string): ImportCandidate[] {
  switch (format) {
    case 'json':
      return jsonToCandidates(content);
    case 'csv':
      return csvToCandidates(content);
    case 'env':
      return envToCandidates(content);
  }
}
