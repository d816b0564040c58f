// provisioning_runs / provisioning_steps: every wizard run and each of its steps with a log, so a
// run can be shown, audited and (later) resumed. Thin SQL; the wizard decides what to write.
import type Database from 'better-sqlite3';

export type RunStatus = 'running' | 'failed' | 'done';
export type StepStatus = 'running' | 'done' | 'failed';

export class RunLog {
  constructor(
    private readonly db: Database.Database,
    readonly runId: number,
    private readonly now: () => Date,
  ) {}

  static start(db: Database.Database, host: string, kind: string, now: () => Date = () => new Date()): RunLog {
    const at = now().toISOString();
    const info = db
      .prepare('INSERT INTO provisioning_runs (host, kind, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
      .run(host, kind, 'running', at, at);
    return new RunLog(db, Number(info.lastInsertRowid), now);
  }

  /** Runs one step, recording its start, its log line and how it ended; rethrows a failure. */
  async step<T>(step: string, work: () => Promise<T> | T, describe: (value: T) => string): Promise<T> {
    const startedAt = this.now().toISOString();
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO provisioning_steps (run_id, step, status, started_at) VALUES (?, ?, ?, ?) ON CONFLICT (run_id, step) DO UPDATE SET status = excluded.status, started_at = excluded.started_at')
        .run(this.runId, step, 'running', startedAt);
      this.db.prepare('UPDATE provisioning_runs SET current_step = ?, updated_at = ? WHERE id = ?').run(step, startedAt, this.runId);
    })();
    try {
      const value = await work();
      this.finishStep(step, 'done', describe(value));
      return value;
    } catch (error) {
      this.finishStep(step, 'failed', error instanceof Error ? error.message : String(error));
      throw error;
    }
  }

  finish(status: RunStatus, error: string | null = null): void {
    this.db
      .prepare('UPDATE provisioning_runs SET status = ?, error = ?, updated_at = ? WHERE id = ?')
      .run(status, error, this.now().toISOString(), this.runId);
  }

  private finishStep(step: string, status: StepStatus, log: string): void {
    this.db
      .prepare('UPDATE provisioning_steps SET status = ?, log = ?, finished_at = ? WHERE run_id = ? AND step = ?')
      .run(status, log.slice(0, 4000), this.now().toISOString(), this.runId, step);
  }
}
