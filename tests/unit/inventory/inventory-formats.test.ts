// Nodes to and from the export formats, without a database.
import { describe, expect, it } from 'vitest';
import { buildExport, exportFilename, readImport } from '../../../src-main/inventory/formats/index.js';
import { csvToCandidates, nodesToCsv, readCell } from '../../../src-main/inventory/formats/inventory-csv.js';
import { jsonToCandidates } from '../../../src-main/inventory/formats/inventory-json.js';
import { expectCode, sampleNode } from './inventory-test-kit.js';

const tricky = sampleNode({
  name: 'edge-1',
  host: 'fd00::5',
  tags: ['eu', 'ssd', 'rack:4'],
  region: '=cmd|" /C calc"!A0',
  notes: 'rack 4, "top" shelf — ünïcödé 🚀',
  priority: -5,
  hostKeyFingerprint: `SHA256:${'A'.repeat(43)}`,
});
const plain = sampleNode({ name: 'plain', host: '10.0.0.6' });

describe('export files', () => {
  it('names files by UTC date', () => {
    expect(exportFilename('json', new Date('2025-03-14T23:59:59-05:00'))).toBe('pinfleet-inventory-20250315.json');
    expect(buildExport('csv', [], new Date('2025-01-02T00:00:00Z')).filename).toBe('pinfleet-inventory-20250102.csv');
  });

  it('writes JSON with the format marker, version and export time', () => {
    const exported = buildExport('json', [plain], new Date('2025-03-14T10:00:00Z'));
    expect(JSON.parse(exported.content)).toEqual({
      format: 'pinfleet-inventory',
      version: 1,
      exportedAt: '2025-03-14T10:00:00.000Z',
      nodes: [plain],
    });
  });

  it('writes CSV with a header of field names, tags joined with ; and formulas guarded', () => {
    const lines = nodesToCsv([tricky]).split('\r\n');
    expect(lines[0]).toBe('name,host,sshPort,sshUser,hostKeyFingerprint,tags,region,priority,state,notes,apiAddress,gatewayAddress,apiUrl,kuboContainer');
    expect(lines[1]).toContain(',eu;ssd;rack:4,');
    expect(lines[1]).toContain(`,"'=cmd|"" /C calc""!A0",-5,`);
  });
});

describe('round trips', () => {
  it.each(['json', 'csv'] as const)('reads back every field through %s', (format) => {
    const content = buildExport(format, [tricky, plain], new Date()).content;
    expect(readImport(format, content).map((c) => c.input)).toEqual([tricky, plain]);
  });
});

describe('reading CSV', () => {
  it.each([
    ['tags', ' a ; b;;c ', { set: true, value: ['a', 'b', 'c'] }],
    ['tags', '', { set: true, value: [] }],
    ['sshPort', '2222', { set: true, value: 2222 }],
    ['sshPort', '', { set: false }],
    ['sshPort', '22a', { problem: 'sshPort: "22a" is not a whole number' }],
    ['priority', "'-5", { set: true, value: -5 }],
    ['region', '', { set: true, value: null }],
    ['notes', '', { set: true, value: '' }],
    ['sshUser', '', { set: false }],
    ['host', '', { set: true, value: '' }],
  ] as const)('reads %s cell %j', (field, raw, value) => {
    expect(readCell(field, raw)).toEqual(value);
  });

  it('accepts columns in any order and case, with a BOM, ignoring unknown columns', () => {
    const [candidate] = csvToCandidates('\uFEFFHost,Colour,NAME,Tags\r\n10.0.0.5,red,n1,a;b\r\n');
    expect(candidate).toEqual({ ref: 'line 2', name: 'n1', input: { host: '10.0.0.5', name: 'n1', tags: ['a', 'b'] }, problem: null });
  });

  it('marks a row with the wrong number of cells', () => {
    const [candidate] = csvToCandidates('name,host\nn1,10.0.0.5,extra\n');
    expect(candidate).toMatchObject({ ref: 'line 2', name: 'n1', input: null, problem: 'has 3 cells but the header names 2 columns' });
  });

  it.each([
    ['an empty file', '', 'The CSV file is empty'],
    ['no host column', 'name,address\nn1,10.0.0.5\n', 'This CSV has no "host" column, so it is not a Pinfleet inventory.'],
    ['a repeated column', 'name,host,name\n', 'This CSV names the column "name" twice.'],
  ])('refuses %s', (_label, text, message) => {
    expect(expectCode(() => csvToCandidates(text), 'invalid_input').message).toContain(message);
  });
});

describe('reading JSON', () => {
  it('drops the database-only fields of a copied node record', () => {
    const content = JSON.stringify({ format: 'pinfleet-inventory', version: 1, nodes: [{ ...plain, id: 3, createdAt: 'x', updatedAt: 'y' }] });
    expect(jsonToCandidates(content)[0]!.input).toEqual(plain);
  });

  it('marks entries that are not objects', () => {
    const content = JSON.stringify({ format: 'pinfleet-inventory', version: 1, nodes: ['node1'] });
    expect(jsonToCandidates(content)).toEqual([{ ref: 'node #1', name: null, input: null, problem: 'is not an object with node fields' }]);
  });

  it.each([
    ['text that is not JSON', 'name,host\n', /^The file is not valid JSON \(/],
    ['JSON of another kind', '{"nodes": []}', /^This JSON is not a Pinfleet inventory export: it lacks "format": "pinfleet-inventory"/],
    ['a JSON array', '[]', /not a Pinfleet inventory export/],
    ['a newer format version', '{"format":"pinfleet-inventory","version":2,"nodes":[]}', /newer Pinfleet \(format version 2, this app reads 1\)/],
    ['a missing version', '{"format":"pinfleet-inventory","nodes":[]}', /no valid "version"/],
    ['a missing node list', '{"format":"pinfleet-inventory","version":1}', /no "nodes" list/],
  ])('refuses %s', (_label, text, message) => {
    expect(expectCode(() => jsonToCandidates(text), 'invalid_input').message).toMatch(message);
  });
});
