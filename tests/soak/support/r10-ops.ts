// What R10's writer announces and the parent checks: each write names a key (a node, a capacity
// sample, an upload, a provisioning run or step) and the state it leaves that key in (null: gone).
// The parent folds the acknowledged writes into the expected state of every key; after a kill the
// database must hold exactly that, except the one write in flight, which may or may not be there.
import type Database from 'better-sqlite3';
import { seededRandom } from './seeded-random.js';

/** The R10 writer's and verifier's generator: the same seed replays the same kills and writes. */
export const r10Random = seededRandom;

export interface R10Op {
  key: string;
  state: Record<string, string | number> | null;
  /** A second key the same transaction sets (a poll writes its sample and the node's status). */
  also?: { key: string; state: Record<string, string | number> | null };
}


type State = R10Op['state'];

const one = (db: Database.Database, sql: string, ...params: unknown[]) =>
  (db.prepare(sql).get(...params) as Record<string, string | number> | undefined) ?? null;

/** Reads a key's state back from the database, in the shape the writer announced. */
export function readState(db: Database.Database, key: string): State {
  const [kind, a, ...rest] = key.split(':');
  const b = rest.join(':');
  switch (kind) {
    case 'node': {
      const node = one(db, 'SELECT id, notes FROM nodes WHERE name = ?', a);
      if (!node) return null;
      // The audit row is written in the same transaction as the node: a node without it is a torn write.
      const audited = one(db, "SELECT 1 AS yes FROM audit_log WHERE action = 'node.add' AND target = ?", a);
      return audited ? { notes: node.notes! } : { notes: node.notes!, audit: 'missing' };
    }
    case 'sample':
      return one(db, "SELECT repo_size AS repoSize FROM capacity_samples WHERE node_id = ? AND at = ? AND resolution = 'raw'", Number(a), b);
    case 'status':
      return one(db, 'SELECT checked_at AS checkedAt FROM node_status WHERE node_id = ?', Number(a));
    case 'upload':
      return one(db, 'SELECT status FROM uploads WHERE name = ?', a);
    case 'replica':
      return one(
        db,
        'SELECT r.status FROM upload_replicas r JOIN uploads u ON u.id = r.upload_id JOIN nodes n ON n.id = r.node_id WHERE u.name = ? AND n.name = ?',
        a,
        b,
      );
    case 'run':
      return one(db, 'SELECT status FROM provisioning_runs WHERE host = ?', a);
    case 'step':
      return one(
        db,
        'SELECT s.status FROM provisioning_steps s JOIN provisioning_runs r ON r.id = s.run_id WHERE r.host = ? AND s.step = ?',
        a,
        b,
      );
    default:
      throw new Error(`R10: unknown key ${key}`);
  }
}

const same = (x: State, y: State) => JSON.stringify(x) === JSON.stringify(y);

/** The expected state of every key written so far, from the acknowledged writes. */
export class R10Expectation {
  private readonly expected = new Map<string, State>();

  get size(): number {
    return this.expected.size;
  }

  acknowledge(op: R10Op): void {
    this.expected.set(op.key, op.state);
    if (op.also) this.expected.set(op.also.key, op.also.state);
  }

  /**
   * Problems found for `keys` (all keys when omitted): a key whose state differs from the last
   * acknowledged one, unless it equals what the in-flight write would have left.
   */
  check(db: Database.Database, inFlight: R10Op | null, keys?: Iterable<string>): string[] {
    const pending = new Map<string, State>();
    if (inFlight) {
      pending.set(inFlight.key, inFlight.state);
      if (inFlight.also) pending.set(inFlight.also.key, inFlight.also.state);
    }
    const problems: string[] = [];
    const outcomes = new Set<'before' | 'after'>();
    for (const key of new Set([...(keys ?? this.expected.keys()), ...pending.keys()])) {
      const want = this.expected.has(key) ? this.expected.get(key)! : null;
      const found = readState(db, key);
      const isBefore = same(found, want);
      const isAfter = pending.has(key) && same(found, pending.get(key)!);
      if (pending.has(key) && isBefore !== isAfter) outcomes.add(isBefore ? 'before' : 'after');
      if (isBefore || isAfter) continue;
      problems.push(`${key}: acknowledged ${JSON.stringify(want)}, found ${JSON.stringify(found)}`);
    }
    // The in-flight transaction is all or nothing: half of it kept is a torn write.
    if (outcomes.size > 1) problems.push(`torn transaction: ${JSON.stringify(inFlight)} is half applied`);
    return problems;
  }
}
