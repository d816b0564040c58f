import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, isAppUrl } from '../../../src-main/shell/app-origin.js';
import {
  decideNavigation,
  decideRedirect,
  decideWindowOpen,
  isAllowedExternalLink,
} from '../../../src-main/shell/navigation-policy.js';
import { isPermissionGranted } from '../../../src-main/shell/permission-policy.js';

describe('isAppUrl', () => {
  it.each([
    [APP_ENTRY_URL, true],
    ['pinfleet://app/', true],
    ['pinfleet://app/assets/index-abc.js?v=1#x', true],
    ['pinfleet://other/index.html', false],
    ['pinfleet://app.evil.com/index.html', false],
    ['pinfleet://user@app/index.html', false],
    ['pinfleet://app:8080/index.html', false],
    ['file:///etc/passwd', false],
    ['https://app/index.html', false],
    ['http://localhost:5173/', false],
    ['about:blank', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
    ['', false],
  ])('%s → %s', (url, expected) => {
    expect(isAppUrl(url)).toBe(expected);
  });
});

describe('decideNavigation (will-navigate)', () => {
  it.each([
    ['pinfleet://app/index.html', 'allow'],
    ['pinfleet://app/index.html#/nodes/alpha', 'allow'],
    ['https://docs.ipfs.tech/how-to/', 'open-externally'],
    ['https://ipfscluster.io/documentation/', 'open-externally'],
    ['https://github.com/ipfs/kubo/issues', 'open-externally'],
    ['https://evil.example/', 'deny'],
    ['http://docs.ipfs.tech/', 'deny'],
    ['file:///home/admin/.ssh/id_ed25519', 'deny'],
    ['data:text/html,<script>alert(1)</script>', 'deny'],
    ['javascript:alert(1)', 'deny'],
    ['about:blank', 'deny'],
    ['chrome://settings', 'deny'],
    ['smb://attacker/share', 'deny'],
  ] as const)('%s → %s', (url, expected) => {
    expect(decideNavigation(url)).toBe(expected);
  });
});

describe('decideRedirect (will-redirect)', () => {
  it('keeps redirects inside the app and never opens a browser for one', () => {
    expect(decideRedirect('pinfleet://app/index.html')).toBe('allow');
    expect(decideRedirect('https://docs.ipfs.tech/')).toBe('deny');
    expect(decideRedirect('https://evil.example/')).toBe('deny');
  });
});

describe('decideWindowOpen (setWindowOpenHandler)', () => {
  it.each([
    ['pinfleet://app/index.html', false],
    ['https://docs.ipfs.tech/concepts/', true],
    ['https://evil.example/', false],
    ['about:blank', false],
  ])('%s: always denied, opened externally: %s', (url, external) => {
    expect(decideWindowOpen(url)).toEqual({ action: 'deny', openExternally: external });
  });
});

describe('isAllowedExternalLink', () => {
  it.each([
    ['https://docs.ipfs.tech/', true],
    ['https://docs.ipfs.tech/install/command-line/', true],
    ['https://ipfscluster.io/', true],
    ['https://docs.docker.com/engine/install/', true],
    ['https://github.com/ipfs', true],
    ['https://github.com/ipfs/kubo', true],
    ['https://github.com/ipfs-cluster/ipfs-cluster/releases', true],
    ['https://DOCS.IPFS.TECH/', true],
    // github.com is allowed only for the IPFS organisations.
    ['https://github.com/', false],
    ['https://github.com/attacker/repo', false],
    ['https://github.com/ipfsx/kubo', false],
    ['https://gist.github.com/ipfs', false],
    // Look-alikes, sub-domains, credentials, ports and other schemes.
    ['https://docs.ipfs.tech.evil.example/', false],
    ['https://evil.example/docs.ipfs.tech', false],
    ['https://sub.docs.ipfs.tech/', false],
    ['https://docs.ipfs.tech@evil.example/', false],
    ['https://user:pass@docs.ipfs.tech/', false],
    ['https://docs.ipfs.tech:8443/', false],
    ['http://docs.ipfs.tech/', false],
    ['ftp://docs.ipfs.tech/', false],
    ['file:///etc/passwd', false],
    ['ms-msdt:/id PCWDiagnostic', false],
    ['', false],
  ])('%s → %s', (url, expected) => {
    expect(isAllowedExternalLink(url)).toBe(expected);
  });
});

describe('isPermissionGranted', () => {
  it.each([
    'media',
    'geolocation',
    'notifications',
    'clipboard-read',
    'clipboard-sanitized-write',
    'fullscreen',
    'openExternal',
    'hid',
    'usb',
    'serial',
    'fileSystem',
    'unknown',
  ])('denies %s', (permission) => {
    expect(isPermissionGranted(permission)).toBe(false);
  });
});
