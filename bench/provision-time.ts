// Add-a-server, timed: from "Connect" to "registered and healthy" (the wizard's first poll says
// online) on the fleet's bare server with the image already there, against the bare manual recipe
// run as a plain script over OpenSSH in the same run: write kubo's settings (the same `ipfs config`
// lines the wizard writes, private fleet network included, so neither reaches beyond loopback),
// `docker run` kubo, and wait until the daemon answers `ipfs --api … id`. The two take turns; each starts from a bare
// server and is undone after. `flock /tmp/pinfleet-integration.lock npx tsx bench/run.ts provision-time --runs 3`
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createAppContext } from '../src-main/app/compose.js';
import { initScript, kuboSettings, serverLayout, storageMaxBytes } from '../src-main/provisioning/steps/provision-plan.js';
import { unwrap } from '../src-preload/contract/errors.js';
import type { ProvisionReport } from '../src-preload/contract/provisioning-types.js';
import { fleetUids } from '../tests/fleet/egress-guard.js';
import { loadFleet, storageServers, type FleetDescription } from '../tests/fleet/fleet-description.js';
import { bareServer, makeBare, provisionInputFor, targetOf } from '../tests/integration/provisioning-support.js';

const MANUAL_CONTAINER = 'pinfleet-bench-manual';
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** The recipe an admin would paste: plain sh, values fixed here (no user input). */
function manualScript(fleet: FleetDescription): string {
  const bare = bareServer(fleet);
  const layout = serverLayout(bare.dataPath);
  const settings = initScript(kuboSettings({ swarmHost: bare.address, storageMaxBytes: storageMaxBytes(bare.diskBytes, {}), gcWatermarkPercent: 90, privateNetwork: true, fleetNetworks: ['127.0.0.0/8'] }));
  const uid = `${fleetUids.kubo}:${fleetUids.kubo}`;
  return [
    'set -e',
    `mkdir -p ${layout.repo} ${layout.initDir}`,
    `chown ${uid} ${layout.repo}`,
    `cat > ${layout.initFile} <<'SETTINGS'`,
    settings.trimEnd(),
    'SETTINGS',
    `chmod 0755 ${layout.initFile}`,
    `docker run -d --name ${MANUAL_CONTAINER} --network host --user ${uid} --restart unless-stopped -e IPFS_PROFILE=server,autoconf-off -e IPFS_TELEMETRY=off -v ${layout.repo}:/data/ipfs -v ${layout.initDir}:/container-init.d:ro ${fleet.images.kubo} >/dev/null`,
    // --api: answered by the running daemon (a bare `ipfs id` reads the repo and succeeds before it starts).
    `until docker exec ${MANUAL_CONTAINER} ipfs --api=/ip4/127.0.0.1/tcp/5001 id >/dev/null 2>&1; do sleep 0.1; done`,
    '',
  ].join('\n');
}

function ssh(fleet: FleetDescription, command: string, stdin: string): Promise<void> {
  const bare = bareServer(fleet);
  return new Promise((resolve, reject) => {
    const child = execFile('ssh', ['-i', fleet.clientKeyPath, '-o', `UserKnownHostsFile=${path.join(fleet.stateDir, 'known_hosts')}`, '-o', 'BatchMode=yes', '-p', String(bare.ssh.port), `${bare.ssh.user}@${bare.ssh.host}`, command], (error, _stdout, stderr) =>
      error ? reject(new Error(`manual recipe failed: ${stderr.trim() || error.message}`)) : resolve(),
    );
    child.stdin!.end(stdin);
  });
}

async function manualRun(fleet: FleetDescription): Promise<number> {
  const started = performance.now();
  await ssh(fleet, 'sh -s', manualScript(fleet));
  const ms = performance.now() - started;
  await ssh(fleet, `docker rm -f ${MANUAL_CONTAINER} >/dev/null`, '');
  await makeBare(fleet);
  return ms;
}

async function wizardRun(fleet: FleetDescription): Promise<{ ms: number; steps: Record<string, number | null> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pinfleet-bench-provision-'));
  const app = createAppContext({ dataDir, actor: 'bench' });
  try {
    for (const s of storageServers(fleet)) {
      unwrap(await app.router.call('nodes.add', { name: s.name, host: s.ssh.host, sshPort: s.ssh.port, hostKeyFingerprint: s.ssh.hostKeyFingerprint, apiAddress: `${s.kubo.api.host}:${s.kubo.api.port}`, gatewayAddress: `${s.kubo.gateway.host}:${s.kubo.gateway.port}` }));
      unwrap(await app.router.call('credentials.set', { name: s.name, method: 'keyFile', keyPath: fleet.clientKeyPath }));
    }
    const started = performance.now();
    const report = unwrap(await app.router.call('provisioning.provision', provisionInputFor(fleet))) as ProvisionReport;
    const ms = performance.now() - started;
    if (report.status !== 'done' || report.health?.state !== 'online') throw new Error(`the wizard did not finish healthy: ${report.error?.message ?? report.health?.state}`);
    // A successful run is undone only when named, and its repo only with the node's name typed.
    unwrap(await app.router.call('provisioning.rollback', { ...targetOf(fleet), runId: report.runId, confirm: 'bare' }));
    return { ms, steps: Object.fromEntries(report.steps.map((s) => [s.step, s.durationMs])) };
  } finally {
    await app.close();
    await makeBare(fleet);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function provisionTimeBench(args: string[]): Promise<unknown> {
  const { values } = parseArgs({ args, options: { runs: { type: 'string', default: '3' } } });
  const fleet = loadFleet();
  await makeBare(fleet);
  const wizard: number[] = [];
  const stepMs: Record<string, number | null>[] = [];
  const manual: number[] = [];
  // One untimed pass each first: the page cache and Docker's image layers are then warm for both.
  await manualRun(fleet);
  await wizardRun(fleet);
  for (let i = 0; i < Number(values.runs); i++) {
    // Alternate who goes first, so neither always inherits the other's leftovers.
    const timedWizard = async () => {
      const run = await wizardRun(fleet);
      wizard.push(run.ms);
      stepMs.push(run.steps);
    };
    if (i % 2 === 0) {
      await timedWizard();
      manual.push(await manualRun(fleet));
    } else {
      manual.push(await manualRun(fleet));
      await timedWizard();
    }
  }
  const round = (ms: number) => Math.round(ms);
  return {
    server: bareServer(fleet).address,
    image: fleet.images.kubo,
    runs: wizard.length,
    wizardMs: wizard.map(round),
    manualScriptMs: manual.map(round),
    medianWizardMs: round(median(wizard)),
    medianManualScriptMs: round(median(manual)),
    ratio: Number((median(wizard) / median(manual)).toFixed(2)),
    /** Per step, the wizard's median: where its time goes. */
    wizardStepMedianMs: Object.fromEntries(Object.keys(stepMs[0] ?? {}).map((step) => [step, round(median(stepMs.map((s) => s[step] ?? 0)))])),
    loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
    target: '≤ 1.3',
  };
}
