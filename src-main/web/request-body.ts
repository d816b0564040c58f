// Reads a JSON request body with a size limit, so a runaway client cannot exhaust memory.
import type { IncomingMessage } from 'node:http';
import { PinfleetError } from '../../src-preload/contract/errors.js';

export const MAX_JSON_BODY_BYTES = 20 * 1024 * 1024;

export async function readJsonBody(request: IncomingMessage, limit = MAX_JSON_BODY_BYTES): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      throw new PinfleetError('invalid_input', `request body is larger than ${Math.round(limit / 1024 / 1024)} MiB`);
    }
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new PinfleetError('invalid_input', 'request body is not valid JSON');
  }
}
