import { describe, expect, it } from 'vitest';
import { watchForStall, type StallTimers } from '../../../src-main/uploads/stall-watch.js';
import { parseImportAnswer } from '../../../src-main/uploads/dag-copy.js';

/** Timers the test moves by hand. */
function manualTimers() {
  let now = 0;
  const pending = new Map<number, { at: number; fn: () => void }>();
  let next = 1;
  const timers: StallTimers = {
    set: (fn, ms) => {
      pending.set(next, { at: now + ms, fn });
      return next++;
    },
    clear: (handle) => void pending.delete(handle as number),
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [id, t] of [...pending]) {
      if (t.at > now) continue;
      pending.delete(id);
      t.fn();
    }
  };
  return { timers, advance };
}

describe('watchForStall', () => {
  it('fires once when nothing moved for the stall time', () => {
    const { timers, advance } = manualTimers();
    let stalls = 0;
    watchForStall(1000, () => (stalls += 1), timers);
    advance(999);
    expect(stalls).toBe(0);
    advance(1);
    advance(5000);
    expect(stalls).toBe(1);
  });

  it('counts only a changed value as movement (kubo repeats its last progress line)', () => {
    const { timers, advance } = manualTimers();
    let stalls = 0;
    const watch = watchForStall(1000, () => (stalls += 1), timers);
    watch.progress(1);
    advance(600);
    watch.progress(2);
    advance(600);
    expect(stalls).toBe(0);
    watch.progress(2);
    advance(500);
    expect(stalls).toBe(1);
  });

  it('is silent once stopped', () => {
    const { timers, advance } = manualTimers();
    let stalls = 0;
    const watch = watchForStall(1000, () => (stalls += 1), timers);
    watch.stop();
    advance(5000);
    expect(stalls).toBe(0);
  });
});

describe('parseImportAnswer', () => {
  const cid = 'bafyroot';
  it.each([
    [`{"Root":{"Cid":{"/":"bafyroot"},"PinErrorMsg":""}}\n`, null],
    [`{"Root":{"Cid":{"/":"bafyroot"},"PinErrorMsg":"block was not found locally"}}`, 'it could not pin the root: block was not found locally'],
    [`{"Root":{"Cid":{"/":"bafyother"},"PinErrorMsg":""}}`, 'its answer does not name bafyroot as a pinned root'],
    [`{"Message":"car: invalid header","Type":"error"}`, 'car: invalid header'],
    ['<html>', 'its answer is not JSON: "<html>"'],
    ['', 'its answer does not name bafyroot as a pinned root'],
  ])('%s', (body, expected) => {
    expect(parseImportAnswer(body, cid)).toBe(expected);
  });
});
