// Nodes as CSV: a header row of field names, one node per row, tags joined with ';'. Empty cells
// mean "no value": null for region and fingerprint, nothing for notes and tags, and the default
// (or, on update, the current value) for the other fields.
import { PinfleetError } from '../../../src-preload/contract/errors.js';
import type { NodeFields } from '../../../src-preload/contract/schemas.js';
import { PORTABLE_FIELDS, type PortableField } from '../node-rows.js';
import { formatCsv, guardFormula, parseCsv, unguardFormula } from './csv.js';
import { readableCandidate, unreadableCandidate, type ImportCandidate } from './import-candidate.js';

export const TAG_SEPARATOR = ';';

function cellOf(node: NodeFields, field: PortableField): string {
  const value = node[field];
  if (field === 'tags') return node.tags.join(TAG_SEPARATOR);
  return value === null ? '' : String(value);
}

export function nodesToCsv(nodes: readonly NodeFields[]): string {
  const rows = nodes.map((node) => PORTABLE_FIELDS.map((field) => guardFormula(cellOf(node, field))));
  return formatCsv([[...PORTABLE_FIELDS], ...rows]);
}

/** Header cells matched to fields, forgiving case and spaces; unknown columns are ignored. */
function mapHeader(header: readonly string[]): (PortableField | null)[] {
  const byLowerName = new Map(PORTABLE_FIELDS.map((f) => [f.toLowerCase(), f] as const));
  const columns = header.map((cell) => byLowerName.get(cell.trim().toLowerCase()) ?? null);
  const missing = (['name', 'host'] as const).filter((f) => !columns.includes(f));
  if (missing.length > 0) {
    throw new PinfleetError(
      'invalid_input',
      `This CSV has no ${missing.map((f) => `"${f}"`).join(' or ')} column, so it is not a Pinfleet inventory. ` +
        `Its first line must name the columns, as an export does: ${PORTABLE_FIELDS.join(',')}.`,
    );
  }
  const repeated = columns.find((f, i) => f !== null && columns.indexOf(f) !== i);
  if (repeated) throw new PinfleetError('invalid_input', `This CSV names the column "${repeated}" twice.`);
  return columns;
}

type CellValue = { set: true; value: unknown } | { set: false } | { problem: string };

const WHOLE_NUMBER = /^[+-]?\d+$/;

/** One cell to a field value; see the file comment for what an empty cell means. */
export function readCell(field: PortableField, raw: string): CellValue {
  const text = unguardFormula(raw);
  switch (field) {
    case 'tags':
      return { set: true, value: text.split(TAG_SEPARATOR).map((t) => t.trim()).filter((t) => t !== '') };
    case 'sshPort':
    case 'priority':
      if (text.trim() === '') return { set: false };
      return WHOLE_NUMBER.test(text.trim())
        ? { set: true, value: Number(text.trim()) }
        : { problem: `${field}: ${JSON.stringify(text)} is not a whole number` };
    case 'region':
    case 'hostKeyFingerprint':
    case 'apiUrl':
    case 'kuboContainer':
      return { set: true, value: text === '' ? null : text };
    case 'name':
    case 'host':
    case 'notes':
      return { set: true, value: text };
    default:
      return text === '' ? { set: false } : { set: true, value: text };
  }
}

function rowToCandidate(ref: string, columns: readonly (PortableField | null)[], cells: readonly string[]): ImportCandidate {
  const nameAt = columns.indexOf('name');
  const name = cells[nameAt] !== undefined ? unguardFormula(cells[nameAt]) : null;
  if (cells.length !== columns.length) {
    return unreadableCandidate(ref, name, `has ${cells.length} cells but the header names ${columns.length} columns`);
  }
  const input: Record<string, unknown> = {};
  for (const [i, field] of columns.entries()) {
    if (field === null) continue;
    const cell = readCell(field, cells[i]!);
    if ('problem' in cell) return unreadableCandidate(ref, name, cell.problem);
    if (cell.set) input[field] = cell.value;
  }
  return readableCandidate(ref, input);
}

export function csvToCandidates(text: string): ImportCandidate[] {
  const [header, ...records] = parseCsv(text);
  if (!header) throw new PinfleetError('invalid_input', 'The CSV file is empty: there is no header row and no node.');
  const columns = mapHeader(header.cells);
  return records.map((record) => rowToCandidate(`line ${record.line}`, columns, record.cells));
}
