// The add-a-server steps that make and join the node: container, configure (peering), verify and
// register. Each compares what is there with what is wanted and changes only the difference.
import { createHash } from 'node:crypto';
import type Docker from 'dockerode';
import { PinfleetError } from '../../../src-preload/contract/errors.js';
import { registeredFields } from '../steps/registered-fields.js';
import { parseDf } from '../../health/df.js';
import { kuboCall } from '../../health/kubo-rpc.js';
import { peerIdentity } from '../../uploads/kubo-pins.js';
import { SS_ARGV, parseSsListeners } from '../steps/listen-ports.js';
import { factsOf, firstLine, type StepEnv, type StepOutcome } from '../steps/provision-env.js';
import { SPEC_LABEL, containerSpec, initScript, kuboSettings, peeringPeers, resourceLimits, storageMaxBytes } from '../steps/provision-plan.js';
import { formatBytes, parseMeminfo } from '../steps/system-judges.js';
import { exposedListeners } from '../steps/verify-exposure.js';
import { inspectContainer } from '../steps/container-state.js';
import { authorizationsFor, rpcTokenFor, sameAuthorizations } from './rpc-token.js';

const KUBO_START_TIMEOUT_MS = 90_000;

/** One fixed script for every change to the server's files; the admin's values only as $1…$4, the settings on stdin. */
const LAYOUT_SCRIPT = 'set -e; mkdir -p -- "$1" "$2"; chown -- "$3" "$1"; cat > "$4"; chmod 0755 -- "$4"';

export async function containerStep(env: StepEnv): Promise<StepOutcome> {
  const { input, layout } = env;
  const facts = factsOf(env);
  const changes: string[] = [];
  if (facts.df.code !== 0) throw new PinfleetError('remote_failed', `${input.dataPath} cannot be measured: ${firstLine(facts.df)}`);
  const disk = parseDf(facts.df.stdout);
  const storageMax = storageMaxBytes(disk.total, input);
  const limits = resourceLimits(parseMeminfo(facts.meminfo).total, facts.nproc, input);
  env.say(`disk ${formatBytes(disk.total)} → StorageMax ${formatBytes(storageMax)}, GC at ${input.gcWatermarkPercent} %; limits ${formatBytes(limits.memoryBytes)} memory, ${limits.cpus} CPU`);

  const script = initScript(kuboSettings({ swarmHost: env.swarmHost, storageMaxBytes: storageMax, gcWatermarkPercent: input.gcWatermarkPercent, privateNetwork: input.privateNetwork, fleetNetworks: input.fleetNetworks, gatewayOnlyLocal: input.gatewayOnlyLocal }));
  const scriptSha = createHash('sha256').update(script).digest('hex');
  if (!facts.repoExists || !facts.initDirExists || facts.repoOwner !== input.runAs || facts.initSha256 !== scriptSha) {
    // Recorded first: should the command fail half-way, a rollback still removes what it made.
    if (!facts.repoExists) env.undo({ kind: 'remove-path', path: layout.repo });
    if (!facts.initDirExists) env.undo({ kind: 'remove-path', path: layout.initDir });
    const written = await env.run(['sh', '-c', LAYOUT_SCRIPT, 'pinfleet-layout', layout.repo, layout.initDir, input.runAs, layout.initFile], { stdin: script });
    if (written.code !== 0) throw new PinfleetError('remote_failed', `could not prepare ${input.dataPath}: ${firstLine(written)}`);
    if (!facts.repoExists) changes.push(`created ${layout.repo}`);
    if (!facts.initDirExists) changes.push(`created ${layout.initDir}`);
    if (facts.repoOwner !== input.runAs) changes.push(`${layout.repo} owned by ${input.runAs}`);
    if (facts.initSha256 !== scriptSha) changes.push(`wrote kubo's settings to ${layout.initFile}${input.privateNetwork ? ' (private fleet network)' : ''}`);
  }

  const docker = await env.docker();
  const spec = containerSpec({ containerName: input.containerName, nodeName: input.name, image: env.image, runAs: input.runAs, privateNetwork: input.privateNetwork, layout, memoryBytes: limits.memoryBytes, cpus: limits.cpus, script });
  const existing = await inspectContainer(docker, spec.name);
  if (existing && existing.Config.Labels?.['pinfleet.provisioned'] !== '1') {
    throw new PinfleetError('duplicate', `a container named ${spec.name} already exists on the server and was not made by Pinfleet: choose another container name, or adopt that kubo instead.`);
  }
  if (existing && existing.Config.Labels?.[SPEC_LABEL] === spec.hash) {
    if (!existing.State.Running) {
      await docker.getContainer(spec.name).start();
      changes.push(`started ${spec.name}`);
    }
  } else {
    if (existing) {
      await docker.getContainer(spec.name).remove({ force: true });
      changes.push(`replaced ${spec.name} (its settings changed)`);
    }
    await docker.createContainer(spec.options as Docker.ContainerCreateOptions);
    env.undo({ kind: 'remove-container', name: spec.name });
    await docker.getContainer(spec.name).start();
    changes.push(`created and started ${spec.name} from ${env.image}`);
  }
  for (const change of changes) env.say(change);
  const peer = await waitForKubo(env, docker, spec.name);
  env.say(`kubo ${peer} answers on 127.0.0.1:5001 through SSH`);
  return { changed: changes.length > 0, summary: changes.length > 0 ? changes.join('; ') : `${spec.name} already runs as asked` };
}


/** Waits for the RPC API; a container that exits or restarts meanwhile fails at once with its last log lines. */
async function waitForKubo(env: StepEnv, docker: Docker, name: string): Promise<string> {
  const deadline = Date.now() + KUBO_START_TIMEOUT_MS;
  const url = await env.kuboUrl();
  let lastError = '';
  let inspectedAt = 0;
  while (Date.now() < deadline) {
    try {
      const id = (await kuboCall(url, 'id')) as { ID?: string };
      if (id.ID) return id.ID;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    // Not yet: once a second, whether kubo gave up (a port taken, a bad setting) rather than still starting.
    if (Date.now() - inspectedAt >= 1000) {
      inspectedAt = Date.now();
      const state = await inspectContainer(docker, name);
      if (!state || !state.State.Running || state.RestartCount > 0) {
        throw new PinfleetError('remote_failed', `kubo in ${name} stopped (${state ? `${state.State.Status}, exit code ${state.State.ExitCode}` : 'container gone'}): ${await lastLogLines(docker, name)}`);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new PinfleetError('timeout', `kubo in ${name} did not answer within ${KUBO_START_TIMEOUT_MS / 1000} s (${lastError}): ${await lastLogLines(docker, name)}`);
}

async function lastLogLines(docker: Docker, name: string): Promise<string> {
  try {
    const raw = (await docker.getContainer(name).logs({ stdout: true, stderr: true, tail: 6, follow: false })) as unknown as Buffer;
    return demux(raw).split('\n').filter((l) => l.trim()).slice(-4).join(' | ') || 'it printed nothing';
  } catch {
    return 'its log could not be read';
  }
}

/** Docker's log frames without a TTY: 8-byte headers (stream, 0, 0, 0, size) before each chunk. */
export function demux(buffer: Buffer): string {
  const parts: Buffer[] = [];
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const size = buffer.readUInt32BE(offset + 4);
    parts.push(buffer.subarray(offset + 8, offset + 8 + size));
    offset += 8 + size;
  }
  return Buffer.concat(parts).toString('utf8');
}

export async function configureStep(env: StepEnv): Promise<StepOutcome> {
  const peering = await configurePeering(env);
  const token = env.input.rpcToken ? await requireRpcToken(env) : null;
  const changed = peering.changed || token?.changed === true;
  return { changed, summary: token ? `${peering.summary}; ${token.summary}` : peering.summary };
}

/**
 * API.Authorizations with Pinfleet's token (rpcToken). kubo reads it only at start, so a change
 * restarts the container. The session already sends the token (kubo ignores it while none is
 * required), so the RPC keeps answering across the change.
 */
async function requireRpcToken(env: StepEnv): Promise<StepOutcome> {
  const url = await env.kuboUrl();
  const wanted = authorizationsFor(await rpcTokenFor(env.deps.secrets, env.input.host, env.input.containerName));
  // kubo's config/show leaves API.Authorizations out; an unset key is an error of `config`: read the API section.
  const api = ((await kuboCall(url, 'config?arg=API')) as { Value?: { Authorizations?: unknown } }).Value;
  const current = api?.Authorizations ?? null;
  if (sameAuthorizations(current, wanted)) return { changed: false, summary: 'the RPC already requires Pinfleet\'s token' };
  await kuboCall(url, `config?arg=API.Authorizations&arg=${encodeURIComponent(JSON.stringify(wanted))}&json=true`);
  const docker = await env.docker();
  env.say(`the RPC now requires a bearer token (kept in this computer's secret store); restarting ${env.input.containerName} to apply it`);
  await docker.getContainer(env.input.containerName).restart({ t: 10 });
  await waitForKubo(env, docker, env.input.containerName);
  env.say('kubo answers with the token after the restart');
  return { changed: true, summary: 'the RPC requires Pinfleet\'s bearer token (API.Authorizations)' };
}

async function configurePeering(env: StepEnv): Promise<StepOutcome> {
  const url = await env.kuboUrl();
  const self = await peerIdentity(url);
  const { identities, notes } = await env.shared.peers;
  for (const note of notes) env.say(note);
  const wanted = peeringPeers(identities, self.id);
  const config = (await kuboCall(url, 'config/show')) as { Peering?: { Peers?: { ID: string; Addrs: string[] }[] | null } };
  const current = peeringPeers((config.Peering?.Peers ?? []).map((p) => ({ name: p.ID, id: p.ID, addresses: p.Addrs ?? [] })), null);
  if (JSON.stringify(current) === JSON.stringify(wanted)) {
    return { changed: false, summary: `already peered with ${wanted.length} node(s)` };
  }
  await kuboCall(url, `config?arg=Peering.Peers&arg=${encodeURIComponent(JSON.stringify(wanted))}&json=true`);
  for (const peer of wanted) {
    for (const addr of peer.Addrs) {
      // Takes effect now; the config keeps it across restarts.
      await kuboCall(url, `swarm/peering/add?arg=${encodeURIComponent(`${addr}/p2p/${peer.ID}`)}`).catch(() => undefined);
    }
    env.say(`peering with ${identities.find((i) => i.id === peer.ID)?.name ?? peer.ID} at ${peer.Addrs.join(', ')}`);
  }
  return { changed: true, summary: `Peering.Peers set to ${wanted.length} fleet node(s)` };
}

export async function verifyStep(env: StepEnv): Promise<StepOutcome> {
  const url = await env.kuboUrl();
  const id = (await kuboCall(url, 'id')) as { ID?: string; AgentVersion?: string };
  env.say(`RPC answers through the tunnel: ${id.AgentVersion ?? 'kubo'} ${id.ID ?? ''}`);
  const [cid, ss] = await Promise.all([roundTrip(url, env.input.host), env.run(SS_ARGV)]);
  env.say(`a test file round-tripped (${cid})`);
  if (ss.code !== 0) throw new PinfleetError('remote_failed', `ss could not list listening sockets: ${firstLine(ss)}`);
  const exposed = exposedListeners(parseSsListeners(ss.stdout), env.swarmHost);
  if (exposed.length > 0) {
    throw new PinfleetError('remote_failed', `listening beyond loopback: ${exposed.map((l) => `${l.host}:${l.port}${l.process ? ` (${l.process})` : ''}`).join(', ')}. RPC (5001), gateway (8080), Cluster REST (9094) and Docker (2375) must listen on 127.0.0.1 only.`);
  }
  env.say('nothing of 5001/8080/9094/2375 listens beyond loopback');
  return { changed: false, summary: `kubo ${id.ID} answers, a test file round-trips, RPC and gateway are on loopback only` };
}

/** Adds a unique small file (not pinned) and reads it back; its CID. */
async function roundTrip(url: string, host: string): Promise<string> {
  const probe = `pinfleet verify ${host} ${Date.now()} ${Math.random()}`;
  const form = new FormData();
  form.append('file', new Blob([probe]), 'probe.txt');
  const added = await fetch(`${url}/api/v0/add?pin=false&cid-version=1`, { method: 'POST', body: form });
  const addBody = await added.text();
  if (!added.ok) throw new PinfleetError('remote_failed', `kubo refused the test file: ${addBody.slice(0, 200)}`);
  const cid = (JSON.parse(addBody.trim().split('\n').at(-1)!) as { Hash: string }).Hash;
  const back = await fetch(`${url}/api/v0/cat?arg=${encodeURIComponent(cid)}`, { method: 'POST' });
  const text = await back.text();
  if (!back.ok || text !== probe) throw new PinfleetError('remote_failed', `the test file ${cid} did not come back intact (HTTP ${back.status})`);
  return cid;
}

export async function registerStep(env: StepEnv): Promise<StepOutcome> {
  const { deps, input } = env;
  const fields = registeredFields(input, { apiAddress: '127.0.0.1:5001', gatewayAddress: '127.0.0.1:8080', kuboContainer: input.containerName });
  const existing = deps.inventory.listNodes().find((n) => n.name.toLowerCase() === input.name.toLowerCase());
  let changed = false;
  if (existing) {
    if (existing.host.toLowerCase() !== input.host.toLowerCase() || existing.sshPort !== input.port) {
      throw new PinfleetError('duplicate', `the inventory already has a node named ${existing.name} at ${existing.host}:${existing.sshPort}: choose another name.`);
    }
    // The pin is not drift: the wizard's confirmed key may fill an empty pin (as hostkeys trust
    // does), never replace another one (that is hostkeys replace, naming the old key).
    const confirmed = fields.hostKeyFingerprint;
    if (confirmed && existing.hostKeyFingerprint !== null && existing.hostKeyFingerprint !== confirmed) {
      throw new PinfleetError('host_key_mismatch', `${existing.name} has the host key ${existing.hostKeyFingerprint} pinned, not ${confirmed}; nothing changed. To change the pin: pinfleet hostkeys replace ${existing.name} --previous ${existing.hostKeyFingerprint} --next ${confirmed}`);
    }
    if (confirmed && existing.hostKeyFingerprint === null) {
      deps.inventory.pinHostKey(existing.name, confirmed, deps.actor);
      env.say(`pinned the host key of ${existing.name}: ${confirmed}`);
      changed = true;
    }
    const drift = { tags: fields.tags, region: fields.region, priority: fields.priority, sshUser: fields.sshUser, apiAddress: fields.apiAddress, gatewayAddress: fields.gatewayAddress, kuboContainer: fields.kuboContainer };
    const differs = Object.entries(drift).filter(([key, value]) => JSON.stringify(existing[key as keyof typeof existing]) !== JSON.stringify(value));
    if (differs.length > 0) {
      deps.inventory.updateNode(existing.name, Object.fromEntries(differs), deps.actor);
      env.say(`updated ${differs.map(([k]) => k).join(', ')} of ${existing.name}`);
      changed = true;
    }
  } else {
    deps.inventory.addNode(fields, deps.actor);
    env.undo({ kind: 'remove-node', name: fields.name });
    await deps.setCredentials(input.login.method === 'agent' ? { name: fields.name, method: 'agent' } : { name: fields.name, method: 'keyFile', keyPath: input.login.keyPath, passphrase: input.login.passphrase });
    env.say(`added ${fields.name} to the inventory (login by ${input.login.method})`);
    changed = true;
  }
  if (input.rpcToken) {
    if (!deps.setApiCredentials) throw new PinfleetError('invalid_input', 'rpcToken: this Pinfleet cannot store a node\'s RPC credential');
    const token = await rpcTokenFor(deps.secrets, input.host, input.containerName);
    // Set every run: it costs nothing and heals a credential changed by hand meanwhile.
    await deps.setApiCredentials({ name: fields.name, scheme: 'bearer', token });
    env.say(`${fields.name}'s RPC credential is the wizard's bearer token`);
  }
  if (changed) deps.bus.publish('inventory.changed', { change: existing ? 'updated' : 'added', names: [fields.name] });
  const health = await deps.pollNode(fields.name);
  env.report.health = { state: health.state, reason: health.reason, usableTotal: health.capacity?.usableTotal ?? null };
  env.say(`first poll: ${health.state}${health.capacity ? `, ${formatBytes(health.capacity.usableTotal)} usable` : ''} (${health.reason})`);
  if (health.state === 'unreachable' || health.state === 'unknown') throw new PinfleetError('unreachable', `${fields.name} is registered but its first poll says ${health.state}: ${health.reason}`);
  return { changed, summary: `${changed ? (existing ? 'updated' : 'registered') : 'already registered as'} ${fields.name}; first poll: ${health.state}` };
}
