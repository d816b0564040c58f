// Decides, row by row, what an import does: add a node, update one, or skip the row with a reason
// that names the row and the field. Pure: it sees the current nodes as a list, so the same rules
// apply whatever format the rows came from, and the table tests need no database.
//
// Host-key pins: an import file comes from the admin, so for a NEW node its fingerprint counts as
// if typed into nodes.add, and is kept. An EXISTING node's pin changes only through
// hostKeys.trust/replace, which check what the server presents: a row naming another pin is skipped
// (saying so), and a row that moves the node (host, SSH port, direct RPC URL) clears the pin and
// drops a credential meant for the old URL, exactly as nodes.update does (pin-rules.ts).
import type { NodeChanges, NodeFields } from '../../src-preload/contract/schemas.js';
import type { ImportReport, NodeRecord } from '../../src-preload/contract/types.js';
import type { ImportCandidate } from './formats/index.js';
import { duplicateHostMessage, duplicateNameMessage, quoteName } from './node-messages.js';
import { diffNodeFields, PORTABLE_FIELDS, toNodeFields, type FieldChanges } from './node-rows.js';
import { checkNodeFields } from './node-validation.js';
import { addressChange } from './pin-rules.js';

export interface PlannedUpdate {
  existing: NodeRecord;
  fields: NodeFields;
  changes: FieldChanges;
  /** The row gives a new direct RPC URL: the credential meant for the old one is dropped. */
  dropApiCredential: boolean;
}

export interface ImportPlan {
  add: NodeFields[];
  update: PlannedUpdate[];
  skipped: ImportReport['skipped'];
}

const hostKey = (host: string, port: number) => `${host.toLowerCase()} ${port}`;

/** Only the fields the row sets; the name stays as the inventory spells it. */
function updatedFields(existing: NodeRecord, parsed: NodeFields, input: Record<string, unknown>): NodeFields {
  const changes: NodeChanges = {};
  for (const field of PORTABLE_FIELDS) {
    if (field !== 'name' && field in input) Object.assign(changes, { [field]: parsed[field] });
  }
  return { ...toNodeFields(existing), ...changes };
}

export function planImport(
  candidates: readonly ImportCandidate[],
  existingNodes: readonly NodeRecord[],
  options: { update: boolean },
): ImportPlan {
  const plan: ImportPlan = { add: [], update: [], skipped: [] };
  // The inventory as it will be once the rows so far are applied.
  const byName = new Map(existingNodes.map((n) => [n.name.toLowerCase(), n]));
  const byHost = new Map(existingNodes.map((n) => [hostKey(n.host, n.sshPort), n.name]));
  // Rows earlier in this file, so a file that names a node twice says so instead of updating it twice.
  const seenNames = new Map<string, string>();
  const seenHosts = new Map<string, string>();

  for (const candidate of candidates) {
    const skip = (reason: string, name: string | null = candidate.name) =>
      plan.skipped.push({ name: name ?? candidate.ref, reason: `${candidate.ref}: ${reason}` });
    if (candidate.input === null) {
      skip(candidate.problem ?? 'cannot be read');
      continue;
    }
    const checked = checkNodeFields(candidate.input);
    if (!checked.ok) {
      skip(checked.problem);
      continue;
    }
    const node = checked.value;
    const nameKey = node.name.toLowerCase();
    const endpoint = hostKey(node.host, node.sshPort);
    const earlierName = seenNames.get(nameKey);
    if (earlierName) {
      skip(`the name ${quoteName(node.name)} already appears in this file (${earlierName}).`);
      continue;
    }
    const earlierHost = seenHosts.get(endpoint);
    if (earlierHost) {
      skip(`host ${node.host} port ${node.sshPort} already appears in this file (${earlierHost}).`);
      continue;
    }
    seenNames.set(nameKey, candidate.ref);
    seenHosts.set(endpoint, candidate.ref);

    const existing = byName.get(nameKey);
    if (existing && !options.update) {
      skip(`${duplicateNameMessage(existing)} Import with "update" to replace its fields.`, existing.name);
      continue;
    }
    let fields = existing ? updatedFields(existing, node, candidate.input) : node;
    const moved = existing ? addressChange(existing, fields) : null;
    if (existing && moved) {
      // An empty fingerprint in the row claims nothing; another one would be a pin set by import.
      if (fields.hostKeyFingerprint !== null && fields.hostKeyFingerprint !== existing.hostKeyFingerprint) {
        skip(
          `hostKeyFingerprint ${fields.hostKeyFingerprint} is not the key pinned for ${quoteName(existing.name)} ` +
            `(${existing.hostKeyFingerprint ?? 'none yet'}); an import never changes the pin of a node already in the inventory. ` +
            `Leave the fingerprint out of this row, then confirm the key: pinfleet hostkeys trust ${existing.name} --fingerprint …`,
          existing.name,
        );
        continue;
      }
      fields = { ...fields, hostKeyFingerprint: moved.clearPin ? null : existing.hostKeyFingerprint };
    }
    const holder = byHost.get(hostKey(fields.host, fields.sshPort));
    if (holder !== undefined && holder.toLowerCase() !== nameKey) {
      skip(duplicateHostMessage(fields.host, fields.sshPort, holder));
      continue;
    }
    if (!existing) {
      plan.add.push(fields);
    } else {
      const changes = diffNodeFields(toNodeFields(existing), fields);
      if (Object.keys(changes).length === 0) {
        skip('already in the inventory with the same fields; nothing to update.', existing.name);
        continue;
      }
      plan.update.push({ existing, fields, changes, dropApiCredential: moved?.dropApiCredential ?? false });
      byHost.delete(hostKey(existing.host, existing.sshPort));
    }
    byHost.set(hostKey(fields.host, fields.sshPort), fields.name);
  }
  return plan;
}
