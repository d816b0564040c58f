// Where the renderer lives. The UI is served from a privileged custom scheme rather than file://
// so it has a real origin ('self' in the CSP means exactly this app, not every file on disk) and
// so every guard can ask one question: "is this URL ours?".

export const APP_SCHEME = 'pinfleet';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** True only for pinfleet://app/… with no credentials and no port: anything else is foreign. */
export function isAppUrl(candidate: string): boolean {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  return (
    url.protocol === `${APP_SCHEME}:` &&
    url.host === APP_HOST &&
    url.username === '' &&
    url.password === '' &&
    url.port === ''
  );
}
