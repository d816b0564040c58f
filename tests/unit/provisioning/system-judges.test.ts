import { describe, expect, it } from 'vitest';
import { judgeDocker } from '../../../src-main/provisioning/steps/docker-judge.js';
import { worstStatus } from '../../../src-main/provisioning/steps/preflight.js';
import {
  clockSkewMs,
  judgeArch,
  judgeClock,
  judgeDisk,
  judgeMemory,
  judgeOs,
  parseMeminfo,
  parseOsRelease,
} from '../../../src-main/provisioning/steps/system-judges.js';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

describe('preflight judges', () => {
  it('reads /etc/os-release and judges the OS', () => {
    const debian = parseOsRelease('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\n');
    expect(debian).toMatchObject({ ID: 'debian', VERSION_ID: '12' });
    expect(judgeOs('Linux', debian)).toMatchObject({ status: 'pass', summary: 'Debian GNU/Linux 12 (bookworm)' });
    expect(judgeOs('Linux', parseOsRelease('ID=pop\nID_LIKE="ubuntu debian"'))).toMatchObject({ status: 'pass' });
    expect(judgeOs('Linux', parseOsRelease('ID=nixos'))).toMatchObject({ status: 'warn' });
    expect(judgeOs('FreeBSD', {})).toMatchObject({ status: 'fail' });
  });

  it.each([
    ['x86_64', 'pass'],
    ['aarch64', 'pass'],
    ['armv7l', 'fail'],
    ['', 'fail'],
  ])('judges architecture %s as %s', (arch, status) => {
    expect(judgeArch(arch).status).toBe(status);
  });

  it.each([
    [16 * GiB, 'pass'],
    [1 * GiB, 'warn'],
    [256 * MiB, 'fail'],
  ])('judges %d bytes of memory', (total, status) => {
    expect(judgeMemory({ total, available: total / 2 }).status).toBe(status);
  });

  it('reads /proc/meminfo in bytes', () => {
    expect(parseMeminfo('MemTotal:       24684092 kB\nMemFree:  1 kB\nMemAvailable:   23440108 kB\n')).toEqual({ total: 24684092 * 1024, available: 23440108 * 1024 });
    expect(judgeMemory(parseMeminfo('nothing')).status).toBe('warn');
  });

  it.each([
    [{ total: 100 * GiB, free: 80 * GiB }, 'pass'],
    [{ total: 512 * MiB, free: 512 * MiB }, 'warn'],
    [{ total: 512 * MiB, free: 10 * MiB }, 'fail'],
    [{ error: "df: /nope: No such file or directory" }, 'fail'],
  ])('judges disk %j', (disk, status) => {
    const finding = judgeDisk('/data', disk);
    expect(finding.status).toBe(status);
    if (status !== 'pass') expect(finding.action).toBeTruthy();
  });

  it('measures clock skew against the midpoint of the request', () => {
    expect(clockSkewMs('1795308012075203752\n', 1795308012000, 1795308012100)).toBe(25);
    expect(clockSkewMs('garbage', 0, 0)).toBeNull();
    expect(judgeClock(300).status).toBe('pass');
    expect(judgeClock(-10_000)).toMatchObject({ status: 'warn', summary: expect.stringContaining('behind') as unknown });
    expect(judgeClock(10 * 60_000).status).toBe('fail');
    expect(judgeClock(null).status).toBe('warn');
  });

  it.each([
    [{ code: 0, stdout: '24.0.7\n', stderr: '' }, 'pass', 'Docker 24.0.7'],
    [{ code: 127, stdout: '', stderr: 'bash: docker: command not found' }, 'fail', 'not installed'],
    [{ code: 1, stdout: '', stderr: 'permission denied while trying to connect to the Docker daemon socket' }, 'fail', 'may not use'],
    [{ code: 1, stdout: '', stderr: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?' }, 'fail', 'not running'],
  ])('judges docker version output %#', (result, status, words) => {
    const finding = judgeDocker(result, 'ipfs');
    expect(finding.status).toBe(status);
    expect(finding.summary).toContain(words);
  });

  it('takes the worst status as the verdict', () => {
    const f = (status: 'pass' | 'warn' | 'fail') => ({ check: 'x', status, summary: '', action: null });
    expect(worstStatus([f('pass'), f('warn')])).toBe('warn');
    expect(worstStatus([f('warn'), f('fail'), f('pass')])).toBe('fail');
    expect(worstStatus([])).toBe('pass');
  });
});
