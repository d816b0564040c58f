// "Set up a cluster", the part that moves data ownership: the CIDs each node's kubo already pins
// (recursive pins, read through the node's kubo tunnel) go into the cluster pinset with the chosen
// replication. Nothing is unpinned from any kubo: every existing CID stays pinned where it is
// throughout, and the cluster adds copies until each has its replication min.
import { PinfleetError } from '../../src-preload/contract/errors.js';
import type { ClusterImportReport } from '../../src-preload/contract/cluster-types.js';
import type { NodeRecord } from '../../src-preload/contract/types.js';
import type { NodeConnector } from '../connections/node-connector.js';
import type { ClusterClient } from './cluster-client.js';

/** Pure: which CIDs to pin (each once, in first-seen order), and how many the pinset already has. */
export function planImport(perNode: ReadonlyMap<string, readonly string[]>, pinset: ReadonlySet<string>, only?: ReadonlySet<string>): { toPin: string[]; alreadyInPinset: number } {
  const seen = new Set<string>();
  for (const cids of perNode.values()) for (const cid of cids) if (!only || only.has(cid)) seen.add(cid);
  const toPin = [...seen].filter((cid) => !pinset.has(cid));
  return { toPin, alreadyInPinset: seen.size - toPin.length };
}

/** A node's recursive pins, from kubo's own `pin/ls` (RPC is POST-only). */
export async function kuboRecursivePins(baseUrl: string, node: string): Promise<string[]> {
  const response = await fetch(new URL('/api/v0/pin/ls?type=recursive', baseUrl), { method: 'POST', signal: AbortSignal.timeout(120_000) }).catch((error: unknown) => {
    throw new PinfleetError('unreachable', `${node}: kubo's pin list could not be read (${(error as Error).message})`);
  });
  const body = (await response.json().catch(() => null)) as { Keys?: Record<string, unknown>; Message?: string } | null;
  if (!response.ok || !body) throw new PinfleetError('remote_failed', `${node}: kubo refused pin/ls: ${body?.Message ?? `HTTP ${response.status}`}`);
  return Object.keys(body.Keys ?? {});
}

export async function importPins(
  client: ClusterClient,
  connector: NodeConnector,
  nodes: readonly NodeRecord[],
  options: { replicationMin?: number; replicationMax?: number; cids?: string[]; dryRun: boolean },
): Promise<ClusterImportReport> {
  const perNode = new Map<string, string[]>();
  for (const node of nodes) perNode.set(node.name, await kuboRecursivePins(await connector.kuboApiUrl(node), node.name));
  const pinset = new Set((await client.allocations()).map((p) => p.cid));
  const plan = planImport(perNode, pinset, options.cids ? new Set(options.cids) : undefined);
  const found = [...perNode].map(([node, cids]) => ({ node, pins: cids.length }));
  if (options.dryRun) return { found, toImport: plan.toPin, alreadyInPinset: plan.alreadyInPinset, imported: 0, failed: [] };
  const result = await client.pinMany(plan.toPin, { replicationMin: options.replicationMin, replicationMax: options.replicationMax, name: 'imported by Pinfleet' });
  return { found, toImport: plan.toPin, alreadyInPinset: plan.alreadyInPinset, imported: result.done, failed: result.failed };
}
