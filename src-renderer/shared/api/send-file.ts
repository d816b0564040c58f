// The browser path for a File main must read (`pinfleet serve`): its body is streamed to
// POST /upload, which answers the local path main stored it at. That path, and only such a path,
// is what a browser may then name in a request (uploads.start, a key file, an image tar). In
// Electron main reads the File's own path instead (src-preload/local-files.ts).
import { PinfleetError, type Result } from '../../../src-preload/contract/errors';
import { TOKEN_STORAGE_KEY } from '../../app/transport/session-token';

export async function sendFileToConsole(file: File, name: string): Promise<string> {
  const token = window.sessionStorage.getItem(TOKEN_STORAGE_KEY);
  if (!token) throw new PinfleetError('unauthorized', 'this tab has no access token: open the URL `pinfleet serve` printed');
  const response = await fetch(`/upload?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream' },
    body: file,
  });
  const body = (await response.json().catch(() => null)) as Result<{ path: string }> | null;
  if (!body) throw new PinfleetError('internal', `the server answered HTTP ${response.status} without a result`);
  if (!body.ok) throw new PinfleetError(body.error.code, body.error.message);
  return body.data.path;
}
