// The one contract of the app: every channel once, with its input schema and output type,
// and every event with its payload type. Main validates against it, the preload and the web
// bridge build `window.pinfleet` from it, and a test snapshots the channel list so a new
// channel shows up in review.
import { z } from 'zod';
import * as s from './schemas.js';
import type {
  AppInfo,
  AuditEntry,
  ExportedInventory,
  FleetStatus,
  ImportReport,
  InventoryChange,
  NodeRecord,
} from './types.js';
import type { CredentialStatus, HostKeyCheck } from './connection-types.js';
import type {
  AlertEntry,
  CapacitySeries,
  ContainerInfo,
  FleetHealth,
  HealthSettings,
  NodeHealth,
} from './health-types.js';
import type { ItemPlan, UploadItem, UploadProgress, UploadStarted } from './upload-types.js';
import { channel, returns } from './channel.js';
import { provisioningChannels, provisioningEvents } from './provisioning-channels.js';
import { clusterChannels, clusterEvents } from './cluster-channels.js';

export const contract = {
  'app.info': channel(s.empty, returns<AppInfo>()),
  'status.get': channel(s.empty, returns<FleetStatus>()),
  'nodes.list': channel(s.empty, returns<NodeRecord[]>()),
  'nodes.get': channel(s.byName, returns<NodeRecord>()),
  'nodes.add': channel(s.nodeFields, returns<NodeRecord>()),
  'nodes.update': channel(z.strictObject({ name: s.nodeName, changes: s.nodeUpdateChanges }), returns<NodeRecord>()),
  // secretsPending: why the node's secrets are still in the secret store (it was locked); they are
  // deleted on a later start. null: they are gone.
  'nodes.remove': channel(s.byName, returns<{ removed: string; secretsPending: string | null }>()),
  'inventory.export': channel(z.strictObject({ format: s.inventoryFormat }), returns<ExportedInventory>()),
  'inventory.import': channel(s.importInput, returns<ImportReport>()),
  'audit.list': channel(s.limitInput, returns<AuditEntry[]>()),

  // Connections: host keys are confirmed before they are pinned; secrets never come back.
  'hostKeys.check': channel(s.byName, returns<HostKeyCheck>()),
  'hostKeys.trust': channel(s.trustHostKey, returns<NodeRecord>()),
  'hostKeys.replace': channel(s.replaceHostKey, returns<NodeRecord>()),
  'credentials.get': channel(s.byName, returns<CredentialStatus>()),
  'credentials.set': channel(s.credentialsInput, returns<CredentialStatus>()),
  'credentials.setApi': channel(s.apiCredentialsInput, returns<CredentialStatus>()),

  // Health and capacity.
  'health.fleet': channel(s.empty, returns<FleetHealth>()),
  'health.node': channel(s.byName, returns<NodeHealth>()),
  'health.series': channel(s.seriesInput, returns<CapacitySeries>()),
  'health.pollNow': channel(s.optionalName, returns<{ polled: string[] }>()),
  'health.settings': channel(s.empty, returns<HealthSettings>()),
  'health.updateSettings': channel(s.healthSettingsChanges, returns<HealthSettings>()),
  'alerts.list': channel(s.limitInput, returns<AlertEntry[]>()),
  'logs.follow': channel(s.logsFollow, returns<{ streamId: string; lines: string[] }>()),
  'logs.stop': channel(s.logsStop, returns<{ stopped: boolean }>()),
  'nodes.restartContainer': channel(s.byName, returns<ContainerInfo>()),
  'nodes.runGc': channel(s.byName, returns<{ freedBytes: number; repoSize: number }>()),

  // Uploads: plan first, then queue local paths; progress comes as uploads.progress.
  'uploads.plan': channel(s.uploadPlanInput, returns<ItemPlan[]>()),
  'uploads.start': channel(s.uploadStartInput, returns<UploadStarted>()),
  'uploads.list': channel(s.uploadListInput, returns<UploadItem[]>()),
  'uploads.cancel': channel(s.uploadById, returns<UploadItem>()),
  'uploads.retry': channel(s.uploadById, returns<UploadItem>()),

  // Provisioning and IPFS Cluster declare theirs in their own files.
  ...provisioningChannels,
  ...clusterChannels,
} as const;

export const events = {
  'inventory.changed': returns<{ change: InventoryChange; names: string[] }>(),
  'health.updated': returns<{ names: string[] }>(),
  'alerts.raised': returns<AlertEntry>(),
  'logs.lines': returns<{ streamId: string; name: string; lines: string[]; ended: boolean }>(),
  'uploads.progress': returns<UploadProgress>(),
  ...provisioningEvents,
  ...clusterEvents,
} as const;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export type EventName = keyof typeof events;

/** What a caller passes (defaults optional). */
export type ChannelInput<C extends ChannelName> = z.input<Contract[C]['input']>;
/** What a handler receives after validation (defaults filled in). */
export type ValidatedInput<C extends ChannelName> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends ChannelName> = Contract[C]['output'];
export type EventPayload<E extends EventName> = (typeof events)[E];

export const CHANNEL_NAMES = Object.keys(contract) as ChannelName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];
