// The batcher against a real better-sqlite3 database: one commit for results that end together,
// and one failing result never takes the others with it.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RecordBatcher } from '../../../src-main/health/record-batcher.js';

let db: Database.Database;

afterEach(() => db?.close());

function openDb() {
  db = new Database(':memory:');
  db.exec('CREATE TABLE t (name TEXT PRIMARY KEY) STRICT');
  return db;
}

const insert = (name: string) => ({ write: () => (db.prepare('INSERT INTO t (name) VALUES (?)').run(name), name) });
const names = () => db.prepare('SELECT name FROM t ORDER BY name').pluck().all();

describe('RecordBatcher', () => {
  it('writes results that arrive within the window in one batch, then reports them once', async () => {
    openDb();
    const afterBatch = vi.fn();
    const batcher = new RecordBatcher<string>(db, 10, afterBatch);
    const results = await Promise.all([batcher.add(insert('a')), batcher.add(insert('b')), batcher.add(insert('c'))]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(names()).toEqual(['a', 'b', 'c']);
    expect(afterBatch).toHaveBeenCalledTimes(1);
    expect(afterBatch).toHaveBeenCalledWith(['a', 'b', 'c']);
  });

  it('rolls back only the result that failed', async () => {
    openDb();
    const afterBatch = vi.fn();
    const batcher = new RecordBatcher<string>(db, 10, afterBatch);
    const failing = { write: () => { db.prepare('INSERT INTO t (name) VALUES (?)').run('half'); throw new Error('node removed'); } };
    const outcomes = await Promise.allSettled([batcher.add(insert('a')), batcher.add(failing), batcher.add(insert('b'))]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(names()).toEqual(['a', 'b']);
    expect(afterBatch).toHaveBeenCalledWith(['a', 'b']);
  });

  it('flushes on demand and rejects everything when the commit itself fails', async () => {
    openDb();
    const batcher = new RecordBatcher<string>(db, 60_000, () => {});
    const pending = batcher.add(insert('now'));
    batcher.flush();
    await expect(pending).resolves.toBe('now');
    const doomed = batcher.add(insert('late'));
    db.close();
    batcher.flush();
    await expect(doomed).rejects.toThrow(/not open/);
  });
});
