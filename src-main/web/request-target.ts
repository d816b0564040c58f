// Reads the request target (`/api/nodes.list?x=1`) of whatever a client sent, never throwing:
// a throw from a listener of the HTTP server ends the whole process, so every parse that can
// fail on hostile bytes (percent-decoding, URL parsing) happens here and answers null instead.

export interface RequestTarget {
  pathname: string;
  query: URLSearchParams;
}

/** Splits a raw request target; URLSearchParams decodes leniently and never throws. */
export function splitRequestTarget(target: string | undefined): RequestTarget {
  const raw = target ?? '/';
  const at = raw.indexOf('?');
  return {
    pathname: at < 0 ? raw : raw.slice(0, at),
    query: new URLSearchParams(at < 0 ? '' : raw.slice(at + 1)),
  };
}

/** Percent-decodes one path segment, or null when it is not valid UTF-8 percent-encoding. */
export function decodePathSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
