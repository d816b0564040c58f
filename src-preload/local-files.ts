// The one thing the Electron window needs beyond the contract for files: the local path of a File
// the admin dropped or chose, so main reads it from disk itself (nothing is copied through the
// renderer), and main's own open dialog for a file the wizard needs (a private key, an image tar).
// Exposed as named functions on `window.pinfleetFiles`, never a generic call; the browser console
// has no such object and streams the file to `pinfleet serve` instead.
//
// Main accepts a local path only when it came through here: pathForFile tells main the path that
// webUtils read from a real File (a page cannot make one up: a File built in the page has none),
// and choose returns what main's dialog gave. A path typed or invented by the page is refused.
export const LOCAL_FILES_KEY = 'pinfleetFiles';

/** What main's open dialog is for: it picks the title and whether folders may be chosen. */
export type ChooseKind = 'uploads' | 'keyFile' | 'imageFile';

export interface LocalFilesApi {
  /** The file's absolute path on this machine; '' when it has none (made in the page, not from disk). */
  pathForFile(file: File): string;
  /** Main's open dialog; the chosen paths, none when the admin cancelled. */
  choose(kind: ChooseKind): Promise<string[]>;
}

export interface LocalFilesDeps {
  getPathForFile(file: File): string;
  /** Tells main the admin gave this path (sent in order before any request that names it). */
  given(path: string): void;
  choose(kind: ChooseKind): Promise<string[]>;
}

export function buildLocalFiles(deps: LocalFilesDeps): LocalFilesApi {
  return {
    pathForFile: (file) => {
      const found = deps.getPathForFile(file);
      if (typeof found !== 'string' || found === '') return '';
      deps.given(found);
      return found;
    },
    choose: async (kind) => {
      const chosen = await deps.choose(kind);
      return Array.isArray(chosen) ? chosen.filter((p): p is string => typeof p === 'string') : [];
    },
  };
}
