// Where the built parts live relative to the bundled CLI (out/main/cli.js).
import { fileURLToPath } from 'node:url';

export function rendererRoot(): string {
  return process.env.PINFLEET_RENDERER_DIR ?? fileURLToPath(new URL('../renderer/', import.meta.url));
}

/** The project root when run from a checkout (out/main/cli.js → ../../). */
export function appRoot(): string {
  return fileURLToPath(new URL('../../', import.meta.url));
}
