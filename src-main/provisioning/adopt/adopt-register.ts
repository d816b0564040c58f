// Registers an adopted server: checks once more that its kubo answers at the detected address over
// the confirmed host key, then adds the node (audited by the inventory), stores how to log in
// (audited by the credential service) and audits the adoption itself. Each step goes to
// provisioning_runs/steps; a failure after the node was added removes it again.
import type Database from 'better-sqlite3';
import type { ValidatedInput } from '../../../src-preload/contract/contract.js';
import { registeredFields } from '../steps/registered-fields.js';
import type { NodeRecord } from '../../../src-preload/contract/types.js';
import type { CredentialsInput } from '../../connections/credential-service.js';
import type { TargetSession } from '../../connections/target-connector.js';
import { kuboCall } from '../../health/kubo-rpc.js';
import { writeAudit } from '../../inventory/audit-log.js';
import type { Actor, Inventory } from '../../inventory/index.js';
import { RunLog } from '../steps/run-log.js';

export type AdoptRegisterInput = ValidatedInput<'provisioning.adoptRegister'>;

export interface AdoptRegisterDeps {
  inventory: Inventory;
  db: Database.Database;
  actor: Actor;
  setCredentials(input: CredentialsInput): Promise<unknown>;
  openSession(input: AdoptRegisterInput): TargetSession;
}

export async function registerAdopted(deps: AdoptRegisterDeps, input: AdoptRegisterInput): Promise<NodeRecord> {
  const { inventory, db, actor } = deps;
  // Refused before anything is written or any connection made.
  const fields = registeredFields(input, { apiAddress: input.apiAddress, gatewayAddress: input.gatewayAddress, kuboContainer: input.kuboContainer });
  const run = RunLog.start(db, input.host, 'adopt');
  let added: NodeRecord | null = null;
  try {
    const peerId = await run.step(
      'verify',
      async () => {
        const session = deps.openSession(input);
        try {
          const url = await session.connector.kuboApiUrl({ ...session.node, apiAddress: input.apiAddress });
          const id = (await kuboCall(url, 'id')) as { ID?: string };
          return id.ID ?? 'unknown';
        } finally {
          await session.close();
        }
      },
      (peer) => `kubo ${peer} answered at ${input.apiAddress} through SSH (host key ${input.fingerprint})`,
    );
    added = await run.step('register', () => inventory.addNode(fields, actor), (node) => `added ${node.name} to the inventory`);
    const node = added;
    await run.step(
      'credentials',
      () => deps.setCredentials(input.login.method === 'agent' ? { name: node.name, method: 'agent' } : { name: node.name, method: 'keyFile', keyPath: input.login.keyPath, passphrase: input.login.passphrase }),
      () => `login by ${input.login.method}`,
    );
    writeAudit(db, { at: new Date().toISOString(), actor, action: 'provisioning.adopt', target: node.name, detail: { host: input.host, runId: run.runId, peerId, apiAddress: input.apiAddress, gatewayAddress: input.gatewayAddress } });
    run.finish('done');
    return inventory.getNode(node.name);
  } catch (error) {
    if (added) inventory.removeNode(added.name, actor);
    run.finish('failed', error instanceof Error ? error.message : String(error));
    throw error;
  }
}
