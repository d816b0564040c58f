// A kubo that refuses writes while every read answers: when its writes are probed, and what it shows.
import { describe, expect, it } from 'vitest';
import { WriteProbeSchedule } from '../../../src-main/health/write-probe-schedule.js';
import { WRITE_PROBE_CID } from '../../../src-main/health/write-probe.js';
import { refusingWritesReason } from '../../../src-main/health/node-reading.js';

describe('WriteProbeSchedule', () => {
  it('probes at the first poll, then once per interval', () => {
    const schedule = new WriteProbeSchedule(60_000);
    expect(schedule.due('n', 0)).toBe(true);
    schedule.record('n', null, 0);
    expect(schedule.due('n', 59_999)).toBe(false);
    expect(schedule.due('n', 60_000)).toBe(true);
  });

  it('probes at the next poll once something saw the node refuse a write', () => {
    const schedule = new WriteProbeSchedule(60_000);
    schedule.record('n', null, 0);
    schedule.suspect('n');
    expect(schedule.due('n', 1)).toBe(true);
    schedule.record('n', null, 1);
    expect(schedule.due('n', 2)).toBe(false);
  });

  it('probes at every poll while the node refuses, so a restart shows at once', () => {
    const schedule = new WriteProbeSchedule(60_000);
    schedule.record('n', 'no space left on device', 0);
    expect(schedule.refusal('n')).toBe('no space left on device');
    expect(schedule.due('n', 1)).toBe(true);
    schedule.record('n', null, 1);
    expect(schedule.refusal('n')).toBeNull();
    expect(schedule.due('n', 2)).toBe(false);
  });

  it('forgets a removed node', () => {
    const schedule = new WriteProbeSchedule(60_000);
    schedule.record('n', 'x', 0);
    schedule.forget('n');
    expect(schedule.refusal('n')).toBeNull();
    expect(schedule.due('n', 1)).toBe(true);
  });
});

describe('the write probe', () => {
  it('pins an identity CID, which needs no block from anywhere', () => {
    expect(WRITE_PROBE_CID).toMatch(/^bafkqa/u);
  });

  it('names the refusal and the fix', () => {
    expect(refusingWritesReason('kubo refused pin/add: pin: write /data/ipfs/datastore/000067.log: no space left on device')).toBe(
      "refusing writes: pin: write /data/ipfs/datastore/000067.log: no space left on device. kubo keeps a datastore write error (often an earlier full disk) until it restarts: restart kubo (the node's page, Restart container)",
    );
  });
});
