// Applies the navigation, window, webview and permission decisions to Electron objects. The
// decisions themselves live in navigation-policy.ts and permission-policy.ts; this file only
// connects them, so there is nothing here a test could check that is not checked there.
import { shell, type Session, type WebContents } from 'electron';
import { isAppUrl } from './app-origin.js';
import { withContentSecurityPolicy } from './csp.js';
import { forLog, type ShellLog } from './log.js';
import { decideNavigation, decideRedirect, decideWindowOpen } from './navigation-policy.js';
import { isPermissionGranted } from './permission-policy.js';

function openInBrowser(url: string, log: ShellLog): void {
  shell.openExternal(url).catch((error: unknown) => log.error(`could not open ${forLog(url)} in the browser`, error));
}

/** Applied from app 'web-contents-created', so it covers every webContents, ours or not. */
export function guardWebContents(contents: WebContents, log: ShellLog): void {
  contents.on('will-navigate', (event) => {
    const decision = decideNavigation(event.url);
    if (decision === 'allow') return;
    event.preventDefault();
    if (decision === 'open-externally') openInBrowser(event.url, log);
    else log.warn(`blocked navigation to ${forLog(event.url)}`);
  });

  contents.on('will-redirect', (event) => {
    if (decideRedirect(event.url) === 'allow') return;
    event.preventDefault();
    log.warn(`blocked redirect to ${forLog(event.url)}`);
  });

  // will-navigate only sees the main frame; a subframe (which the CSP should already stop
  // from loading) may not navigate anywhere but the app either.
  contents.on('will-frame-navigate', (event) => {
    if (event.isMainFrame || isAppUrl(event.url)) return;
    event.preventDefault();
    log.warn(`blocked subframe navigation to ${forLog(event.url)}`);
  });

  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('blocked a <webview>');
  });

  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url);
    if (decision.openExternally) openInBrowser(url, log);
    else log.warn(`blocked a new window for ${forLog(url)}`);
    return { action: decision.action };
  });
}

export function guardSession(session: Session, log: ShellLog): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    const granted = isPermissionGranted(permission);
    if (!granted) log.warn(`denied permission request: ${permission}`);
    callback(granted);
  });
  session.setPermissionCheckHandler((_contents, permission) => isPermissionGranted(permission));
  session.setDevicePermissionHandler(() => false);

  // Every response also carries the CSP, so a document reaching the renderer by any route is
  // held to the same policy as the ones served by the pinfleet:// handler.
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) });
  });
}
