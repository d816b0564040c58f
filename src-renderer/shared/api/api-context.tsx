// The API object is handed in once at start-up (Electron preload or web bridge) and reached
// through context, so no component knows which transport it is on and a test can hand in a fake.
import { createContext, useContext, type ReactNode } from 'react';
import type { PinfleetApi } from '../../../src-preload/api';

const ApiContext = createContext<PinfleetApi | null>(null);

export function ApiProvider({ api, children }: { api: PinfleetApi; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): PinfleetApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi() needs an <ApiProvider> above it');
  return api;
}
