// `pinfleet serve` hands the browser its access token in the URL fragment (never sent to a
// server, never in logs); `serve --open` hands it a single-use nonce there instead, because a
// launched command line is visible in `ps`. Pure, so it is tested without a browser.

export interface HashToken {
  /** The token, or null when the fragment carries none. */
  token: string | null;
  /** The fragment without the token ('' when nothing else was in it), to put back in the address bar. */
  rest: string;
}

export interface HashValue {
  value: string | null;
  /** The fragment without that key. */
  rest: string;
}

/** Takes `key=value` out of a fragment of `&`-separated parts. */
export function extractFromHash(hash: string, key: string): HashValue {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!body) return { value: null, rest: '' };
  let found: string | null = null;
  const kept: string[] = [];
  for (const part of body.split('&')) {
    const [name, ...value] = part.split('=');
    if (name === key && found === null) {
      const decoded = safeDecode(value.join('='));
      found = decoded ? decoded : null;
    } else if (part) {
      kept.push(part);
    }
  }
  return { value: found, rest: kept.length > 0 ? `#${kept.join('&')}` : '' };
}

export function extractTokenFromHash(hash: string): HashToken {
  const { value, rest } = extractFromHash(hash, 'token');
  return { token: value, rest };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
