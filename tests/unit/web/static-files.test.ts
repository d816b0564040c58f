import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeFor, resolveStaticPath } from '../../../src-main/web/static-files.js';

const root = '/srv/renderer';

describe('resolveStaticPath', () => {
  it('maps / to index.html and files under the root', () => {
    expect(resolveStaticPath(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveStaticPath(root, '/assets/index-abc.js?v=1')).toBe(path.join(root, 'assets/index-abc.js'));
  });
  it.each(['/../etc/passwd', '/%2e%2e/etc/passwd', '/assets/../../etc/passwd', '/..%2f..%2fetc', '/a%00b', '/a\\..\\b', '/%E0%A4%A'])(
    'refuses %s',
    (url) => expect(resolveStaticPath(root, url)).toBeNull(),
  );
  it('knows content types', () => {
    expect(contentTypeFor('a.js')).toContain('javascript');
    expect(contentTypeFor('a.CSS')).toContain('text/css');
    expect(contentTypeFor('a.bin')).toBe('application/octet-stream');
  });
});
