import { describe, expect, it } from 'vitest';
import { exposureOf, exposureWarnings, isLoopbackAddress, parseTcpMultiaddr } from '../../../src-main/provisioning/steps/exposure.js';
import { bindsCollide, judgePorts, kuboPortPlan, parseSsListeners } from '../../../src-main/provisioning/steps/listen-ports.js';

const SS = [
  'LISTEN 0      4096   127.0.0.11:5001  0.0.0.0:* users:(("ipfs",pid=32728,fd=22))',
  'LISTEN 0      128       0.0.0.0:2024  0.0.0.0:*',
  'LISTEN 0      4096            *:8080        *:* users:(("nginx",pid=77,fd=6))',
  'LISTEN 0      4096        [::1]:9000     [::]:*',
  'LISTEN 0      4096 127.0.0.53%lo:53   0.0.0.0:*',
  'garbage',
].join('\n');

describe('listening ports', () => {
  it('parses ss -ltnpH lines', () => {
    expect(parseSsListeners(SS)).toEqual([
      { host: '127.0.0.11', port: 5001, process: 'ipfs (pid 32728)' },
      { host: '0.0.0.0', port: 2024, process: null },
      { host: '*', port: 8080, process: 'nginx (pid 77)' },
      { host: '::1', port: 9000, process: null },
      { host: '127.0.0.53', port: 53, process: null },
    ]);
  });

  it.each([
    ['0.0.0.0', '127.0.0.11', true],
    ['127.0.0.20', '127.0.0.11', false],
    ['127.0.0.20', '*', true],
    ['127.0.0.11', '127.0.0.11', true],
    ['127.0.0.1', '::1', false],
  ])('a bind to %s collides with a listener on %s: %s', (planned, existing, collides) => {
    expect(bindsCollide(planned, existing)).toBe(collides);
  });

  it('fails a taken port naming the process, passes free ones', () => {
    const findings = judgePorts(parseSsListeners(SS), kuboPortPlan());
    expect(findings.map((f) => [f.check, f.status])).toEqual([
      ['port-4001', 'pass'],
      ['port-5001', 'pass'],
      ['port-8080', 'fail'],
    ]);
    expect(findings[2]!.summary).toContain('nginx (pid 77)');
    const onNode = judgePorts(parseSsListeners(SS), kuboPortPlan('127.0.0.11'));
    expect(onNode[1]).toMatchObject({ status: 'fail', summary: expect.stringContaining('ipfs (pid 32728)') as unknown, action: expect.stringContaining('adopt') as unknown });
  });
});

describe('RPC and gateway exposure', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.0.0.12', true],
    ['::1', true],
    ['[::1]', true],
    ['::ffff:127.0.0.1', true],
    ['0.0.0.0', false],
    ['::', false],
    ['10.0.0.5', false],
    ['128.0.0.1', false],
  ])('%s is loopback: %s', (host, loopback) => {
    expect(isLoopbackAddress(host)).toBe(loopback);
  });

  it.each([
    [['/ip4/127.0.0.1/tcp/5001'], 'loopback'],
    [['/ip4/127.0.0.12/tcp/5001', '/ip6/::1/tcp/5001'], 'loopback'],
    [['/ip4/0.0.0.0/tcp/5001'], 'beyond-loopback'],
    [['/ip4/127.0.0.1/tcp/5001', '/ip4/192.168.1.4/tcp/5001'], 'beyond-loopback'],
    [['/unix/run/ipfs.sock'], 'none'],
    [[], 'none'],
  ])('%j is %s', (addresses, exposure) => {
    expect(exposureOf(addresses)).toBe(exposure);
  });

  it('warns about each listener beyond loopback', () => {
    expect(exposureWarnings(['/ip4/127.0.0.1/tcp/5001'], ['/ip4/127.0.0.1/tcp/8080'])).toEqual([]);
    const warnings = exposureWarnings(['/ip4/0.0.0.0/tcp/5001'], ['/ip4/203.0.113.9/tcp/8080']);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('RPC API');
    expect(parseTcpMultiaddr('/dns4/example.com/tcp/80')).toEqual({ host: 'example.com', port: 80 });
  });
});
