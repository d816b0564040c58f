// What a wizard step did that can be undone, recorded with the step (provisioning_steps.log) so a
// rollback works from a later process too: the CLI's --rollback, or the console after a restart.
export type UndoAction =
  | { kind: 'remove-container'; name: string }
  /** repoOf: the node whose kubo repo this is (set by the engine), so a rollback can ask it for pins first. */
  | { kind: 'remove-path'; path: string; repoOf?: string }
  | { kind: 'remove-image'; ref: string }
  | { kind: 'remove-node'; name: string }
  /** Out of the cluster's peerset (DELETE /peers/{id} on an existing peer): its pins are re-allocated. */
  | { kind: 'remove-cluster-peer'; peerId: string };

export function describeUndo(action: UndoAction): string {
  switch (action.kind) {
    case 'remove-container':
      return `remove container ${action.name}`;
    case 'remove-path':
      return `remove ${action.path}`;
    case 'remove-image':
      return `remove image ${action.ref}`;
    case 'remove-node':
      return `remove ${action.name} from the inventory`;
    case 'remove-cluster-peer':
      return `remove Cluster peer ${action.peerId} from the cluster`;
  }
}

/** What provisioning_steps.log holds for a wizard step: its summary, its lines and its undo actions. */
export interface StepRecord {
  summary: string;
  lines: string[];
  undo: UndoAction[];
  /** The node the run was for (its name); absent in rows written before it was recorded. */
  node?: string;
}

export function encodeStepRecord(record: StepRecord): string {
  return JSON.stringify(record);
}

/** Older rows (the adopt wizard's) hold plain text: read as a summary with nothing to undo. */
export function decodeStepRecord(text: string): StepRecord {
  try {
    const parsed = JSON.parse(text) as Partial<StepRecord>;
    if (parsed && typeof parsed === 'object' && Array.isArray(parsed.undo)) {
      return {
        summary: String(parsed.summary ?? ''),
        lines: Array.isArray(parsed.lines) ? parsed.lines.map(String) : [],
        undo: parsed.undo,
        ...(typeof parsed.node === 'string' ? { node: parsed.node } : {}),
      };
    }
  } catch {
    // Plain text.
  }
  return { summary: text, lines: [], undo: [] };
}
