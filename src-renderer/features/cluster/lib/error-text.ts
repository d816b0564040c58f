// A failed call as the wizard shows it: the code (what the admin can act on) and the message.
import { isPinfleetError } from '../../../../src-preload/contract/errors';

/** The router's code, or null for a transport failure that carries none. */
export function errorCode(error: unknown): string | null {
  return isPinfleetError(error) ? error.code : null;
}
