import { describe, expect, it } from 'vitest';
import {
  BACKGROUND_DARK,
  BACKGROUND_LIGHT,
  createWindowOptions,
} from '../../../src-main/shell/window-options.js';

const options = createWindowOptions({ preloadPath: '/app/out/preload/index.cjs', prefersDark: false });
const prefs = options.webPreferences ?? {};

describe('createWindowOptions', () => {
  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['experimentalFeatures', false],
    ['webviewTag', false],
    ['spellcheck', false],
    ['navigateOnDragDrop', false],
  ] as const)('sets %s to %s explicitly', (flag, expected) => {
    expect(prefs).toHaveProperty(flag, expected);
  });

  it('enables no extra Blink features and sets no additional arguments', () => {
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
  });

  it('uses the built preload it was given', () => {
    expect(prefs.preload).toBe('/app/out/preload/index.cjs');
  });

  it('stays hidden until ready-to-show, titled Pinfleet, with a usable size', () => {
    expect(options.show).toBe(false);
    expect(options.title).toBe('Pinfleet');
    expect(options.width).toBeGreaterThanOrEqual(options.minWidth ?? 0);
    expect(options.height).toBeGreaterThanOrEqual(options.minHeight ?? 0);
    expect(options.minWidth).toBeGreaterThanOrEqual(800);
    expect(options.minHeight).toBeGreaterThanOrEqual(500);
  });

  it('paints the background of the current theme', () => {
    expect(options.backgroundColor).toBe(BACKGROUND_LIGHT);
    expect(createWindowOptions({ preloadPath: '/p.cjs', prefersDark: true }).backgroundColor).toBe(BACKGROUND_DARK);
  });
});
