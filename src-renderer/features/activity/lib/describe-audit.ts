// Main stores each audit entry's detail as JSON (the fields of an added node, the from/to of a
// change, the counts of an import). This says it in one line an admin can scan. Pure.

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function formatValue(value: Json | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map(formatValue).join(', ');
  if (isObject(value)) return JSON.stringify(value);
  return String(value);
}

function describeChanges(changes: { [key: string]: Json }): string {
  return Object.entries(changes)
    .map(([field, change]) =>
      isObject(change) && 'from' in change && 'to' in change
        ? `${field}: ${formatValue(change.from)} → ${formatValue(change.to)}`
        : `${field}: ${formatValue(change)}`,
    )
    .join('; ');
}

function describeNode(fields: { [key: string]: Json }): string {
  const address = typeof fields.host === 'string' ? `${fields.host}:${formatValue(fields.sshPort)}` : null;
  const region = typeof fields.region === 'string' && fields.region ? fields.region : null;
  return [address, region].filter(Boolean).join(' · ');
}

export function describeAuditDetail(action: string, detail: string): string {
  let parsed: Json;
  try {
    parsed = JSON.parse(detail) as Json;
  } catch {
    return detail;
  }
  if (!isObject(parsed)) return formatValue(parsed);
  const via = typeof parsed.import === 'string' ? ` (from a ${parsed.import} import)` : '';

  if (isObject(parsed.changes)) return `${describeChanges(parsed.changes)}${via}`;
  if (action === 'inventory.import') {
    return `${formatValue(parsed.format)} file: ${formatValue(parsed.added)} added, ${formatValue(parsed.updated)} updated, ${formatValue(parsed.skipped)} skipped`;
  }
  if (action === 'node.add' || action === 'node.remove') {
    const node = describeNode(parsed);
    if (node) return `${node}${via}`;
  }
  const pairs = Object.entries(parsed).map(([key, value]) => `${key}: ${formatValue(value)}`);
  return pairs.length > 0 ? pairs.join('; ') : '—';
}
