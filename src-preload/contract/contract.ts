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

/** A phantom marker that carries an output type without a runtime value. */
const returns = <T>() => undefined as unknown as T;

const channel = <I extends z.ZodType, O>(input: I, output: O) => ({ input, output });

export const contract = {
  'app.info': channel(s.empty, returns<AppInfo>()),
  'status.get': channel(s.empty, returns<FleetStatus>()),
  'nodes.list': channel(s.empty, returns<NodeRecord[]>()),
  'nodes.get': channel(s.byName, returns<NodeRecord>()),
  'nodes.add': channel(s.nodeFields, returns<NodeRecord>()),
  'nodes.update': channel(z.strictObject({ name: s.nodeName, changes: s.nodeChanges }), returns<NodeRecord>()),
  'nodes.remove': channel(s.byName, returns<{ removed: string }>()),
  'inventory.export': channel(z.strictObject({ format: s.inventoryFormat }), returns<ExportedInventory>()),
  'inventory.import': channel(s.importInput, returns<ImportReport>()),
  'audit.list': channel(
    z.strictObject({ limit: z.number().int().min(1).max(1000).default(200) }).optional().default({ limit: 200 }),
    returns<AuditEntry[]>(),
  ),
} as const;

export const events = {
  'inventory.changed': returns<{ change: InventoryChange; names: string[] }>(),
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
