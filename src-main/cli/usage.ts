// The usage `pinfleet --help` prints. One text serves the general help, each command's --help, the
// check that refuses options a command does not take (help.ts) and docs/cli.md (reference.ts).
import { APP_VERSION } from '../app/version.js';
import { CLUSTER_USAGE } from './commands/cluster.js';

export const USAGE = `Pinfleet ${APP_VERSION} — a console for a fleet of IPFS storage servers

Usage: pinfleet [--data-dir DIR] [--json] <command>

Commands:
  start                          open the console (Electron, or the browser when Electron is unavailable)
  serve [--port N] [--open|--no-open]  serve the console to a browser on 127.0.0.1 and print its URL
        [--host H --allow-remote --tls-cert F --tls-key F]
  status [--offline]             fleet summary (--offline: the last known figures, without polling)
  nodes list                     list the inventory
  nodes show NAME                one node in detail
  nodes add NAME --host HOST [--port 22] [--user root] [--host-key SHA256:…]
            [--tags a,b] [--region R] [--priority N] [--notes TEXT]
            [--api 127.0.0.1:5001] [--gateway 127.0.0.1:8080] [--api-url https://HOST:5001] [--kubo-container NAME]
  nodes update NAME [--name NEW] [--host HOST] [--port N] [--user U] [--tags a,b] [--region R|none]
            [--priority N] [--state active|draining] [--notes TEXT] [--api H:P] [--gateway H:P]
            [--api-url URL|none] [--kubo-container NAME|none]
                                 change fields; a new host, port or --api-url clears the host-key pin
                                 (confirm again with hostkeys trust), a new --api-url drops the RPC credential
  nodes remove NAME              remove from the inventory and its secrets from the secret store (the server is not touched)
  inventory export [--format json|csv] [-o FILE]
  inventory import FILE [--format json|csv|env] [--update]
  hostkeys check NAME            the host key the server presents, and whether it matches the pin
  hostkeys trust NAME --fingerprint SHA256:…           pin it (after comparing it on the server)
  hostkeys replace NAME --previous SHA256:… --next SHA256:…   change a pin (audited)
  credentials set NAME --key-file PATH [--passphrase-stdin] | --agent | --password-stdin
                       | --key-stdin [--passphrase-stdin: first stdin line, then the key]
  credentials set NAME --api-token-stdin | --api-basic-stdin (user:password) | --api-none
                                 kubo's API.Authorizations credential, for the direct URL or the tunnel
  credentials show NAME          how Pinfleet logs in (never prints a secret)
  upload PATH… [--replicas N] [--node NAME]   send files or folders to the fleet (progress on stderr)
  preflight HOST --host-key SHA256:… (--key-file F | --agent) --data-path P [--user U] [--port 22] [--listen ADDR]
                                 check a server before provisioning (OS, disk, memory, Docker, ports, clock)
  adopt HOST --name N --host-key SHA256:… (--key-file F | --agent) [--user U] [--tags a,b] [--region R] [--priority N]
                                 find the kubo already running on a server and register it
${CLUSTER_USAGE}
  provision HOST --host-key SHA256:… (--key-file F | --agent) --name N --data-path P
            [--reserve SIZE] [--storage-max SIZE] [--tags a,b] [--region R] [--priority N]
            [--cluster-peer [--cluster-bootstrap MULTIADDR,…] [--cluster-image REF] [--cluster-run-as UID:GID]]
            [--image REF] [--send-image [--image-file TAR]] [--private-network [--fleet-networks CIDR,…]] [--rpc-token] [--gateway-fetch]
            [--swarm-address IP] [--run-as UID:GID] [--container NAME] [--install-docker] [--from-step S] [--rollback [--run-id N] [--confirm NODE] [--dry-run]]
                                 turn a server into a kubo node (resumable; --rollback shows, then undoes the
                                 unfinished run or the one named; deleting data needs --confirm NODE)
  decommission NAME [--remove-container] [--remove-data] [--replicas N] [--dry-run] [--confirm NAME]
               [--realloc-timeout SECONDS]
                                 show the plan, move a node's pins to the others (in Cluster mode:
                                 remove its peer and let Cluster re-allocate), then stop and remove it;
                                 deleting data needs the name typed (or --confirm NAME)

Options:
  --data-dir DIR   where the inventory lives (default: $PINFLEET_DATA_DIR, else the OS app-data folder)
  --json           machine-readable output
`;
