// How chosen or dropped files reach main, decided once from what the window offers. In Electron
// the preload's pathForFile gives each File's local path and main streams it from disk itself
// (folders included); under `pinfleet serve` the browser streams each File's body to POST /upload;
// an Electron window whose preload lacks pathForFile cannot do either. Pure.
import type { LocalFilesApi } from '../../../../src-preload/local-files';

declare global {
  interface Window {
    pinfleetFiles?: LocalFilesApi;
  }
}

export type FileRoute = { kind: 'paths'; pathFor(file: File): string } | { kind: 'stream' } | { kind: 'none' };

export function pickFileRoute(win: { pinfleet?: unknown; pinfleetFiles?: LocalFilesApi }): FileRoute {
  if (win.pinfleetFiles && typeof win.pinfleetFiles.pathForFile === 'function') {
    const files = win.pinfleetFiles;
    return { kind: 'paths', pathFor: (file) => files.pathForFile(file) };
  }
  return win.pinfleet === undefined ? { kind: 'stream' } : { kind: 'none' };
}

/** The local paths of the chosen files; a File without one (not from this disk) is refused by name. */
export function localPathsOf<T extends { name: string; file: File }>(
  chosen: readonly T[],
  pathFor: (file: File) => string,
): { paths: string[]; refused: { item: T; reason: string }[] } {
  const paths: string[] = [];
  const refused: { item: T; reason: string }[] = [];
  for (const item of chosen) {
    const found = pathFor(item.file);
    if (found) paths.push(found);
    else refused.push({ item, reason: `${item.name} has no location on this computer (it was not dropped from a folder): save it to disk first` });
  }
  return { paths, refused };
}

/** What uploads.plan is asked: in Electron each item's local path too, so main measures folders from disk. */
export function planItemsOf(chosen: readonly { name: string; file: File }[], route: FileRoute): { name: string; size: number; path?: string }[] {
  return chosen.map((c) => {
    const path = route.kind === 'paths' ? route.pathFor(c.file) : '';
    return path ? { name: c.name, size: c.file.size, path } : { name: c.name, size: c.file.size };
  });
}
