// .env files to import candidates, by table.
import { describe, expect, it } from 'vitest';
import { envToCandidates, parseEndpoint, unquoteEnvValue } from '../../../src-main/inventory/formats/env-import.js';

describe('envToCandidates', () => {
  it.each([
    ['a plain URL', 'IPFS_NODE1_ENDPOINT=http://10.0.0.5:5001', { name: 'node1', host: '10.0.0.5', apiAddress: '10.0.0.5:5001' }],
    ['underscores and upper case', 'IPFS_STORAGE_EU_1_ENDPOINT=https://Store.example.com:9095/api/v0', { name: 'storage-eu-1', host: 'Store.example.com', apiAddress: 'Store.example.com:9095' }],
    ['no port (default 5001)', 'IPFS_A_ENDPOINT=http://a.example', { host: 'a.example', apiAddress: 'a.example:5001' }],
    ['an explicit default port', 'IPFS_A_ENDPOINT=http://10.0.0.5:80', { apiAddress: '10.0.0.5:80' }],
    ['double quotes', 'IPFS_A_ENDPOINT="http://10.0.0.5:5001" # main', { host: '10.0.0.5' }],
    ['single quotes', "IPFS_A_ENDPOINT='http://10.0.0.5:5001'", { host: '10.0.0.5' }],
    ['an export prefix', 'export IPFS_A_ENDPOINT=http://10.0.0.5:5001', { name: 'a' }],
    ['spaces around =', 'IPFS_A_ENDPOINT = http://10.0.0.5:5001  # comment', { apiAddress: '10.0.0.5:5001' }],
    ['no scheme', 'IPFS_A_ENDPOINT=10.0.0.5:5002', { host: '10.0.0.5', apiAddress: '10.0.0.5:5002' }],
    ['an IPv6 URL', 'IPFS_A_ENDPOINT=http://[fd00::5]:5001', { host: 'fd00::5', apiAddress: '[fd00::5]:5001' }],
    ['a multiaddr', 'IPFS_A_ENDPOINT=/ip4/10.0.0.5/tcp/5001', { host: '10.0.0.5', apiAddress: '10.0.0.5:5001' }],
    ['credentials in the URL (dropped)', 'IPFS_A_ENDPOINT=http://admin:secret@10.0.0.5:5001', { host: '10.0.0.5', apiAddress: '10.0.0.5:5001' }],
  ])('reads %s', (_label, line, expected) => {
    const [candidate, ...rest] = envToCandidates(line);
    expect(rest).toEqual([]);
    expect(candidate!.problem).toBeNull();
    expect(candidate!.input).toMatchObject(expected);
  });

  it('notes where the node came from and numbers lines', () => {
    const text = '# fleet\n\nOTHER=1\r\nIPFS_NODE_2_ENDPOINT=http://10.0.0.6:5001\n';
    expect(envToCandidates(text)).toEqual([
      {
        ref: 'line 4 (IPFS_NODE_2_ENDPOINT)',
        name: 'node-2',
        input: { name: 'node-2', host: '10.0.0.6', apiAddress: '10.0.0.6:5001', notes: 'Imported from .env (IPFS_NODE_2_ENDPOINT)' },
        problem: null,
      },
    ]);
  });

  it.each([
    ['comments and blank lines', '# IPFS_A_ENDPOINT=http://x:1\n\n   \n'],
    ['other variables', 'DATABASE_URL=postgres://db\nIPFS_PATH=/data/ipfs\nIPFS_API=http://x:5001'],
    ['lines that are not assignments', 'just some words\n[section]'],
  ])('ignores %s', (_label, text) => {
    expect(envToCandidates(text)).toEqual([]);
  });

  it.each([
    ['an empty value', 'IPFS_A_ENDPOINT=', 'line 1 (IPFS_A_ENDPOINT): has no URL'],
    ['an unclosed quote', 'IPFS_A_ENDPOINT="http://x:5001', 'line 1 (IPFS_A_ENDPOINT): its quoted value never ends'],
    ['another scheme', 'IPFS_A_ENDPOINT=ftp://10.0.0.5:21', 'line 1 (IPFS_A_ENDPOINT): uses ftp://, but the kubo RPC API is reached over http:// or https://'],
    ['a port that is not a number', 'IPFS_A_ENDPOINT=http://10.0.0.5:api', 'line 1 (IPFS_A_ENDPOINT): "api" is not a port'],
    ['no host', 'IPFS_A_ENDPOINT=http://:5001', 'line 1 (IPFS_A_ENDPOINT): "http://:5001" names no host: expected a URL like http://10.0.0.5:5001'],
    ['no name', 'IPFS__ENDPOINT=http://10.0.0.5:5001', 'line 1 (IPFS__ENDPOINT): names no node between IPFS_ and _ENDPOINT'],
    ['a missing =', 'IPFS_A_ENDPOINT http://10.0.0.5:5001', 'line 1: expected IPFS_<NAME>_ENDPOINT=<url>'],
  ])('reports %s as unreadable', (_label, text, reason) => {
    const [candidate] = envToCandidates(text);
    expect(candidate!.input).toBeNull();
    expect(`${candidate!.ref}: ${candidate!.problem}`).toBe(reason);
  });
});

describe('the pieces', () => {
  it.each([
    ['"a \\"b\\" c"', 'a "b" c'],
    ["'a # b'", 'a # b'],
    ['a#b', 'a#b'],
    ['a #b', 'a'],
  ])('unquotes %s', (raw, value) => {
    expect(unquoteEnvValue(raw)).toEqual({ value });
  });

  it('keeps bracket-free hosts and ports of /dns multiaddrs', () => {
    expect(parseEndpoint('/dns4/ipfs.example/tcp/5001/http')).toEqual({ host: 'ipfs.example', port: 5001 });
  });
});
