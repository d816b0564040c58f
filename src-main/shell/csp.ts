// The renderer's Content-Security-Policy. Everything is denied by default and only the app's own
// origin may provide scripts, styles, fonts, images and connections: no inline script or style,
// no eval, no plugins, no framing, no forms posting anywhere. A renderer that needs more must
// change this table, in review, with a test.

export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  // data: for small inline images (icons, chart exports) produced by the app itself.
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
  'object-src': ["'none'"],
};

export const CONTENT_SECURITY_POLICY = Object.entries(CSP_DIRECTIVES)
  .map(([directive, sources]) => `${directive} ${sources.join(' ')}`)
  .join('; ');

export type ResponseHeaders = Record<string, string[] | string>;

/**
 * Returns the headers with our policy as the only Content-Security-Policy. Any policy already
 * present (in whatever letter case) is dropped so a response can never arrive with a weaker one.
 */
export function withContentSecurityPolicy(headers: ResponseHeaders | undefined): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'content-security-policy') continue;
    result[name] = Array.isArray(value) ? value : [value];
  }
  result['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return result;
}
