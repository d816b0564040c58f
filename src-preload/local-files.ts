// The one thing the Electron window needs beyond the contract for drops: the local path of a File
// the admin dropped or chose, so main reads it from disk itself (nothing is copied through the
// renderer). Exposed as its own named function, `window.pinfleetFiles.pathForFile(file)`, never a
// generic call; the browser console has no such object and streams the file instead.
export const LOCAL_FILES_KEY = 'pinfleetFiles';

export interface LocalFilesApi {
  /** The file's absolute path on this machine; '' when it has none (made in the page, not from disk). */
  pathForFile(file: File): string;
}

export function buildLocalFiles(getPathForFile: (file: File) => string): LocalFilesApi {
  return {
    pathForFile: (file) => {
      const found = getPathForFile(file);
      return typeof found === 'string' ? found : '';
    },
  };
}
