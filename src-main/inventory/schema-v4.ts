// Schema version 4: node ids are never reused, and a removed node's secrets are purged.
//
// Without AUTOINCREMENT, SQLite hands out max(id) + 1, so removing the newest node and adding
// another gave the new node the old id. Everything keyed by id outside SQLite (secret-store
// references such as ssh/node-7, the Cluster identity) would then belong to the wrong server.
// SQLite cannot add AUTOINCREMENT to a table in place, so the nodes table is rebuilt with the same
// columns, checks and rows; the migration runs with foreign keys off (see migrate.ts), so dropping
// the old table does not cascade into the rows that reference it.
//
// secret_purges lists secret-store references of removed nodes still to be deleted. The node row
// and its references leave in one transaction; the store (async, possibly locked) is emptied after,
// and a reference stays listed until the store confirms, so a crash or a locked store only delays it.
export const SCHEMA_V4_SQL = `
CREATE TABLE nodes_v4 (
  id                   INTEGER PRIMARY KEY AUTOINCREMENT,
  name                 TEXT    NOT NULL COLLATE NOCASE UNIQUE CHECK (length(name) BETWEEN 1 AND 63),
  host                 TEXT    NOT NULL COLLATE NOCASE CHECK (length(host) > 0),
  ssh_port             INTEGER NOT NULL DEFAULT 22 CHECK (ssh_port BETWEEN 1 AND 65535),
  ssh_user             TEXT    NOT NULL DEFAULT 'root',
  host_key_fingerprint TEXT,
  tags                 TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(tags) AND json_type(tags) = 'array'),
  region               TEXT,
  priority             INTEGER NOT NULL DEFAULT 0 CHECK (priority BETWEEN -1000 AND 1000),
  state                TEXT    NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'draining')),
  notes                TEXT    NOT NULL DEFAULT '',
  api_address          TEXT    NOT NULL DEFAULT '127.0.0.1:5001',
  gateway_address      TEXT    NOT NULL DEFAULT '127.0.0.1:8080',
  created_at           TEXT    NOT NULL,
  updated_at           TEXT    NOT NULL,
  api_url              TEXT CHECK (api_url IS NULL OR api_url LIKE 'http://%' OR api_url LIKE 'https://%'),
  kubo_container       TEXT,
  UNIQUE (host, ssh_port)
) STRICT;

INSERT INTO nodes_v4 (id, name, host, ssh_port, ssh_user, host_key_fingerprint, tags, region, priority, state,
                      notes, api_address, gateway_address, created_at, updated_at, api_url, kubo_container)
  SELECT id, name, host, ssh_port, ssh_user, host_key_fingerprint, tags, region, priority, state,
         notes, api_address, gateway_address, created_at, updated_at, api_url, kubo_container
    FROM nodes;

DROP TABLE nodes;
ALTER TABLE nodes_v4 RENAME TO nodes;

CREATE TABLE secret_purges (
  ref       TEXT PRIMARY KEY,
  -- Names, not ids: the row outlives the node it came from.
  node_name TEXT NOT NULL,
  queued_at TEXT NOT NULL
) STRICT;
`;
