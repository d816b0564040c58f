// Input schemas of the IPFS Cluster channels.
import { z } from 'zod';
import { imageRef } from './provisioning-schemas.js';
import { hostPort, nodeName } from './schemas.js';
import { hasControlCharacters } from './validators.js';
import { stateDirProblem } from './cluster-state-dir.js';

/** A Cluster peer's state folder on the server: handed to the peer's uid, so never a system or shared folder. */
export const clusterStateDir = z.string().superRefine((v, ctx) => {
  const problem = stateDirProblem(v);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** A CID as text: base58btc (Qm…) or multibase (b…, z…, …). Cluster itself judges the rest. */
export const cid = z
  .string()
  .min(8, 'is too short to be a CID')
  .max(200, 'is too long to be a CID')
  .regex(/^[A-Za-z0-9]+$/, 'is not a CID (letters and digits only)');

/** Replication factor as Cluster takes it: -1 means every peer, 0 the cluster's default. */
export const replication = z.number().int().min(-1, 'must be -1 (every peer) or more').max(1000);

const pinName = z
  .string()
  .max(255, 'must be at most 255 characters')
  .refine((v) => !hasControlCharacters(v), 'contains control characters');

export const pinStatusFilter = z.enum(['all', 'pinned', 'pinning', 'queued', 'error', 'unexpectedly_unpinned', 'underReplicated']);

export const clusterPinsInput = z
  .strictObject({ cid: cid.optional(), filter: pinStatusFilter.default('all'), limit: z.number().int().min(1).max(100_000).default(1000) })
  .optional()
  .default({ filter: 'all', limit: 1000 });

export const clusterPinInput = z
  .strictObject({ cid, name: pinName.optional(), replicationMin: replication.optional(), replicationMax: replication.optional() })
  .refine((v) => v.replicationMin === undefined || v.replicationMax === undefined || v.replicationMax === -1 || v.replicationMin <= v.replicationMax, {
    message: 'replicationMin must not exceed replicationMax',
  });

export const clusterSetReplicationInput = z
  .strictObject({ cid, replicationMin: replication, replicationMax: replication })
  .refine((v) => v.replicationMax === -1 || v.replicationMin <= v.replicationMax, { message: 'replicationMin must not exceed replicationMax' });

export const clusterByCid = z.strictObject({ cid });
export const clusterRecoverInput = z.strictObject({ cid: cid.optional() }).optional().default({});

const user = z
  .string()
  .min(1, 'is empty')
  .max(128)
  .refine((v) => !hasControlCharacters(v) && !v.includes(':'), 'must not contain ":" or control characters');

export const clusterSettingsChanges = z.strictObject({
  enabled: z.boolean().optional(),
  node: nodeName.nullable().optional(),
  apiAddresses: z.record(nodeName, hostPort).optional(),
  user: user.nullable().optional(),
  /** Write-only: goes to the secret store; null removes it. */
  password: z.string().min(1).max(1024).nullable().optional(),
  replicationMin: replication.nullable().optional(),
  replicationMax: replication.nullable().optional(),
});

export const clusterImportInput = z
  .strictObject({
    replicationMin: replication.optional(),
    replicationMax: replication.optional(),
    /** Only these nodes' pins (default: every active node). */
    nodes: z.array(nodeName).max(1000).optional(),
    /** Only these CIDs among them (default: all). */
    cids: z.array(cid).max(100_000).optional(),
    /** Report what would be imported, pin nothing. */
    dryRun: z.boolean().default(false),
  })
  .optional()
  .default({ dryRun: false });

/**
 * "Set up a cluster": a Cluster peer beside the kubo of each chosen node, one new cluster, then the
 * CIDs the nodes already pin imported with this replication. Re-running continues where it stopped.
 */
export const clusterSetupInput = z
  .strictObject({
    /** The nodes that get a peer (default: every active node). */
    nodes: z.array(nodeName).min(1, 'name at least one node').max(200).optional(),
    /** Default: 2 (1 on a one-node fleet). */
    replicationMin: replication.optional(),
    /** Default: 3, at most the number of nodes. */
    replicationMax: replication.optional(),
    /** Default: the pinned ipfs-cluster image (PINFLEET_CLUSTER_IMAGE overrides it). */
    image: imageRef.optional(),
    runAs: z.string().regex(/^\d{1,10}:\d{1,10}$/, 'must be uid:gid, e.g. 1000:100').default('1000:100'),
    /** Where a node's peer keeps its state on the server (default: `ipfs-cluster` beside kubo's repo). */
    stateDirs: z.record(nodeName, clusterStateDir).optional(),
    /** Only the plan: which peers, where, and how many CIDs would be imported; nothing changes. */
    dryRun: z.boolean().default(false),
  })
  .refine((v) => v.replicationMin === undefined || v.replicationMax === undefined || v.replicationMax === -1 || v.replicationMin <= v.replicationMax, {
    message: 'replicationMin must not exceed replicationMax',
  })
  .optional()
  .default({ runAs: '1000:100', dryRun: false });
