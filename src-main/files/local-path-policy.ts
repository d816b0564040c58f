// Which requests name a file on this computer, and the guard a transport puts in front of the
// router so such a file is read only when the admin gave it (picked, dropped, or sent to the web
// console's /upload). The router and its handlers stay transport-agnostic: the CLI is the admin's
// own shell and calls the router directly, so it keeps accepting any path.
import type { Result } from '../../src-preload/contract/errors.js';
import type { Router } from '../core/router.js';

/** One local path inside a request: where it sits (as the admin reads it) and its value. */
export interface LocalPathField {
  field: string;
  path: string;
}

type Getter = (input: Record<string, unknown>) => LocalPathField[];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (field: string, value: unknown): LocalPathField[] => (typeof value === 'string' ? [{ field, path: value }] : []);

/** `login.keyPath` of a provisioning target (any login method: a stray keyPath is checked too). */
const loginKeyPath: Getter = (input) => (isRecord(input.login) ? text('login.keyPath', input.login.keyPath) : []);

/**
 * Every channel whose input names a file main reads from this computer, with where. A channel
 * missing here would let a client name any file: tests/unit/files checks the table against the
 * contract's schemas, so a new path field shows up there.
 */
export const LOCAL_PATH_FIELDS: Readonly<Record<string, Getter>> = {
  'uploads.plan': (input) =>
    Array.isArray(input.items) ? input.items.flatMap((item, i) => (isRecord(item) ? text(`items.${i}.path`, item.path) : [])) : [],
  'uploads.start': (input) => (Array.isArray(input.paths) ? input.paths.flatMap((p, i) => text(`paths.${i}`, p)) : []),
  'credentials.set': (input) => text('keyPath', input.keyPath),
  'provisioning.preflight': loginKeyPath,
  'provisioning.adoptDetect': loginKeyPath,
  'provisioning.adoptRegister': loginKeyPath,
  'provisioning.provision': (input) => [...loginKeyPath(input), ...text('imageFile', input.imageFile)],
  'provisioning.rollbackPlan': loginKeyPath,
  'provisioning.rollback': loginKeyPath,
};

/** The local paths a request names; none for a channel without path fields or a malformed input. Pure. */
export function localPathsIn(channel: string, input: unknown): LocalPathField[] {
  const getter = Object.prototype.hasOwnProperty.call(LOCAL_PATH_FIELDS, channel) ? LOCAL_PATH_FIELDS[channel] : undefined;
  return getter && isRecord(input) ? getter(input) : [];
}

/** Who decides whether a local path was given by the admin; each transport brings its own. */
export interface LocalPathGrants {
  allows(localPath: string): Promise<boolean>;
  /** What the admin should do instead, e.g. "choose the file again with Choose… or drop it on the window". */
  readonly remedy: string;
}

/** Cut short and stripped of control characters: the path is echoed back in a message. */
const shown = (value: string) => JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}…` : value);

/** The router behind a check of every local path a request names; the first refused one is answered. */
export function guardLocalPaths(router: Router, grants: LocalPathGrants): Router {
  return {
    async call(channel, input): Promise<Result<unknown>> {
      for (const { field, path } of localPathsIn(channel, input)) {
        let allowed = false;
        try {
          allowed = await grants.allows(path);
        } catch {
          allowed = false;
        }
        if (!allowed) {
          return {
            ok: false,
            error: { code: 'forbidden_path', message: `${field}: ${shown(path)} is not a file given to this console: ${grants.remedy}` },
          };
        }
      }
      return router.call(channel, input);
    },
  };
}

/** For a transport that has no way to be given a file: every local path is refused. */
export const NO_LOCAL_FILES: LocalPathGrants = {
  allows: async () => false,
  remedy: 'this console cannot be given files here; use the desktop app or the pinfleet CLI',
};
