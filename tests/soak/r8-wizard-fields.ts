// R8: hostile values in every field of the wizards' channels (provisioning preflight, adopt,
// provision, rollback plan, decommission, cluster set-up, nodes add/update), sent through the real
// router of a real console against the test fleet's bare server. Each answer must refuse the value
// naming its field (invalid_input), or accept it and either store it exactly or stop before any
// change; then one real provision carries a hostile region onto the server (support/r8-provision.ts);
// afterwards no canary file may exist on the server. Values: classic payloads plus fast-check's from the seed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAppContext, type AppContext } from '../../src-main/app/compose.js';
import type { ChannelName } from '../../src-preload/contract/contract.js';
import type { Result } from '../../src-preload/contract/errors.js';
import type { NodeRecord } from '../../src-preload/contract/types.js';
import { loadFleet, storageServers, type FleetDescription } from '../fleet/fleet-description.js';
import { bareServer, onServer } from '../integration/provisioning-support.js';
import { figure, type SoakFigure, type SoakScenario, type SoakSize } from './scenario.js';
import { hostileFields, type HostileField } from './support/r8-fields.js';
import { provisionWithHostileRegion } from './support/r8-provision.js';
import { CANARY_PREFIX, hostileValues, type HostileValue } from './support/r8-values.js';

/** Channels that only read from the server: whatever they answer to an accepted value, nothing changed. */
const READ_ONLY: ReadonlySet<ChannelName> = new Set(['provisioning.preflight', 'provisioning.hostKey', 'provisioning.adoptDetect', 'provisioning.rollbackPlan']);
/** Codes of a channel that stopped before changing anything. */
const STOP_CODES = new Set(['host_key_mismatch', 'host_key_unknown', 'not_found', 'unreachable', 'auth_failed', 'forbidden_path']);

export interface R8Counts {
  values: number;
  fields: number;
  calls: number;
  refused: number;
  acceptedQuoted: number;
  acceptedStopped: number;
  wrongAnswers: number;
  /** Real provisions whose hostile region passed validation and reached the server (quick and full: one). */
  provisioned: number;
  provisionedQuoted: number;
  canaries: number;
}

export const r8: SoakScenario = {
  id: 'R8',
  nemesis: 'Hostile values (shell metacharacters, newlines, NUL, bidi, "..", leading dashes, very long) in every wizard field',
  mustHold: 'each refused naming its field, or stored exactly / stopped before any change; no canary file on the server',
  runs: { full: 200, quick: 6 },
  needsFleet: true,
  run: (size) => runR8(loadFleet(), size),
};

export async function runR8(fleet: FleetDescription, size: SoakSize): Promise<SoakFigure> {
  const started = Date.now();
  const generated = size.runs ?? (size.quick ? r8.runs.quick : r8.runs.full);
  const values = hostileValues(size.seed, generated);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pinfleet-soak-r8-'));
  process.env.PINFLEET_SECRETS_PASSPHRASE ??= 'r8-soak-passphrase';
  const app = createAppContext({ dataDir: path.join(work, 'data'), actor: 'soak' });
  const problems: string[] = [];
  const codes = new Map<string, number>();
  const wrong = new Map<string, { count: number; example: string }>();
  const counts: R8Counts = { values: values.length, fields: 0, calls: 0, refused: 0, acceptedQuoted: 0, acceptedStopped: 0, wrongAnswers: 0, provisioned: 0, provisionedQuoted: 0, canaries: 0 };
  try {
    await removeCanaries(fleet);
    const existing = await app.router.call('nodes.add', { name: 'r8-target', host: 'r8-target.invalid' });
    if (!existing.ok) throw new Error(`R8: could not add its own node: ${existing.error.message}`);
    const otherFingerprint = storageServers(fleet)[0]!.ssh.hostKeyFingerprint;
    const fields = hostileFields({ fleet, otherFingerprint, existingNode: 'r8-target' });
    counts.fields = new Set(fields.map((f) => `${f.channel} ${f.field}`)).size;
    let serial = 0;
    for (const value of values) {
      for (const field of fields) {
        serial += 1;
        counts.calls += 1;
        const answer = await app.router.call(field.channel, field.input(value.value, String(serial)) as never);
        const code = answer.ok ? 'ok' : answer.error.code;
        codes.set(code, (codes.get(code) ?? 0) + 1);
        const verdict = await judge(app, field, value, answer);
        if (verdict === 'refused') counts.refused += 1;
        else if (verdict === 'quoted') counts.acceptedQuoted += 1;
        else if (verdict === 'stopped') counts.acceptedStopped += 1;
        else {
          counts.wrongAnswers += 1;
          const group = `${field.channel} ${field.field}`;
          const seen = wrong.get(group);
          if (seen) seen.count += 1;
          else wrong.set(group, { count: 1, example: `${show(value)}: ${verdict}` });
        }
      }
    }
    // One line per field that answered wrongly, with how often and one example.
    for (const [group, { count, example }] of wrong) problems.push(`${group} (${count}×), e.g. ${example}`);
    const endToEnd = await provisionWithHostileRegion(fleet, work);
    counts.provisioned = endToEnd.runs;
    counts.provisionedQuoted = endToEnd.quoted;
    problems.push(...endToEnd.problems);
    const found = await findCanaries(fleet);
    counts.canaries = found.length;
    problems.push(...found.map((file) => `canary on the server: ${file}`));
  } finally {
    await app.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
  const held = counts.wrongAnswers === 0 && counts.canaries === 0 && problems.length === 0;
  const measured = { ...counts, codes: [...codes].map(([c, n]) => `${c}:${n}`).join(' ') };
  return figure(r8, size, values.length, started, measured, problems, held);
}

const show = (value: HostileValue) => `${value.origin} ${JSON.stringify(value.value.slice(0, 60))}${value.value.length > 60 ? '…' : ''}`;

/** refused / quoted / stopped, or what was wrong with the answer. */
async function judge(app: AppContext, field: HostileField, value: HostileValue, answer: Result<unknown>): Promise<string> {
  const mustRefuse = field.refuseAtTheDoor?.(value.value) ?? false;
  if (mustRefuse && (answer.ok || answer.error.code !== 'invalid_input')) {
    return `passed validation though the run would refuse it later: ${answer.ok ? JSON.stringify(answer.data).slice(0, 160) : `${answer.error.code} ${answer.error.message.slice(0, 160)}`}`;
  }
  if (!answer.ok) {
    if (answer.error.code === 'invalid_input') return namesField(answer.error.message, field.field) ? 'refused' : `refused without naming ${field.field}: ${answer.error.message.slice(0, 200)}`;
    if (STOP_CODES.has(answer.error.code) || READ_ONLY.has(field.channel)) return 'stopped';
    return `answered ${answer.error.code}: ${answer.error.message.slice(0, 200)}`;
  }
  if (field.accepted.kind === 'stored') {
    const record = answer.data as NodeRecord;
    const kept = field.accepted.read(record);
    if (field.channel === 'nodes.add') await app.router.call('nodes.remove', { name: record.name });
    const given = field.accepted.given ? field.accepted.given(value.value) : value.value;
    return kept === given ? 'quoted' : `stored as ${JSON.stringify(kept)?.slice(0, 80)}, not as given`;
  }
  if (READ_ONLY.has(field.channel)) return 'stopped';
  const report = answer.data as { status?: string; failedStep?: string | null; error?: { code: string } | null; dryRun?: boolean };
  // Connect changes nothing: a run that stopped there (the stranger host key, a key file that is not there) left the server alone.
  if (field.channel === 'provisioning.provision' && report.failedStep === 'connect' && report.error !== null && report.error !== undefined) return 'stopped';
  return `accepted and ran: ${JSON.stringify(answer.data).slice(0, 200)}`;
}

/** The schema names a field by its path (login.keyPath); main's own checks by its name (keyPath: …). */
function namesField(message: string, field: string): boolean {
  return message.includes(field) || message.startsWith(`${field.split('.').pop()!}:`);
}

/** Where a canary could land: /tmp and / (absolute), the SSH user's home, the data root, this process's folder. */
function canaryPlaces(fleet: FleetDescription): string[] {
  const dataRoot = path.dirname(path.dirname(bareServer(fleet).dataPath));
  return ['/', '/tmp', '/root', dataRoot, process.cwd(), os.homedir()];
}

async function findCanaries(fleet: FleetDescription): Promise<string[]> {
  const places = canaryPlaces(fleet).filter((p, i, all) => all.indexOf(p) === i);
  const found = await onServer(fleet, ['find', ...places, '-xdev', '-maxdepth', '3', '-name', `${CANARY_PREFIX}*`]);
  return [...new Set(found.stdout.split('\n').filter(Boolean))];
}

async function removeCanaries(fleet: FleetDescription): Promise<void> {
  for (const file of await findCanaries(fleet)) await onServer(fleet, ['rm', '-f', '--', file]);
}
