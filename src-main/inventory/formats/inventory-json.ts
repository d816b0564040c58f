// Nodes as JSON: { format: "pinfleet-inventory", version: 1, exportedAt, nodes: [...] }. The
// format marker lets an import refuse a file that merely happens to be JSON.
import { PinfleetError } from '../../../src-preload/contract/errors.js';
import type { NodeFields } from '../../../src-preload/contract/schemas.js';
import { readableCandidate, unreadableCandidate, type ImportCandidate } from './import-candidate.js';

export const JSON_FORMAT_MARKER = 'pinfleet-inventory';
export const JSON_FORMAT_VERSION = 1;

export interface InventoryJson {
  format: typeof JSON_FORMAT_MARKER;
  version: typeof JSON_FORMAT_VERSION;
  exportedAt: string;
  nodes: NodeFields[];
}

export function nodesToJson(nodes: readonly NodeFields[], exportedAt: Date): string {
  const document: InventoryJson = {
    format: JSON_FORMAT_MARKER,
    version: JSON_FORMAT_VERSION,
    exportedAt: exportedAt.toISOString(),
    nodes: [...nodes],
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function refuse(message: string): never {
  throw new PinfleetError('invalid_input', message);
}

// A node copied from the API (a NodeRecord) carries these; they are the database's, not the node's.
const RECORD_ONLY_KEYS = new Set(['id', 'createdAt', 'updatedAt']);

function nodeToCandidate(value: unknown, index: number): ImportCandidate {
  const ref = `node #${index + 1}`;
  if (!isObject(value)) return unreadableCandidate(ref, null, 'is not an object with node fields');
  const input = Object.fromEntries(Object.entries(value).filter(([key]) => !RECORD_ONLY_KEYS.has(key)));
  return readableCandidate(ref, input);
}

export function jsonToCandidates(text: string): ImportCandidate[] {
  let document: unknown;
  try {
    document = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (error) {
    refuse(`The file is not valid JSON (${error instanceof Error ? error.message : String(error)}).`);
  }
  if (!isObject(document) || document.format !== JSON_FORMAT_MARKER) {
    refuse(
      `This JSON is not a Pinfleet inventory export: it lacks "format": "${JSON_FORMAT_MARKER}". ` +
        'Import a file that Pinfleet exported as JSON, or a CSV with a header row.',
    );
  }
  const version = document.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    refuse('This Pinfleet inventory export has no valid "version" number.');
  }
  if (version > JSON_FORMAT_VERSION) {
    refuse(
      `This inventory was exported by a newer Pinfleet (format version ${version}, this app reads ` +
        `${JSON_FORMAT_VERSION}). Update Pinfleet to import it.`,
    );
  }
  if (!Array.isArray(document.nodes)) refuse('This Pinfleet inventory export has no "nodes" list.');
  return document.nodes.map(nodeToCandidate);
}
