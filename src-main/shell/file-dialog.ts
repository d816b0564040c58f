// What main's own open dialog shows for each thing the window may ask a file for. The paths it
// returns are the admin's choice, so they become grants (src-main/files/path-grants.ts). Pure.
import type { OpenDialogOptions } from 'electron';
import type { ChooseKind } from '../../src-preload/local-files.js';

export const CHOOSE_KINDS: readonly ChooseKind[] = ['uploads', 'keyFile', 'imageFile'];

export function isChooseKind(value: unknown): value is ChooseKind {
  return typeof value === 'string' && (CHOOSE_KINDS as readonly string[]).includes(value);
}

export function dialogOptionsFor(kind: ChooseKind): OpenDialogOptions {
  switch (kind) {
    case 'uploads':
      return { title: 'Choose files to upload', properties: ['openFile', 'multiSelections', 'showHiddenFiles'] };
    case 'keyFile':
      return { title: 'Choose the SSH private key file', properties: ['openFile', 'showHiddenFiles', 'dontAddToRecent'] };
    case 'imageFile':
      return { title: 'Choose the kubo image tar (docker save)', properties: ['openFile'], filters: [{ name: 'Image archives', extensions: ['tar'] }, { name: 'All files', extensions: ['*'] }] };
  }
}
