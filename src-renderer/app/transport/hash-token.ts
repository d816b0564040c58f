// `pinfleet serve` hands the browser its access token in the URL fragment (never sent to a
// server, never in logs). Pure, so it is tested without a browser.

export interface HashToken {
  /** The token, or null when the fragment carries none. */
  token: string | null;
  /** The fragment without the token ('' when nothing else was in it), to put back in the address bar. */
  rest: string;
}

export function extractTokenFromHash(hash: string): HashToken {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!body) return { token: null, rest: '' };
  let token: string | null = null;
  const kept: string[] = [];
  for (const part of body.split('&')) {
    const [key, ...value] = part.split('=');
    if (key === 'token' && token === null) {
      const decoded = safeDecode(value.join('='));
      token = decoded ? decoded : null;
    } else if (part) {
      kept.push(part);
    }
  }
  return { token, rest: kept.length > 0 ? `#${kept.join('&')}` : '' };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
