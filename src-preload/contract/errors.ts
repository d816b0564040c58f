// Errors cross every transport as data: `{ ok: false, error: { code, message } }`.
// `ipcRenderer.invoke` and contextBridge drop custom fields of thrown errors, so nothing
// relies on them; the renderer turns a failed result back into a PinfleetError.

export const ERROR_CODES = [
  'invalid_input',
  'unknown_channel',
  'not_found',
  'duplicate',
  'read_only',
  'unauthorized',
  'forbidden_origin',
  /** A local path the admin did not give this console (pick or drop the file again). */
  'forbidden_path',
  'db_newer_than_app',
  'db_unusable',
  // Connections
  'unreachable',
  'timeout',
  'auth_failed',
  'host_key_unknown',
  'host_key_mismatch',
  'secret_store_locked',
  'remote_failed',
  'kubo_auth_failed',
  // Uploads
  'no_space',
  'cid_mismatch',
  // Destructive actions: data is deleted only when typed for, never under a node that holds pins
  'confirmation_required',
  'holds_data',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorInfo {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: ErrorInfo };

export class PinfleetError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'PinfleetError';
    this.code = code;
  }

  toInfo(): ErrorInfo {
    return { code: this.code, message: this.message };
  }
}

export function isPinfleetError(value: unknown): value is PinfleetError {
  return value instanceof PinfleetError;
}

/** Turns a transport result into the data, or throws a PinfleetError the UI can act on. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.data;
  throw new PinfleetError(result.error.code, result.error.message);
}
