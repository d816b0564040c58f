// A SecretStore in memory, for unit tests of logic that keeps secrets (never for the real stores,
// which have their own tests on real files).
import type { SecretStore } from '../../src-main/secrets/secret-store.js';

export class MemorySecrets implements SecretStore {
  readonly kind = 'memory';
  readonly values = new Map<string, string>();
  get(ref: string) { return Promise.resolve(this.values.get(ref) ?? null); }
  set(ref: string, value: string) { this.values.set(ref, value); return Promise.resolve(); }
  delete(ref: string) { this.values.delete(ref); return Promise.resolve(); }
}
