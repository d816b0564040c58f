// Pure validators shared by the contract schemas (main), the inventory (main) and the
// renderer's forms, so a field is judged the same way wherever it is typed.

// C0 and C1 control characters and DEL. Bidi overrides (U+202A–U+202E, U+2066–U+2069) are
// refused too: they make a name display differently from what it is.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_OR_BIDI = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

export function hasControlCharacters(value: string): boolean {
  return CONTROL_OR_BIDI.test(value);
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function isIpv4(value: string): boolean {
  return IPV4.test(value);
}

export function isIpv6(value: string): boolean {
  // Accept a bracketed or bare literal; let the URL parser do the heavy lifting.
  const bare = value.startsWith('[') && value.endsWith(']') ? value.slice(1, -1) : value;
  if (!bare.includes(':') || !/^[0-9a-fA-F:.]+$/.test(bare)) return false;
  try {
    return new URL(`http://[${bare}]/`).hostname.length > 2;
  } catch {
    return false;
  }
}

// RFC 1123 host name: labels of 1–63 letters, digits and hyphens, not starting or ending with
// a hyphen, 253 characters in all. A trailing dot (fully qualified) is allowed.
const LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

export function isRfc1123Hostname(value: string): boolean {
  const name = value.endsWith('.') ? value.slice(0, -1) : value;
  if (name.length === 0 || name.length > 253) return false;
  const labels = name.split('.');
  // An all-numeric dotted name that is not a valid IPv4 address (999.1.1.1) is a typo, not a host.
  if (labels.every((l) => /^\d+$/.test(l))) return false;
  return labels.every((l) => LABEL.test(l));
}

/** Returns null when the host is usable, or a sentence saying what is wrong. */
export function hostProblem(value: string): string | null {
  if (value.trim() !== value) return 'must not start or end with spaces';
  if (value.length === 0) return 'is empty';
  if (hasControlCharacters(value)) return 'contains control characters';
  if (isIpv4(value) || isIpv6(value) || isRfc1123Hostname(value)) return null;
  return `"${value}" is not a host name (RFC 1123) or an IP address`;
}

export function portProblem(value: unknown): string | null {
  if (typeof value !== 'number' || !Number.isInteger(value)) return 'must be a whole number';
  if (value < 1 || value > 65535) return `${value} is not a port: use 1–65535`;
  return null;
}

// Node names appear in the CLI, URLs and file names: keep them short and typeable.
const NODE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

export function nodeNameProblem(value: string): string | null {
  if (value.length === 0) return 'is empty';
  if (hasControlCharacters(value)) return 'contains control characters';
  if (!NODE_NAME.test(value)) {
    return `"${value}" is not a node name: use 1–63 letters, digits, dots, dashes or underscores, starting with a letter or digit`;
  }
  return null;
}

const SSH_USER = /^[a-z_][a-z0-9_.-]{0,31}\$?$/i;

export function sshUserProblem(value: string): string | null {
  if (value.length === 0) return 'is empty';
  if (!SSH_USER.test(value)) return `"${value}" is not a valid user name`;
  return null;
}

// The string `ssh-keygen -lf` prints: SHA256: followed by 43 unpadded base64 characters.
const FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}$/;

export function fingerprintProblem(value: string): string | null {
  return FINGERPRINT.test(value) ? null : 'must look like SHA256:… (43 base64 characters), as ssh-keygen -lf prints';
}

const TAG = /^[A-Za-z0-9][A-Za-z0-9:._/-]{0,62}$/;

export function tagProblem(value: string): string | null {
  return TAG.test(value)
    ? null
    : `"${value}" is not a tag: use letters, digits and : . _ / - (at most 63)`;
}

/** host:port where the kubo RPC or gateway listens, as seen from the server itself. */
export function hostPortProblem(value: string): string | null {
  const match = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(value);
  if (!match) return `"${value}" must be host:port`;
  return hostProblem(match[1]!) ?? portProblem(Number(match[2]));
}
