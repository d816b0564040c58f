// The add-a-server steps that look at the server and prepare it: connect (which reads every fact
// the later steps need in one command), preflight, Docker, image. Each is idempotent: what is
// already as wanted is left alone and reported as unchanged.
import { PinfleetError } from '../../../src-preload/contract/errors.js';
import type { PreflightFinding } from '../../../src-preload/contract/provisioning-types.js';
import { parseDf } from '../../health/df.js';
import { commandLabel } from '../../connections/remote-exec.js';
import { DOCKER_VERSION_ARGV, judgeDocker } from '../steps/docker-judge.js';
import { imagePresent, imageTar, loadImage, pullImage } from '../steps/image-transfer.js';
import { judgePorts, parseSsListeners } from '../steps/listen-ports.js';
import { worstStatus } from '../steps/preflight.js';
import { KUBO_PORTS, dockerInstallCommands } from '../steps/provision-plan.js';
import { factsOf, firstLine, type StepEnv, type StepOutcome } from '../steps/provision-env.js';
import { factsArgv, parseFacts } from '../steps/server-facts.js';
import { clockSkewMs, judgeArch, judgeClock, judgeDisk, judgeMemory, judgeOs, parseMeminfo, parseOsRelease } from '../steps/system-judges.js';

export async function connectStep(env: StepEnv): Promise<StepOutcome> {
  env.shared.factsAskedAt = Date.now();
  // Docker over the same connection, opened meanwhile (it asks the server for DOCKER_HOST once).
  void env.docker().catch(() => undefined);
  const result = await env.run(factsArgv({ dataPath: env.input.dataPath, ...env.layout }, env.input.containerName, env.image));
  env.shared.factsAnsweredAt = Date.now();
  if (result.code !== 0) throw new PinfleetError('remote_failed', `logged in, but reading the server failed: ${firstLine(result)}`);
  const facts = parseFacts(result.stdout);
  env.shared.facts = facts;
  const { host, port, fingerprint } = env.input;
  return { changed: false, summary: `connected to ${facts.user}@${host}:${port}; its host key ${fingerprint} is the one you confirmed` };
}

export function preflightFindings(env: StepEnv): PreflightFinding[] {
  const facts = factsOf(env);
  const [kernel = '', machine = ''] = facts.uname.split(/\s+/);
  let disk: ReturnType<typeof parseDf> | { error: string };
  try {
    disk = facts.df.code === 0 ? parseDf(facts.df.stdout) : { error: firstLine(facts.df) };
  } catch (error) {
    disk = { error: (error as Error).message };
  }
  const findings: PreflightFinding[] = [
    judgeOs(kernel, parseOsRelease(facts.osRelease)),
    judgeArch(machine),
    judgeDisk(env.input.dataPath, disk),
    judgeMemory(parseMeminfo(facts.meminfo)),
    judgeClock(clockSkewMs(facts.date, env.shared.factsAskedAt, env.shared.factsAnsweredAt)),
  ];
  // Docker has its own step. kubo's ports are judged against where this wizard binds them.
  if (facts.ownContainerRunning) {
    findings.push({ check: 'ports', status: 'pass', summary: `4001/5001/8080 are held by ${env.input.containerName}, which this wizard made`, action: null });
  } else if (facts.ss.code !== 0) {
    findings.push({ check: 'ports', status: 'warn', summary: `ss could not list listening ports: ${firstLine(facts.ss)}`, action: 'Install iproute2 (ss), or check ports 4001, 5001 and 8080 by hand.' });
  } else {
    findings.push(
      ...judgePorts(parseSsListeners(facts.ss.stdout), [
        { port: KUBO_PORTS.swarm, role: 'swarm', host: env.swarmHost },
        { port: KUBO_PORTS.api, role: 'RPC API', host: '127.0.0.1' },
        { port: KUBO_PORTS.gateway, role: 'gateway', host: '127.0.0.1' },
      ]),
    );
  }
  return findings;
}

export function preflightStep(env: StepEnv): Promise<StepOutcome> {
  const findings = preflightFindings(env);
  for (const f of findings) env.say(`${f.status.toUpperCase()} ${f.check}: ${f.summary}${f.action ? ` — ${f.action}` : ''}`);
  const failed = findings.filter((f) => f.status === 'fail');
  if (failed.length > 0) {
    throw new PinfleetError('remote_failed', `preflight failed: ${failed.map((f) => `${f.check}: ${f.summary}${f.action ? ` (${f.action})` : ''}`).join('; ')}`);
  }
  const warned = findings.filter((f) => f.status === 'warn').map((f) => f.check);
  return Promise.resolve({ changed: false, summary: worstStatus(findings) === 'warn' ? `passed with warnings (${warned.join(', ')})` : 'passed' });
}

export async function dockerStep(env: StepEnv): Promise<StepOutcome> {
  const facts = factsOf(env);
  const finding = judgeDocker(facts.docker, env.input.user);
  if (finding.status === 'pass') return { changed: false, summary: `${finding.summary}: nothing to install` };
  if (finding.summary !== 'Docker is not installed') throw new PinfleetError('remote_failed', `${finding.summary}. ${finding.action ?? ''}`.trim());
  const commands = dockerInstallCommands(parseOsRelease(facts.osRelease));
  if (!commands) throw new PinfleetError('remote_failed', "Docker is not installed and the wizard does not know this distribution's packages: install Docker by hand, then retry from the docker step.");
  env.report.dockerInstall = commands.map((argv) => argv.join(' '));
  for (const line of env.report.dockerInstall) env.say(`to run: ${line}`);
  if (!env.input.installDocker) {
    throw new PinfleetError('remote_failed', `Docker is not installed. The wizard would run: ${env.report.dockerInstall.join(' && ')}. Confirm to run them (installDocker / --install-docker), then retry from the docker step.`);
  }
  for (const argv of commands) {
    env.say(`running: ${commandLabel(argv)}`);
    const result = await env.run(argv, { timeoutMs: 15 * 60_000 });
    if (result.code !== 0) throw new PinfleetError('remote_failed', `\`${commandLabel(argv)}\` failed: ${firstLine(result)}`);
  }
  // Distribution packages listen on the unix socket only; the verify step checks 2375 stays closed.
  const after = judgeDocker(await env.run(DOCKER_VERSION_ARGV), env.input.user);
  if (after.status !== 'pass') throw new PinfleetError('remote_failed', `Docker was installed but is not usable yet: ${after.summary}. ${after.action ?? ''}`.trim());
  return { changed: true, summary: `installed ${after.summary}` };
}

export async function imageStep(env: StepEnv): Promise<StepOutcome> {
  if (factsOf(env).imagePresent) return { changed: false, summary: `${env.image} is already on the server` };
  const docker = await env.docker();
  // Asked again through the API: the facts were read before a retry may have loaded it.
  if (await imagePresent(docker, env.image)) return { changed: false, summary: `${env.image} is already on the server` };
  if (env.input.imageSource === 'send') {
    const from = env.input.imageFile ?? `this computer's Docker (docker save ${env.image})`;
    env.say(`sending ${env.image} from ${from} over SSH`);
    const tar = imageTar(env.image, env.input.imageFile, env.deps.environment ?? process.env);
    env.undo({ kind: 'remove-image', ref: env.image });
    const loaded = await loadImage(docker, tar, (done, total) => env.bytes(done, total));
    for (const line of loaded) env.say(line);
  } else {
    env.say(`pulling ${env.image} on the server`);
    env.undo({ kind: 'remove-image', ref: env.image });
    await pullImage(docker, env.image, (done, total) => env.bytes(done, total));
  }
  if (!(await imagePresent(docker, env.image))) {
    throw new PinfleetError('remote_failed', `the image that arrived is not tagged ${env.image}: check the tar holds that tag (docker save ${env.image}).`);
  }
  return { changed: true, summary: `${env.image} is on the server (${env.input.imageSource === 'send' ? 'sent over SSH' : 'pulled'})` };
}
