// provisioning_runs / provisioning_steps rows of the add-a-server wizard: each step's status and a
// JSON record of what it did (summary, log lines, undo actions). Thin SQL; the engine decides.
import type Database from 'better-sqlite3';
import { decodeStepRecord, encodeStepRecord, type StepRecord, type UndoAction } from './undo-actions.js';

export type WizardKind = 'provision' | 'decommission';

export class ProvisionRunStore {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  startRun(host: string, kind: WizardKind): number {
    const at = this.now().toISOString();
    const info = this.db.prepare('INSERT INTO provisioning_runs (host, kind, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(host, kind, 'running', at, at);
    return Number(info.lastInsertRowid);
  }

  stepStarted(runId: number, step: string): void {
    const at = this.now().toISOString();
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO provisioning_steps (run_id, step, status, started_at) VALUES (?, ?, ?, ?) ON CONFLICT (run_id, step) DO UPDATE SET status = excluded.status, started_at = excluded.started_at')
        .run(runId, step, 'running', at);
      this.db.prepare('UPDATE provisioning_runs SET current_step = ?, updated_at = ? WHERE id = ?').run(step, at, runId);
    })();
  }

  stepEnded(runId: number, step: string, status: 'done' | 'skipped' | 'failed', record: StepRecord): void {
    const at = this.now().toISOString();
    this.db
      .prepare('INSERT INTO provisioning_steps (run_id, step, status, log, started_at, finished_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (run_id, step) DO UPDATE SET status = excluded.status, log = excluded.log, finished_at = excluded.finished_at')
      .run(runId, step, status, encodeStepRecord(record), at, at);
  }

  finishRun(runId: number, status: 'done' | 'failed' | 'rolled_back', error: string | null = null): void {
    this.db.prepare('UPDATE provisioning_runs SET status = ?, error = ?, updated_at = ? WHERE id = ?').run(status, error, this.now().toISOString(), runId);
  }

  /** Undo actions of every provision run on the host not yet rolled back, newest first (run, then step). */
  pendingUndo(host: string): { runIds: number[]; actions: { runId: number; step: string; action: UndoAction }[] } {
    const runs = this.db
      .prepare("SELECT id FROM provisioning_runs WHERE host = ? COLLATE NOCASE AND kind = 'provision' AND status != 'rolled_back' ORDER BY id DESC")
      .all(host) as { id: number }[];
    const actions: { runId: number; step: string; action: UndoAction }[] = [];
    const steps = this.db.prepare("SELECT step, log FROM provisioning_steps WHERE run_id = ? AND status IN ('done', 'failed') ORDER BY rowid DESC");
    for (const { id } of runs) {
      for (const row of steps.all(id) as { step: string; log: string }[]) {
        for (const action of [...decodeStepRecord(row.log).undo].reverse()) actions.push({ runId: id, step: row.step, action });
      }
    }
    return { runIds: runs.map((r) => r.id), actions };
  }

  markRolledBack(runIds: readonly number[]): void {
    const at = this.now().toISOString();
    this.db.transaction(() => {
      for (const id of runIds) {
        this.db.prepare("UPDATE provisioning_runs SET status = 'rolled_back', updated_at = ? WHERE id = ?").run(at, id);
        this.db.prepare("UPDATE provisioning_steps SET status = 'rolled_back' WHERE run_id = ? AND status IN ('done', 'failed')").run(id);
      }
    })();
  }
}
