// provisioning_runs / provisioning_steps rows of the add-a-server wizard: each step's status and a
// JSON record of what it did (summary, log lines, undo actions). Thin SQL; the engine decides.
import type Database from 'better-sqlite3';
import type { RecordedRun, RunStatus } from './rollback-plan.js';
import { decodeStepRecord, encodeStepRecord, type StepRecord } from './undo-actions.js';

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

  /**
   * A step's undo actions the moment each is made, before the step ends: a process killed mid-step
   * (the run stays 'running') still leaves what that step made for a rollback to find.
   */
  stepUndoRecorded(runId: number, step: string, record: StepRecord): void {
    this.db.prepare("UPDATE provisioning_steps SET log = ? WHERE run_id = ? AND step = ? AND status = 'running'").run(encodeStepRecord(record), runId, step);
  }

  finishRun(runId: number, status: 'done' | 'failed' | 'rolled_back', error: string | null = null): void {
    this.db.prepare('UPDATE provisioning_runs SET status = ?, error = ?, updated_at = ? WHERE id = ?').run(status, error, this.now().toISOString(), runId);
  }

  /**
   * Every add-a-server run on the host, with each step's undo actions (steps newest first). Which of
   * them a rollback may undo is decided by planRollback, never here.
   */
  runsOf(host: string): RecordedRun[] {
    const runs = this.db
      .prepare("SELECT id, status, created_at FROM provisioning_runs WHERE host = ? COLLATE NOCASE AND kind = 'provision' ORDER BY id DESC")
      .all(host) as { id: number; status: RunStatus; created_at: string }[];
    // 'running': a step the process was killed in; its undo actions were recorded as they were made.
    const steps = this.db.prepare("SELECT step, log FROM provisioning_steps WHERE run_id = ? AND status IN ('done', 'failed', 'running') ORDER BY rowid DESC");
    return runs.map((run) => {
      let node: string | null = null;
      const recorded = (steps.all(run.id) as { step: string; log: string }[]).map((row) => {
        const record = decodeStepRecord(row.log);
        node ??= record.node ?? null;
        return { step: row.step, undo: record.undo };
      });
      return { id: run.id, status: run.status, createdAt: run.created_at, node, steps: recorded };
    });
  }

  markRolledBack(runIds: readonly number[]): void {
    const at = this.now().toISOString();
    this.db.transaction(() => {
      for (const id of runIds) {
        this.db.prepare("UPDATE provisioning_runs SET status = 'rolled_back', updated_at = ? WHERE id = ?").run(at, id);
        this.db.prepare("UPDATE provisioning_steps SET status = 'rolled_back' WHERE run_id = ? AND status IN ('done', 'failed', 'running')").run(id);
      }
    })();
  }
}
