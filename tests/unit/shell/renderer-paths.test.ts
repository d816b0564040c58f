import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../src-main/shell/csp.js';
import {
  contentTypeFor,
  rendererResponseHeaders,
  resolveRendererFile,
} from '../../../src-main/shell/renderer-paths.js';

const ROOT = path.resolve('/opt/pinfleet/out/renderer');

describe('resolveRendererFile: served', () => {
  it.each([
    ['pinfleet://app', 'index.html'],
    ['pinfleet://app/', 'index.html'],
    ['pinfleet://app/?x=1', 'index.html'],
    ['pinfleet://app/index.html', 'index.html'],
    ['pinfleet://app/index.html#/nodes/alpha', 'index.html'],
    ['pinfleet://app/assets/index-Bx1.js', 'assets/index-Bx1.js'],
    ['pinfleet://app/assets/index-Bx1.js?v=3', 'assets/index-Bx1.js'],
    ['pinfleet://app/assets/my%20font.woff2', 'assets/my font.woff2'],
  ])('%s → %s', (url, relative) => {
    const result = resolveRendererFile(ROOT, url);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.filePath).toBe(path.join(ROOT, relative));
  });
});

describe('resolveRendererFile: refused', () => {
  const DOT = /dot segment/u;
  const CHAR = /forbidden character/u;
  const EMPTY = /empty path segment/u;
  const FOREIGN = /not a pinfleet:\/\/app\/ URL/u;
  it.each([
    ['dot-dot', 'pinfleet://app/../../etc/passwd', DOT],
    ['dot-dot in the middle', 'pinfleet://app/assets/../../secret', DOT],
    ['a single dot', 'pinfleet://app/./index.html', DOT],
    ['encoded dot-dot', 'pinfleet://app/%2e%2e/%2e%2e/etc/passwd', DOT],
    ['mixed-case encoded dot-dot', 'pinfleet://app/%2E%2e/secret', DOT],
    ['half-encoded dot-dot', 'pinfleet://app/.%2e/secret', DOT],
    ['hidden file', 'pinfleet://app/.env', DOT],
    ['encoded slash', 'pinfleet://app/assets%2f..%2f..%2fsecret', CHAR],
    ['encoded slash before an absolute path', 'pinfleet://app/%2fetc%2fpasswd', CHAR],
    ['encoded backslash', 'pinfleet://app/assets%5c..%5c..%5csecret', CHAR],
    ['Windows drive letter', 'pinfleet://app/C:%5cWindows%5cwin.ini', CHAR],
    ['encoded drive letter', 'pinfleet://app/C%3a/Windows/win.ini', CHAR],
    ['NUL byte', 'pinfleet://app/index.html%00.png', CHAR],
    ['control character', 'pinfleet://app/a%0a.js', CHAR],
    ['absolute path (doubled slash)', 'pinfleet://app//etc/passwd', EMPTY],
    ['empty segment', 'pinfleet://app/assets//x.js', EMPTY],
    ['trailing slash (directory)', 'pinfleet://app/assets/', EMPTY],
    ['backslash', 'pinfleet://app/..\\..\\windows\\win.ini', /backslash/u],
    ['malformed percent-encoding', 'pinfleet://app/%E0%A4%A', /malformed percent-encoding/u],
    ['another host', 'pinfleet://other/index.html', FOREIGN],
    ['credentials in the URL', 'pinfleet://x@app/index.html', FOREIGN],
    ['another scheme', 'file:///opt/pinfleet/out/renderer/index.html', FOREIGN],
    ['not a URL', '../../etc/passwd', FOREIGN],
  ])('%s: %s', (_label, url, reason) => {
    const result = resolveRendererFile(ROOT, url);
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(reason) });
  });

  it('never returns a path outside the root, whatever the URL', () => {
    const nasty = ['..', '%2e%2e', '.%2E', '%2E.', '%252e%252e', '%c0%ae%c0%ae', '..%00', '...', '%2e'];
    for (const a of nasty) {
      for (const b of nasty) {
        const result = resolveRendererFile(ROOT, `pinfleet://app/${a}/${b}/etc/passwd`);
        if (result.ok) expect(path.relative(ROOT, result.filePath).startsWith('..')).toBe(false);
      }
    }
  });
});

describe('contentTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['a.js', 'text/javascript; charset=utf-8'],
    ['a.mjs', 'text/javascript; charset=utf-8'],
    ['a.css', 'text/css; charset=utf-8'],
    ['a.json', 'application/json; charset=utf-8'],
    ['logo.svg', 'image/svg+xml'],
    ['logo.PNG', 'image/png'],
    ['f.woff2', 'font/woff2'],
    ['a.wasm', 'application/wasm'],
    ['no-extension', 'application/octet-stream'],
    ['a.exe', 'application/octet-stream'],
  ])('%s → %s', (file, type) => {
    expect(contentTypeFor(file)).toBe(type);
  });

  it('is attached to a resolved file', () => {
    const result = resolveRendererFile(ROOT, 'pinfleet://app/assets/app.css');
    expect(result.ok && result.contentType).toBe('text/css; charset=utf-8');
  });
});

describe('rendererResponseHeaders', () => {
  it('puts the CSP on HTML documents', () => {
    const headers = rendererResponseHeaders('text/html; charset=utf-8');
    expect(headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
  });

  it('forbids sniffing on every file', () => {
    const headers = rendererResponseHeaders('text/javascript; charset=utf-8');
    expect(headers['Content-Type']).toBe('text/javascript; charset=utf-8');
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(headers['Content-Security-Policy']).toBeUndefined();
  });
});
