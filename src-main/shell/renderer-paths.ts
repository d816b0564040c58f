// Maps a pinfleet://app/… request to a file of the built renderer (out/renderer), refusing
// anything that could reach outside it. Chromium normalises URLs before they get here, but this
// is the last line between a URL the renderer controls and the file system, so it does not rely
// on that: every segment is decoded on its own and judged, then the result is checked to lie
// inside the root.
import path from 'node:path';
import { APP_ORIGIN, isAppUrl } from './app-origin.js';
import { CONTENT_SECURITY_POLICY } from './csp.js';

export type RendererFile =
  | { ok: true; filePath: string; contentType: string }
  | { ok: false; status: 400 | 403 | 404; reason: string };

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

// Control characters (NUL included), and characters that mean something to a file system
// rather than to a URL: separators, Windows drive letters and alternate data streams.
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const FORBIDDEN_IN_SEGMENT = /[\u0000-\u001f\u007f/\\:]/u;

function segmentProblem(segment: string): string | null {
  if (segment === '') return 'empty path segment (a doubled or leading slash)';
  // Refuses '.', '..' and hidden files alike; the renderer build has no dotfiles.
  if (segment.startsWith('.')) return 'dot segment or hidden file';
  if (FORBIDDEN_IN_SEGMENT.test(segment)) return 'forbidden character in path';
  return null;
}

export function resolveRendererFile(rendererRoot: string, requestUrl: string): RendererFile {
  if (!isAppUrl(requestUrl) || !requestUrl.startsWith(APP_ORIGIN)) {
    return { ok: false, status: 403, reason: 'not a pinfleet://app/ URL' };
  }
  // Work on the raw text after the origin, not on URL.pathname, which has already resolved
  // dot segments and would hide a traversal attempt instead of refusing it.
  const rawPath = requestUrl.slice(APP_ORIGIN.length).split(/[?#]/u, 1)[0] ?? '';
  if (rawPath.includes('\\')) return { ok: false, status: 400, reason: 'backslash in path' };
  if (rawPath !== '' && !rawPath.startsWith('/')) return { ok: false, status: 400, reason: 'malformed path' };

  const relative = rawPath === '' || rawPath === '/' ? 'index.html' : rawPath.slice(1);
  const segments: string[] = [];
  for (const raw of relative.split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { ok: false, status: 400, reason: 'malformed percent-encoding' };
    }
    const problem = segmentProblem(segment);
    if (problem) return { ok: false, status: 400, reason: problem };
    segments.push(segment);
  }

  const root = path.resolve(rendererRoot);
  const filePath = path.resolve(root, ...segments);
  const fromRoot = path.relative(root, filePath);
  if (fromRoot === '' || fromRoot.startsWith('..') || path.isAbsolute(fromRoot)) {
    return { ok: false, status: 403, reason: 'outside the renderer root' };
  }
  return { ok: true, filePath, contentType: contentTypeFor(filePath) };
}

/** Headers of a served renderer file; HTML documents carry the CSP. */
export function rendererResponseHeaders(contentType: string): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Type': contentType,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  };
  if (contentType.startsWith('text/html')) headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY;
  return headers;
}
