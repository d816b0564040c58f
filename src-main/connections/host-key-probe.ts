// Reads the host key a server presents, going no further than the key exchange: no credential is
// ever sent. Uses the same algorithm preferences as the pooled connection, so the key type read
// here is the one real connections will be shown.
// ssh2 is CommonJS: Node's ESM loader sees only some of its named exports, so take them from the default.
import ssh2 from 'ssh2';
import { PinfleetError } from '../../src-preload/contract/errors.js';
import type { NodeRecord } from '../../src-preload/contract/types.js';
import { buildConnectConfig, READY_TIMEOUT_MS } from './connect-config.js';
import { describeHostKey, type PresentedHostKey } from './host-key.js';
import { connectError } from './ssh-errors.js';

const { Client: SshClient } = ssh2;

export type HostKeyProbe = (node: NodeRecord) => Promise<PresentedHostKey>;

export const probeHostKey: HostKeyProbe = (node) =>
  new Promise<PresentedHostKey>((resolve, reject) => {
    const client = new SshClient();
    let presented: PresentedHostKey | null = null;
    const done = () => {
      client.removeAllListeners('ready');
      client.end();
    };
    client.on('error', (error) => {
      done();
      if (presented) resolve(presented);
      else reject(connectError({ name: node.name, host: node.host, port: node.sshPort, user: node.sshUser }, error, READY_TIMEOUT_MS));
    });
    client.on('close', () => {
      if (presented) resolve(presented);
      else reject(new PinfleetError('unreachable', `${node.name} (${node.host}:${node.sshPort}) closed the connection before showing its host key.`));
    });
    client.on('ready', () => {
      // Unreachable: the verifier below always refuses, so authentication never starts.
      done();
      reject(new PinfleetError('internal', 'the host-key probe unexpectedly logged in'));
    });
    client.connect(
      buildConnectConfig(node, null, (key) => {
        presented = describeHostKey(key);
        return false; // Stop here: we only wanted to see the key.
      }),
    );
  });
