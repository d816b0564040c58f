// The pinfleet:// scheme: registered as privileged before the app is ready (a standard, secure
// origin that fetch() works on) and then answered from the files of the built renderer.
// Which file a URL names, and whether it may be served at all, is decided in renderer-paths.ts.
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { APP_SCHEME } from './app-origin.js';
import { forLog, type ShellLog } from './log.js';
import { rendererResponseHeaders, resolveRendererFile } from './renderer-paths.js';

/** Must run before app 'ready'. No bypassCSP, no CORS: the app's own origin needs neither. */
export function registerAppSchemeAsPrivileged(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

function isMissingFile(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR';
}

export function serveRendererFiles(rendererRoot: string, log: ShellLog): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response(null, { status: 405 });
    }
    const file = resolveRendererFile(rendererRoot, request.url);
    if (!file.ok) {
      log.warn(`refused ${forLog(request.url)}: ${file.reason}`);
      return new Response(null, { status: file.status });
    }
    try {
      const body = await readFile(file.filePath);
      return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
        status: 200,
        headers: rendererResponseHeaders(file.contentType),
      });
    } catch (error) {
      if (isMissingFile(error)) return new Response(null, { status: 404 });
      log.error(`could not read ${file.filePath}`, error);
      return new Response(null, { status: 500 });
    }
  });
}
