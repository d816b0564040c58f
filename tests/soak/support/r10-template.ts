// An inventory left at schema 1 by an older Pinfleet, holding enough rows that opening it with
// this build takes a backup (VACUUM INTO) and runs every later migration long enough to be killed
// in the middle. Opened and created by the real code at schema 1; the node rows are plain SQL, as
// this build's node store writes later columns. Each migration kill starts from a copy.
import fs from 'node:fs';
import type Database from 'better-sqlite3';
import { StatusStore } from '../../../src-main/health/status-store.js';
import { MIGRATIONS } from '../../../src-main/inventory/migrations.js';
import { openSqliteStorage } from '../../../src-main/inventory/sqlite-inventory.js';
import type { NodeHealth } from '../../../src-preload/contract/health-types.js';

export interface R10Template {
  dataDir: string;
  nodes: number;
  samples: number;
}

export function buildR10Template(dataDir: string, nodes = 40, samplesPerNode = 500): R10Template {
  fs.mkdirSync(dataDir, { recursive: true });
  const { inventory, opened } = openSqliteStorage({ dataDir }, MIGRATIONS.filter((m) => m.version === 1));
  const status = new StatusStore(opened.db);
  const start = Date.UTC(2025, 5, 1);
  opened.db.transaction(() => {
    for (let n = 0; n < nodes; n += 1) {
      const node = opened.db
        .prepare("INSERT INTO nodes (name, host, tags, notes, created_at, updated_at) VALUES (?, ?, '[\"old\"]', 'from schema 1', ?, ?) RETURNING id, name")
        .get(`tmpl-${n}`, `tmpl-${n}.r10.invalid`, new Date(start).toISOString(), new Date(start).toISOString()) as { id: number; name: string };
      for (let s = 0; s < samplesPerNode; s += 1) {
        const at = new Date(start + s * 60_000).toISOString();
        const capacity = { repoSize: s * 1000, storageMax: 1e12, diskFree: 5e11, diskTotal: 1e12, usableFree: 4e11, usableTotal: 9e11 };
        const health = { name: node.name, state: 'online', reason: '', checkedAt: at, lastSeenAt: at, capacity, kuboVersion: '0.30.0', peerId: null, peers: 2, bandwidth: null, container: null, latencyMs: 3 };
        status.record(node.id, health as NodeHealth, true);
      }
    }
  })();
  opened.db.pragma('wal_checkpoint(TRUNCATE)');
  inventory.close();
  return { dataDir, nodes, samples: nodes * samplesPerNode };
}

/** A fresh copy of the template for one migration kill. */
export function copyTemplate(template: R10Template, target: string): void {
  fs.rmSync(target, { recursive: true, force: true });
  fs.cpSync(template.dataDir, target, { recursive: true });
}

/** Whether the schema-1 rows all survived: counted on the template's own nodes. */
export function templateProblem(db: Database.Database, template: R10Template): string | null {
  const nodes = (db.prepare("SELECT count(*) AS n FROM nodes WHERE name LIKE 'tmpl-%'").get() as { n: number }).n;
  const samples = (
    db.prepare("SELECT count(*) AS n FROM capacity_samples s JOIN nodes n ON n.id = s.node_id WHERE n.name LIKE 'tmpl-%'").get() as { n: number }
  ).n;
  if (nodes === template.nodes && samples === template.samples) return null;
  return `schema-1 rows lost in the migration: ${nodes}/${template.nodes} nodes, ${samples}/${template.samples} samples`;
}
