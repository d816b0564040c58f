// What every import format turns its rows into before validation: the row's raw fields, or the
// reason it could not even be read. Validation and duplicate checks are the same for every format.

export interface ImportCandidate {
  /** Where the row is in the file, for messages: "line 4", "node #3". */
  ref: string;
  /** The node name as written in the row, if it has one. */
  name: string | null;
  /** Only the fields the row sets, so an update leaves the others alone. */
  input: Record<string, unknown> | null;
  /** Why the row could not be read; input is null when this is set. */
  problem: string | null;
}

export function readableCandidate(ref: string, input: Record<string, unknown>): ImportCandidate {
  const name = typeof input.name === 'string' ? input.name : null;
  return { ref, name, input, problem: null };
}

export function unreadableCandidate(ref: string, name: string | null, problem: string): ImportCandidate {
  return { ref, name, input: null, problem };
}
