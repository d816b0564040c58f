// Notices a remote wait that stopped moving. kubo's pin/add repeats its progress line every half
// second whether or not a block arrived, so "a line came" is no sign of life: only a changed count is.
// Any wait on a remote that can go quiet (a replica's pin, a block transfer) runs under one of these.

export interface StallWatch {
  /** Reports where the wait stands; a value different from the last one counts as movement. */
  progress(value: number): void;
  /** Stops watching (the wait ended); idempotent. */
  stop(): void;
}

export interface StallTimers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: StallTimers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Calls `onStall` once when no movement was reported for `stallMs`. */
export function watchForStall(stallMs: number, onStall: () => void, timers: StallTimers = realTimers): StallWatch {
  let last: number | undefined;
  let handle: unknown = null;
  let stopped = false;
  const arm = () => {
    if (handle !== null) timers.clear(handle);
    handle = timers.set(() => {
      if (stopped) return;
      stopped = true;
      onStall();
    }, stallMs);
  };
  arm();
  return {
    progress(value) {
      if (stopped || value === last) return;
      last = value;
      arm();
    },
    stop() {
      stopped = true;
      if (handle !== null) timers.clear(handle);
    },
  };
}
