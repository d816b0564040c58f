import { describe, expect, it } from 'vitest';
import type { ProvisionProgress } from '../../../src-preload/contract/provisioning-types.js';
import { applyProgress, bytesText } from '../../../src-renderer/features/provisioning/lib/step-logs.js';
import { emptyTarget, splitTags, targetInput } from '../../../src-renderer/features/provisioning/lib/target-draft.js';
import { progressText } from '../../../src-main/cli/commands/provision.js';

const event = (patch: Partial<ProvisionProgress>): ProvisionProgress => ({ runId: 1, host: 'h', kind: 'provision', step: 'image', status: 'running', line: null, bytes: null, ...patch });

describe('the wizard step log', () => {
  it('folds lines, statuses and byte counts per step', () => {
    let logs = applyProgress({}, event({ line: 'sending' }));
    logs = applyProgress(logs, event({ bytes: { done: 10, total: 100 } }));
    logs = applyProgress(logs, event({ status: 'done', line: 'sent' }));
    expect(logs).toEqual({ image: { status: 'done', lines: ['sending', 'sent'], bytes: { done: 10, total: 100 } } });
  });

  it('says how far a transfer got', () => {
    expect(bytesText({ done: 50, total: 200 }, (n) => `${n} B`)).toBe('50 B of 200 B (25 %)');
    expect(bytesText({ done: 50, total: null }, (n) => `${n} B`)).toBe('50 B sent');
  });
});

describe('the connection draft', () => {
  it('asks for the host key confirmation before anything runs', () => {
    expect(targetInput({ ...emptyTarget(), host: '10.0.0.9', keyPath: '~/.ssh/id' })).toBe('Check the server’s host key and confirm it first.');
    expect(targetInput({ ...emptyTarget(), host: '10.0.0.9', port: '99999', keyPath: 'k', confirmedFingerprint: 'SHA256:x' })).toMatch(/SSH port/);
    expect(targetInput({ ...emptyTarget(), host: ' 10.0.0.9 ', keyPath: 'k', confirmedFingerprint: 'SHA256:x' })).toEqual({
      host: '10.0.0.9', port: 22, user: 'root', fingerprint: 'SHA256:x', login: { method: 'keyFile', keyPath: 'k' },
    });
    expect(targetInput({ ...emptyTarget(), host: 'h', loginMethod: 'agent', confirmedFingerprint: 'SHA256:x' })).toMatchObject({ login: { method: 'agent' } });
    expect(splitTags(' a, b,,c ')).toEqual(['a', 'b', 'c']);
  });
});

describe('the CLI progress line', () => {
  it('prints a step start, its lines, its end and bytes sent', () => {
    expect(progressText(event({}))).toBe('[image] …');
    expect(progressText(event({ line: 'sending' }))).toBe('  sending');
    expect(progressText(event({ status: 'done', line: 'sent over SSH' }))).toBe('[image] ok: sent over SSH');
    expect(progressText(event({ status: 'failed', line: 'refused' }))).toBe('[image] FAILED: refused');
    expect(progressText(event({ bytes: { done: 2 * 1024 * 1024, total: 4 * 1024 * 1024 } }))).toBe('  image: 2 MiB of 4 MiB sent');
  });
});
