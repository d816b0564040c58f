// A Cluster peer's state folder on the server. The peer runs as its own uid, so the folder must be
// that uid's, and making it so means chown. Pinfleet changes the owner only of a folder it made:
// a new one, made with mkdir (which fails when the folder exists, so nothing that was there is
// ever taken over) and marked with STATE_MARKER. An existing folder without the marker is the
// admin's: used as it is when the peer's uid already owns it (an older Pinfleet made it, or the
// admin prepared it), refused otherwise with the command that would hand it over. Never re-owned:
// `--state-dir node1=/home` must not give /home to uid 1000.
import { posix } from 'node:path';
import { stateDirProblem } from '../../../src-preload/contract/cluster-state-dir.js';
import { PinfleetError } from '../../../src-preload/contract/errors.js';
import type { ExecResult } from '../../connections/node-connector.js';
import { firstLine } from '../steps/provision-env.js';
import type { UndoAction } from '../steps/undo-actions.js';

/** Written into a state folder Pinfleet made, so a re-run knows the folder (and its owner) are its own. */
export const STATE_MARKER = '.pinfleet-made-this';

export type StateDirKind = 'absent' | 'directory' | 'symlink' | 'other';

/** What the server says about the folder: stat's file type and owner, and whether the marker is in it. */
export interface StateDirFacts {
  kind: StateDirKind;
  uid: number | null;
  gid: number | null;
  marked: boolean;
}

/** create: make it and hand it over; own: Pinfleet's, (re)hand it over; use: the admin's, leave it as it is. */
export type StateDirAction = 'create' | 'own' | 'use';

/** Pure: what may be done with the folder for a peer running as `runAs` (uid:gid); throws when nothing may. */
export function judgeStateDir(dir: string, facts: StateDirFacts, runAs: string, server: string): StateDirAction {
  const problem = stateDirProblem(dir);
  if (problem) throw new PinfleetError('invalid_input', `the Cluster state folder ${JSON.stringify(dir)} on ${server} ${problem}`);
  if (facts.kind === 'absent') return 'create';
  if (facts.kind === 'symlink') throw new PinfleetError('invalid_input', `${dir} on ${server} is a symbolic link: give the folder it points to, or a new folder, as the state folder`);
  if (facts.kind !== 'directory') throw new PinfleetError('invalid_input', `${dir} on ${server} exists and is not a folder: choose another state folder`);
  if (facts.marked) return 'own';
  const [uid = ''] = runAs.split(':');
  if (String(facts.uid) === uid) return 'use';
  throw new PinfleetError(
    'invalid_input',
    `${dir} on ${server} already exists, belongs to uid ${facts.uid ?? '?'} and was not made by Pinfleet, so Pinfleet will not change its owner: the Cluster peer runs as ${runAs}. Give a folder that does not exist yet (Pinfleet makes it), or hand this one over yourself (chown ${runAs} ${dir}) if it is meant for the peer.`,
  );
}

/** Pure: stat's answer (`%F|%u|%g`, exit code) as facts; null when stat failed for another reason than absence. */
export function parseStateDirStat(result: ExecResult): Omit<StateDirFacts, 'marked'> | null {
  if (result.code !== 0) return /No such file or directory/i.test(result.stderr) ? { kind: 'absent', uid: null, gid: null } : null;
  const [type = '', uid = '', gid = ''] = result.stdout.trim().split('|');
  const kind: StateDirKind = type === 'directory' ? 'directory' : type === 'symbolic link' ? 'symlink' : 'other';
  return { kind, uid: /^\d+$/.test(uid) ? Number(uid) : null, gid: /^\d+$/.test(gid) ? Number(gid) : null };
}

type Run = (argv: readonly string[]) => Promise<ExecResult>;

/** Reads the folder's facts on the server (stat never follows a symlink here). */
export async function readStateDir(run: Run, dir: string): Promise<StateDirFacts> {
  const stat = await run(['stat', '-c', '%F|%u|%g', '--', dir]);
  const facts = parseStateDirStat(stat);
  if (!facts) throw new PinfleetError('remote_failed', `could not look at ${dir}: ${firstLine(stat)}`);
  const marked = facts.kind === 'directory' && (await run(['test', '-f', posix.join(dir, STATE_MARKER)])).code === 0;
  return { ...facts, marked };
}

/** Judges the folder as it is now and prepares it; returns what it did ('use': nothing). */
export async function prepareStateDir(host: { run: Run; undo(action: UndoAction): void }, dir: string, runAs: string, server: string): Promise<StateDirAction> {
  const action = judgeStateDir(dir, await readStateDir(host.run, dir), runAs, server);
  const must = async (argv: readonly string[]) => {
    const done = await host.run(argv);
    if (done.code !== 0) throw new PinfleetError('remote_failed', `could not prepare ${dir} on ${server}: ${firstLine(done)}`);
  };
  if (action === 'create') {
    await must(['mkdir', '-p', '--', posix.dirname(dir)]);
    // Not -p: fails if something made the folder since it was judged, so it is never taken over.
    await must(['mkdir', '-m', '0700', '--', dir]);
    host.undo({ kind: 'remove-path', path: dir });
    await must(['touch', '--', posix.join(dir, STATE_MARKER)]);
  }
  if (action === 'create' || action === 'own') {
    await must(['chown', runAs, '--', dir]);
    await must(['chmod', '0700', '--', dir]);
  }
  return action;
}
