import { describe, expect, it } from 'vitest';
import { FACTS_SCRIPT, factsArgv, parseFacts } from '../../../src-main/provisioning/steps/server-facts.js';

const section = (name: string, body: string) => `\n@@pinfleet:${name}\n${body}`;

function answer(overrides: Record<string, string> = {}): string {
  const sections: Record<string, string> = {
    id: 'root\n',
    uname: 'Linux x86_64\n',
    os: 'ID=debian\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n',
    df: '  1B-blocks     Avail\n536870912 536870912\n',
    meminfo: 'MemTotal:       24684092 kB\nMemAvailable:   23940976 kB\n',
    nproc: '2\n',
    docker: '0\n20.10.24+dfsg1\n',
    ss: 'LISTEN 0 128 127.0.0.20:22 0.0.0.0:*\n',
    date: '1795322400123456789\n',
    dirs: 'yes\nno\n',
    owner: '64101:64101\n',
    init: 'ab12  /srv/data/container-init.d/001-pinfleet.sh\n',
    container: 'true 1\n',
    image: 'sha256:0123\n',
    end: '',
    ...overrides,
  };
  return Object.entries(sections).map(([name, body]) => section(name, body)).join('');
}

describe('reading a server in one command', () => {
  it('passes the admin values only as positional arguments of a fixed script', () => {
    const argv = factsArgv({ dataPath: '/srv/$(id)', repo: '/srv/$(id)/ipfs', initDir: '/srv/$(id)/container-init.d', initFile: '/srv/$(id)/container-init.d/x.sh' }, 'pinfleet-kubo', 'ipfs/kubo:v0.43.0');
    expect(argv.slice(0, 4)).toEqual(['sh', '-c', FACTS_SCRIPT, 'pinfleet-facts']);
    expect(argv.slice(4)).toEqual(['/srv/$(id)', '/srv/$(id)/ipfs', '/srv/$(id)/container-init.d', '/srv/$(id)/container-init.d/x.sh', 'pinfleet-kubo', 'ipfs/kubo:v0.43.0']);
    expect(FACTS_SCRIPT).not.toContain('$(id)');
  });

  it('parses every section', () => {
    expect(parseFacts(answer())).toEqual({
      user: 'root',
      uname: 'Linux x86_64',
      osRelease: 'ID=debian\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n',
      df: { stdout: '  1B-blocks     Avail\n536870912 536870912\n', stderr: '', code: 0 },
      meminfo: 'MemTotal:       24684092 kB\nMemAvailable:   23940976 kB\n',
      nproc: 2,
      docker: { stdout: '20.10.24+dfsg1', stderr: '', code: 0 },
      ss: { stdout: 'LISTEN 0 128 127.0.0.20:22 0.0.0.0:*\n', stderr: '', code: 0 },
      date: '1795322400123456789',
      repoExists: true,
      initDirExists: false,
      repoOwner: '64101:64101',
      initSha256: 'ab12',
      ownContainerRunning: true,
      imagePresent: true,
    });
  });

  it('turns a missing Docker, a bad data path and a missing container into what the judges read', () => {
    const facts = parseFacts(answer({ docker: '127\nsh: 1: docker: not found\n', df: "df: /srv/nope: No such file or directory\n", container: '', image: '', owner: '', init: '' }));
    expect(facts.docker).toEqual({ stdout: '', stderr: 'sh: 1: docker: not found', code: 127 });
    expect(facts.df).toMatchObject({ code: 1, stderr: 'df: /srv/nope: No such file or directory\n' });
    expect(facts).toMatchObject({ ownContainerRunning: false, imagePresent: false, repoOwner: null, initSha256: null });
  });

  it('refuses an answer that was cut short', () => {
    expect(() => parseFacts(answer().replace('\n@@pinfleet:end\n', ''))).toThrow(/cut short/);
  });
});
