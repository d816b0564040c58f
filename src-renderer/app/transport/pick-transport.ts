// Picks the transport once at start-up: the Electron preload's `window.pinfleet` when present,
// else the web bridge of `pinfleet serve`. Nothing else in the renderer knows which it is.
import type { PinfleetApi } from '../../../src-preload/api';
import { adoptTokenFromUrl } from './session-token';
import { createWebBridge } from './web-bridge';

declare global {
  interface Window {
    pinfleet?: PinfleetApi;
  }
}

export function pickTransport(): PinfleetApi {
  if (window.pinfleet) return window.pinfleet;
  return createWebBridge(adoptTokenFromUrl());
}
