// One raw exchange over TCP: write the bytes, half-close, read until the server closes. Raw so
// R7 can send what no HTTP client would (broken framing, lying Content-Length, bad targets).
import net from 'node:net';

export interface RawAnswer {
  /** HTTP status of the first response line; 0 when the server closed without one. */
  status: number;
  body: string;
  /** No close from the server before the deadline. */
  hung: boolean;
}

/**
 * The client does not half-close at once: Node's server ends a socket whose client has sent FIN
 * (httpAllowHalfOpen is off), before an async handler could answer. Only after `quietMs` without
 * an answer does it say that nothing more is coming (a lying Content-Length), then it waits.
 */
export function rawExchange(port: number, bytes: Buffer, deadlineMs = 20_000, quietMs = 1_000): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1', allowHalfOpen: true });
    const chunks: Buffer[] = [];
    let done = false;
    const finish = (hung: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearTimeout(quiet);
      socket.destroy();
      // 100 Continue comes before the real answer: skip it (a 101 is an answer, an accepted upgrade).
      const text = Buffer.concat(chunks).toString('latin1').replace(/^(HTTP\/1\.[01] 100[^\r]*\r\n(?:[^\r]+\r\n)*\r\n)+/, '');
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      const at = text.indexOf('\r\n\r\n');
      resolve({ status: match ? Number(match[1]) : 0, body: at < 0 ? '' : Buffer.from(text.slice(at + 4), 'latin1').toString('utf8'), hung });
    };
    const timer = setTimeout(() => finish(true), deadlineMs);
    let quiet: NodeJS.Timeout | undefined;
    socket.on('connect', () => {
      socket.write(bytes);
      quiet = setTimeout(() => socket.end(), quietMs);
    });
    socket.on('close', () => clearTimeout(quiet));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', () => finish(false));
    socket.on('close', () => finish(false));
    socket.on('error', () => finish(false));
  });
}

/** Reads the Result of a JSON answer; null when the body is not one. */
export function resultOf(body: string): { ok: boolean; error?: { code?: string } } | null {
  try {
    const parsed = JSON.parse(body) as unknown;
    return typeof parsed === 'object' && parsed !== null && typeof (parsed as { ok?: unknown }).ok === 'boolean'
      ? (parsed as { ok: boolean; error?: { code?: string } })
      : null;
  } catch {
    return null;
  }
}
