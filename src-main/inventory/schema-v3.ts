// Schema version 3: the node an admin chose for an upload (`--node`, or the plan's
// override) is kept with the queued item, so an item resumed after a restart or retried still goes
// there. The node's id, not its name; a node removed meanwhile lets placement choose again.
export const SCHEMA_V3_SQL = `
ALTER TABLE uploads ADD COLUMN target_node_id INTEGER REFERENCES nodes (id) ON DELETE SET NULL;
`;
