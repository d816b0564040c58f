// Nodes from a .env file of the kind older scripts keep: IPFS_<NAME>_ENDPOINT=<url>. Each such
// line becomes a node named <name> (lower case, _ → -) whose host and RPC port come from the URL.
// Every other line is ignored; a line that looks like an endpoint but cannot be read is reported.
import { formatEndpoint } from '../node-messages.js';
import { readableCandidate, unreadableCandidate, type ImportCandidate } from './import-candidate.js';

export const DEFAULT_RPC_PORT = 5001;

const ASSIGNMENT = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/;
const ENDPOINT_KEY = /^IPFS_(.*)_ENDPOINT$/;
const LOOKS_LIKE_ENDPOINT = /^(?:export\s+)?IPFS_\w*_ENDPOINT\b/;

/** The value of an assignment without its quotes or trailing comment, or why it cannot be read. */
export function unquoteEnvValue(raw: string): { value: string } | { problem: string } {
  const text = raw.trim();
  if (text.startsWith('"')) {
    const match = /^"((?:[^"\\]|\\.)*)"\s*(?:#.*)?$/.exec(text);
    return match ? { value: match[1]!.replace(/\\(["\\])/g, '$1') } : { problem: 'its quoted value never ends' };
  }
  if (text.startsWith("'")) {
    const match = /^'([^']*)'\s*(?:#.*)?$/.exec(text);
    return match ? { value: match[1]! } : { problem: 'its quoted value never ends' };
  }
  // Unquoted: " #" starts a comment, as in shells and dotenv.
  return { value: text.replace(/\s+#.*$/, '').trim() };
}

const MULTIADDR = /^\/(?:ip4|ip6|dns|dns4|dns6)\/([^/]+)\/tcp\/(\d+)(?:\/.*)?$/;
const URL_PARTS = /^(?:([A-Za-z][A-Za-z0-9+.-]*):\/\/)?(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)(?::([^/?#]*))?(?:[/?#].*)?$/;

/** Host and port of an endpoint given as a URL (http://h:5001), a bare h:port, or a multiaddr. */
export function parseEndpoint(value: string): { host: string; port: number } | { problem: string } {
  if (value === '') return { problem: 'has no URL' };
  const multiaddr = MULTIADDR.exec(value);
  if (multiaddr) return { host: multiaddr[1]!, port: Number(multiaddr[2]) };
  const url = URL_PARTS.exec(value);
  const shape = 'expected a URL like http://10.0.0.5:5001';
  if (!url) return { problem: `${JSON.stringify(value)} is not a URL: ${shape}` };
  const [, scheme, rawHost = '', rawPort] = url;
  if (scheme !== undefined && !/^https?$/i.test(scheme)) {
    return { problem: `uses ${scheme}://, but the kubo RPC API is reached over http:// or https://` };
  }
  const host = rawHost.startsWith('[') ? rawHost.slice(1, -1) : rawHost;
  if (host === '') return { problem: `${JSON.stringify(value)} names no host: ${shape}` };
  // An explicit port wins even when it is the scheme's default (http://h:80 means 80, not 5001).
  if (rawPort === undefined || rawPort === '') return { host, port: DEFAULT_RPC_PORT };
  if (!/^\d{1,5}$/.test(rawPort)) return { problem: `${JSON.stringify(rawPort)} is not a port` };
  return { host, port: Number(rawPort) };
}

/** IPFS_STORAGE_EU_1_ENDPOINT → storage-eu-1 */
export function nodeNameFromKey(middle: string): string {
  return middle.toLowerCase().replace(/_/g, '-');
}

function lineToCandidate(line: string, lineNumber: number): ImportCandidate | null {
  const text = line.trim();
  if (text === '' || text.startsWith('#')) return null;
  const assignment = ASSIGNMENT.exec(text);
  const ref = `line ${lineNumber}`;
  if (!assignment) {
    return LOOKS_LIKE_ENDPOINT.test(text)
      ? unreadableCandidate(ref, null, 'expected IPFS_<NAME>_ENDPOINT=<url>')
      : null;
  }
  const [, key = '', rawValue = ''] = assignment;
  const endpointKey = ENDPOINT_KEY.exec(key);
  if (!endpointKey) return null;
  const named = `${ref} (${key})`;
  if (endpointKey[1] === '') return unreadableCandidate(named, null, 'names no node between IPFS_ and _ENDPOINT');
  const name = nodeNameFromKey(endpointKey[1]!);
  const unquoted = unquoteEnvValue(rawValue);
  if ('problem' in unquoted) return unreadableCandidate(named, name, unquoted.problem);
  const endpoint = parseEndpoint(unquoted.value);
  if ('problem' in endpoint) return unreadableCandidate(named, name, endpoint.problem);
  return readableCandidate(named, {
    name,
    host: endpoint.host,
    apiAddress: formatEndpoint(endpoint.host, endpoint.port),
    notes: `Imported from .env (${key})`,
  });
}

export function envToCandidates(text: string): ImportCandidate[] {
  const lines = (text.startsWith('\uFEFF') ? text.slice(1) : text).split(/\r\n|\r|\n/);
  return lines.flatMap((line, i) => lineToCandidate(line, i + 1) ?? []);
}
