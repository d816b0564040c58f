// A browser names a file on this computer only after sending it to `pinfleet serve` (POST /upload):
// tests that need a key file over the web API send it the same way and use the path it answers.
import fs from 'node:fs';
import path from 'node:path';
import type { ServedPinfleet } from './pinfleet-server.js';

export async function sendFile(server: ServedPinfleet, localPath: string): Promise<string> {
  const response = await fetch(`${server.origin}/upload?name=${encodeURIComponent(path.basename(localPath))}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/octet-stream' },
    body: fs.readFileSync(localPath),
  });
  const body = (await response.json()) as { ok: boolean; data?: { path: string }; error?: { message: string } };
  if (!body.ok || !body.data) throw new Error(`sending ${localPath} to the console failed: ${body.error?.message ?? response.status}`);
  return body.data.path;
}
