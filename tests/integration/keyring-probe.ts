// One Pinfleet process's view of its secret store, for secrets-keyring.test.ts: opens the store
// exactly as the app does (openSecretStore, no provided store) and sets or gets one secret. The
// value to set comes from PROBE_VALUE. Prints one JSON line: { kind, value } or { error }.
import { openSecretStore } from '../../src-main/secrets/choose-secret-store.js';
import { isPinfleetError } from '../../src-preload/contract/errors.js';

const [dataDir, action, ref] = process.argv.slice(2);
if (!dataDir || !ref || (action !== 'set' && action !== 'get')) {
  process.stderr.write('usage: keyring-probe DATA_DIR set|get REF\n');
  process.exit(2);
}
const store = openSecretStore(dataDir, undefined, process.env);
try {
  if (action === 'set') await store.set(ref, process.env.PROBE_VALUE ?? '');
  const value = await store.get(ref);
  process.stdout.write(`${JSON.stringify({ kind: store.kind, value })}\n`);
} catch (error) {
  const info = isPinfleetError(error) ? error.toInfo() : { code: 'crash', message: String(error) };
  process.stdout.write(`${JSON.stringify({ kind: store.kind, error: info })}\n`);
}
