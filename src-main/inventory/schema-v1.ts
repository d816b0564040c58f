// Schema 1: every table the inventory will hold, designed up front so later features (capacity
// graphs, the upload queue, provisioning wizards) add code, not migrations. Tables are STRICT so
// a wrong type is refused by SQLite itself; timestamps are ISO-8601 UTC text, which sorts in time order.

export const SCHEMA_V1_SQL = `
CREATE TABLE nodes (
  id                   INTEGER PRIMARY KEY,
  name                 TEXT    NOT NULL COLLATE NOCASE UNIQUE CHECK (length(name) BETWEEN 1 AND 63),
  -- Host names are case-insensitive, so node1.example and NODE1.example are the same server.
  host                 TEXT    NOT NULL COLLATE NOCASE CHECK (length(host) > 0),
  ssh_port             INTEGER NOT NULL DEFAULT 22 CHECK (ssh_port BETWEEN 1 AND 65535),
  ssh_user             TEXT    NOT NULL DEFAULT 'root',
  host_key_fingerprint TEXT,
  -- A JSON array of strings: tags are few per node and always read with it.
  tags                 TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(tags) AND json_type(tags) = 'array'),
  region               TEXT,
  priority             INTEGER NOT NULL DEFAULT 0 CHECK (priority BETWEEN -1000 AND 1000),
  state                TEXT    NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'draining')),
  notes                TEXT    NOT NULL DEFAULT '',
  api_address          TEXT    NOT NULL DEFAULT '127.0.0.1:5001',
  gateway_address      TEXT    NOT NULL DEFAULT '127.0.0.1:8080',
  created_at           TEXT    NOT NULL,
  updated_at           TEXT    NOT NULL,
  UNIQUE (host, ssh_port)
) STRICT;

-- Measured capacity, downsampled as it ages: raw samples for a day, 5-minute and hourly means after.
-- Measurements are nullable because an unreachable node yields a sample with only state and error.
CREATE TABLE capacity_samples (
  id          INTEGER PRIMARY KEY,
  node_id     INTEGER NOT NULL REFERENCES nodes (id) ON DELETE CASCADE,
  at          TEXT    NOT NULL,
  resolution  TEXT    NOT NULL DEFAULT 'raw' CHECK (resolution IN ('raw', '5m', '1h')),
  repo_size   INTEGER CHECK (repo_size >= 0),
  storage_max INTEGER CHECK (storage_max >= 0),
  disk_free   INTEGER CHECK (disk_free >= 0),
  disk_total  INTEGER CHECK (disk_total >= 0),
  peers       INTEGER CHECK (peers >= 0),
  -- Derived at sampling time with the settings then in force, so graphs need no recomputation.
  usable_free INTEGER CHECK (usable_free >= 0),
  latency_ms  INTEGER CHECK (latency_ms >= 0),
  -- Health as measured (online, full, unreachable, …); the admin's active/draining lives on nodes.
  state       TEXT    NOT NULL,
  error       TEXT
) STRICT;
CREATE INDEX capacity_samples_by_node_time ON capacity_samples (node_id, resolution, at);

-- The fleet's capacity summed per rolled bucket (5-minute and hourly tiers), written by the same
-- downsampling job, so a 30-day fleet graph reads ~720 rows instead of every node's.
CREATE TABLE fleet_capacity_samples (
  resolution  TEXT    NOT NULL CHECK (resolution IN ('5m', '1h')),
  at          TEXT    NOT NULL,
  used        INTEGER NOT NULL CHECK (used >= 0),
  usable_free INTEGER NOT NULL CHECK (usable_free >= 0),
  nodes       INTEGER NOT NULL CHECK (nodes >= 0),
  PRIMARY KEY (resolution, at)
) STRICT, WITHOUT ROWID;

-- The upload queue lives here so it survives a restart; source_path lets a queued file be resumed.
CREATE TABLE uploads (
  id              INTEGER PRIMARY KEY,
  name            TEXT    NOT NULL,
  source_path     TEXT,
  size            INTEGER NOT NULL CHECK (size >= 0),
  cid             TEXT,
  status          TEXT    NOT NULL DEFAULT 'queued'
                  CHECK (status IN ('queued', 'uploading', 'pinning', 'done', 'failed', 'cancelled')),
  replicas_wanted INTEGER NOT NULL DEFAULT 1 CHECK (replicas_wanted >= 1),
  chunker         TEXT,
  created_at      TEXT    NOT NULL,
  updated_at      TEXT    NOT NULL,
  finished_at     TEXT,
  error           TEXT
) STRICT;
CREATE INDEX uploads_by_status ON uploads (status, created_at);
CREATE INDEX uploads_by_cid ON uploads (cid);

CREATE TABLE upload_replicas (
  upload_id INTEGER NOT NULL REFERENCES uploads (id) ON DELETE CASCADE,
  node_id   INTEGER NOT NULL REFERENCES nodes (id) ON DELETE CASCADE,
  status    TEXT    NOT NULL DEFAULT 'pending'
            CHECK (status IN ('pending', 'pinning', 'pinned', 'failed', 'unpinned')),
  pinned_at TEXT,
  error     TEXT,
  PRIMARY KEY (upload_id, node_id)
) STRICT;
CREATE INDEX upload_replicas_by_node ON upload_replicas (node_id);

-- A provisioning run targets a host that is not (yet) a node, so it names the host, not a node id.
CREATE TABLE provisioning_runs (
  id           INTEGER PRIMARY KEY,
  host         TEXT    NOT NULL,
  kind         TEXT    NOT NULL,
  status       TEXT    NOT NULL DEFAULT 'running'
               CHECK (status IN ('running', 'paused', 'failed', 'done', 'rolled_back', 'cancelled')),
  current_step TEXT,
  created_at   TEXT    NOT NULL,
  updated_at   TEXT    NOT NULL,
  error        TEXT
) STRICT;
CREATE INDEX provisioning_runs_by_host ON provisioning_runs (host, created_at);

CREATE TABLE provisioning_steps (
  run_id      INTEGER NOT NULL REFERENCES provisioning_runs (id) ON DELETE CASCADE,
  step        TEXT    NOT NULL,
  status      TEXT    NOT NULL DEFAULT 'pending'
              CHECK (status IN ('pending', 'running', 'done', 'failed', 'skipped', 'rolled_back')),
  log         TEXT    NOT NULL DEFAULT '',
  started_at  TEXT,
  finished_at TEXT,
  PRIMARY KEY (run_id, step)
) STRICT;

-- The latest poll of each node, so the fleet view renders instantly (and offline) from here.
-- JSON columns hold the contract's NodeHealth parts as they were last seen.
CREATE TABLE node_status (
  node_id      INTEGER PRIMARY KEY REFERENCES nodes (id) ON DELETE CASCADE,
  state        TEXT    NOT NULL,
  reason       TEXT    NOT NULL DEFAULT '',
  checked_at   TEXT,
  last_seen_at TEXT,
  capacity     TEXT    CHECK (capacity IS NULL OR json_valid(capacity)),
  kubo_version TEXT,
  peer_id      TEXT,
  peers        INTEGER,
  bandwidth    TEXT    CHECK (bandwidth IS NULL OR json_valid(bandwidth)),
  container    TEXT    CHECK (container IS NULL OR json_valid(container)),
  latency_ms   INTEGER
) STRICT;

-- How the console logs in to a node. Secrets (keys, passphrases, passwords) are NOT here: only a
-- reference into the secret store (Electron safeStorage, or the encrypted file store under Node).
CREATE TABLE node_credentials (
  node_id    INTEGER PRIMARY KEY REFERENCES nodes (id) ON DELETE CASCADE,
  method     TEXT    NOT NULL CHECK (method IN ('agent', 'keyFile', 'storedKey', 'password')),
  key_path   TEXT,
  secret_ref TEXT,
  updated_at TEXT    NOT NULL
) STRICT;

-- Alerts raised once per crossing (80 %, 95 %, unreachable, recovered). Names, not ids: the log
-- outlives the nodes it names.
CREATE TABLE alerts (
  id        INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  node_name TEXT NOT NULL,
  kind      TEXT NOT NULL CHECK (kind IN ('fill-80', 'fill-95', 'unreachable', 'recovered')),
  message   TEXT NOT NULL
) STRICT;
CREATE INDEX alerts_by_time ON alerts (at);

-- App settings (poll interval, GC watermark, reserves…), one JSON value per key.
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL CHECK (json_valid(value))
) STRICT;

-- Every change the console made. No foreign key: the log outlives the nodes it names.
CREATE TABLE audit_log (
  id     INTEGER PRIMARY KEY,
  at     TEXT NOT NULL,
  actor  TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT,
  detail TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail))
) STRICT;
CREATE INDEX audit_log_by_time ON audit_log (at);
`;
