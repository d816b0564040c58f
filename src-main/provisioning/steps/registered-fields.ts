// The inventory record of a server the wizards register (adopt, add-a-server): its login target,
// its placement (tags, region, priority) and where its kubo answers. Validated here, before
// anything is written or any connection made.
import { nodeFields } from '../../../src-preload/contract/schemas.js';

interface RegisteredServer {
  name: string;
  host: string;
  port: number;
  user: string;
  fingerprint: string;
  tags: string[];
  region: string | null;
  priority: number;
}

interface KuboAt {
  apiAddress: string;
  gatewayAddress: string;
  /** The container kubo runs in, stored so health never has to guess which one it is. */
  kuboContainer: string | null;
}

export function registeredFields(server: RegisteredServer, kubo: KuboAt) {
  return nodeFields.parse({
    name: server.name,
    host: server.host,
    sshPort: server.port,
    sshUser: server.user,
    hostKeyFingerprint: server.fingerprint,
    tags: server.tags,
    region: server.region,
    priority: server.priority,
    ...kubo,
  });
}
