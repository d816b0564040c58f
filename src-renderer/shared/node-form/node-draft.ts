// The node form edits a draft of strings (what the admin typed) and turns it into the
// contract's input only when it is valid. Validation reuses the contract's validators so a field
// is judged here exactly as the router will judge it.
import type { NodeInput } from '../../../src-preload/contract/schemas';
import type { NodeRecord } from '../../../src-preload/contract/types';
import {
  fingerprintProblem,
  hasControlCharacters,
  hostPortProblem,
  hostProblem,
  nodeNameProblem,
  portProblem,
  sshUserProblem,
  tagProblem,
} from '../../../src-preload/contract/validators';
import { apiUrlProblem, containerRefProblem } from '../../../src-preload/contract/api-url';
import { formatTags, parseTags } from '../lib/tags';

export interface NodeDraft {
  name: string;
  host: string;
  sshPort: string;
  sshUser: string;
  region: string;
  tags: string;
  priority: string;
  state: 'active' | 'draining';
  notes: string;
  hostKeyFingerprint: string;
  apiAddress: string;
  gatewayAddress: string;
  /** Direct kubo RPC URL; empty: the SSH tunnel to apiAddress. */
  apiUrl: string;
  /** The kubo container's name; empty: found by label or API address. */
  kuboContainer: string;
}

export type DraftField = keyof NodeDraft;
export type DraftErrors = Partial<Record<DraftField, string>>;

/** The field order errors are listed in: the order of the form. */
export const DRAFT_FIELDS: readonly DraftField[] = [
  'name', 'host', 'sshPort', 'sshUser', 'region', 'tags', 'priority', 'state', 'notes',
  'hostKeyFingerprint', 'apiAddress', 'gatewayAddress', 'apiUrl', 'kuboContainer',
];

export function emptyDraft(): NodeDraft {
  return {
    name: '', host: '', sshPort: '22', sshUser: 'root', region: '', tags: '', priority: '0',
    state: 'active', notes: '', hostKeyFingerprint: '', apiAddress: '127.0.0.1:5001',
    gatewayAddress: '127.0.0.1:8080', apiUrl: '', kuboContainer: '',
  };
}

export function draftFromNode(node: NodeRecord): NodeDraft {
  return {
    name: node.name, host: node.host, sshPort: String(node.sshPort), sshUser: node.sshUser,
    region: node.region ?? '', tags: formatTags(node.tags), priority: String(node.priority),
    state: node.state, notes: node.notes, hostKeyFingerprint: node.hostKeyFingerprint ?? '',
    apiAddress: node.apiAddress, gatewayAddress: node.gatewayAddress,
    apiUrl: node.apiUrl ?? '', kuboContainer: node.kuboContainer ?? '',
  };
}

/** "22" → 22; "" or "2x" → NaN, which portProblem reports as "must be a whole number". */
function toInteger(text: string): number {
  return /^-?\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
}

function priorityProblem(value: number): string | null {
  if (!Number.isInteger(value)) return 'must be a whole number';
  if (value < -1000 || value > 1000) return `${value} is out of range: use -1000 to 1000`;
  return null;
}

/** As the contract judges free text; notes may span lines (newlines and tabs), other text may not. */
function textProblem(value: string, max: number, multiline = false): string | null {
  if (value.length > max) return `must be at most ${max} characters`;
  const checked = multiline ? value.replace(/[\n\t]|\r\n/g, ' ') : value;
  return hasControlCharacters(checked) ? 'contains control characters' : null;
}

export function validateDraft(draft: NodeDraft): DraftErrors {
  const tagErrors = parseTags(draft.tags).map(tagProblem).filter((p): p is string => p !== null);
  const problems: Record<DraftField, string | null> = {
    name: nodeNameProblem(draft.name.trim()),
    host: hostProblem(draft.host.trim()),
    sshPort: portProblem(toInteger(draft.sshPort)),
    sshUser: sshUserProblem(draft.sshUser.trim()),
    region: textProblem(draft.region.trim(), 64),
    tags: tagErrors[0] ?? null,
    priority: priorityProblem(toInteger(draft.priority)),
    state: null,
    notes: textProblem(draft.notes, 2000, true),
    hostKeyFingerprint: draft.hostKeyFingerprint.trim() ? fingerprintProblem(draft.hostKeyFingerprint.trim()) : null,
    apiAddress: hostPortProblem(draft.apiAddress.trim()),
    gatewayAddress: hostPortProblem(draft.gatewayAddress.trim()),
    apiUrl: draft.apiUrl.trim() ? apiUrlProblem(draft.apiUrl.trim()) : null,
    kuboContainer: draft.kuboContainer.trim() ? containerRefProblem(draft.kuboContainer.trim()) : null,
  };
  const errors: DraftErrors = {};
  for (const field of DRAFT_FIELDS) {
    const problem = problems[field];
    if (problem) errors[field] = problem;
  }
  return errors;
}

/** Errors in the router's own words (`sshPort: 70000 is not a port: use 1–65535`), in form order. */
export function describeDraftErrors(errors: DraftErrors): string {
  return DRAFT_FIELDS.filter((f) => errors[f]).map((f) => `${f}: ${errors[f]}`).join('; ');
}

/** Only call with a draft that validateDraft found clean. */
export function draftToInput(draft: NodeDraft): NodeInput {
  return {
    name: draft.name.trim(),
    host: draft.host.trim(),
    sshPort: toInteger(draft.sshPort),
    sshUser: draft.sshUser.trim(),
    region: draft.region.trim() || null,
    tags: parseTags(draft.tags),
    priority: toInteger(draft.priority),
    state: draft.state,
    notes: draft.notes,
    hostKeyFingerprint: draft.hostKeyFingerprint.trim() || null,
    apiAddress: draft.apiAddress.trim(),
    gatewayAddress: draft.gatewayAddress.trim(),
    apiUrl: draft.apiUrl.trim() || null,
    kuboContainer: draft.kuboContainer.trim() || null,
  };
}

/**
 * The fields that differ from the stored node, for nodes.update (which refuses an empty change).
 * Never the host-key pin: nodes.update refuses it, pins change through the node page's Trust/Replace.
 */
export function draftChanges(draft: NodeDraft, original: NodeRecord): Partial<NodeInput> {
  const next = draftToInput(draft);
  const before = draftToInput(draftFromNode(original));
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(next) as (keyof NodeInput)[]) {
    if (key === 'hostKeyFingerprint') continue;
    if (JSON.stringify(next[key]) !== JSON.stringify(before[key])) changes[key] = next[key];
  }
  return changes as Partial<NodeInput>;
}

/**
 * What saving an edit will make the admin confirm again, said before they save: main clears the pin
 * when the host, SSH port or direct RPC URL changes, and drops the RPC credential for a new URL.
 */
export function addressChangeNotice(draft: NodeDraft, original: NodeRecord): string | null {
  const host = draft.host.trim().toLowerCase() !== original.host.toLowerCase() || draft.sshPort.trim() !== String(original.sshPort);
  const url = (draft.apiUrl.trim() || null) !== (original.apiUrl ?? null);
  if (!host && !url) return null;
  const where = host ? 'the address changes' : 'the direct RPC URL changes';
  const notes = [
    `Saving clears the pinned host key because ${where}: nothing secret is sent until you confirm the server's key on the node page (Host key → Check, then Trust).`,
  ];
  if (url && draft.apiUrl.trim()) notes.push('The RPC credential is dropped too: set it again for the new URL.');
  return notes.join(' ');
}
