// Schema version 2: a node may be reached at a direct kubo RPC URL instead of the SSH
// tunnel, may name its kubo container, and may have an API.Authorizations credential. Like SSH
// credentials, that credential is only a reference into the secret store here, never the value.
// Appended after v1 shipped.
export const SCHEMA_V2_SQL = `
ALTER TABLE nodes ADD COLUMN api_url TEXT CHECK (api_url IS NULL OR api_url LIKE 'http://%' OR api_url LIKE 'https://%');
ALTER TABLE nodes ADD COLUMN kubo_container TEXT;

CREATE TABLE node_api_credentials (
  node_id    INTEGER PRIMARY KEY REFERENCES nodes (id) ON DELETE CASCADE,
  scheme     TEXT    NOT NULL CHECK (scheme IN ('bearer', 'basic')),
  secret_ref TEXT    NOT NULL,
  updated_at TEXT    NOT NULL
) STRICT;
`;
