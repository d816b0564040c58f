// The shape every reliability scenario shares, so `npm run soak` can print one JSON table and the
// quick size can run inside `npm test`. A scenario injects its fault for real (SIGKILL, iptables,
// hostile payloads) and reports what it measured; `held` is its verdict against the bar.
export interface SoakSize {
  /** The small size that runs inside `npm test`; false for the full soak. */
  quick: boolean;
  /** Overrides the scenario's own count of iterations (`--runs N`). */
  runs?: number;
  /** Seed for generated payloads and random moments, so a failing run can be replayed. */
  seed: number;
}

export interface SoakFigure {
  id: string;
  nemesis: string;
  /** The bar from the issue, in words (e.g. "0 acknowledged uploads lost"). */
  mustHold: string;
  runs: number;
  /** What was counted: named numbers such as { lost: 0, duplicates: 0 }. */
  measured: Record<string, number | string>;
  held: boolean;
  seconds: number;
  seed: number;
  /** Problems seen, one line each, so a failed verdict says why. */
  problems: string[];
}

export interface SoakScenario {
  id: string;
  nemesis: string;
  mustHold: string;
  /** Iterations for the full and the quick size. */
  runs: { full: number; quick: number };
  /** True when it needs the test fleet (sshd, dockerd, kubo, Cluster) up. */
  needsFleet: boolean;
  run(size: SoakSize): Promise<SoakFigure>;
}

/** Builds a figure from what a scenario counted; held is decided by the scenario. */
export function figure(scenario: Pick<SoakScenario, 'id' | 'nemesis' | 'mustHold'>, size: SoakSize, runs: number, started: number, measured: SoakFigure['measured'], problems: string[], held: boolean): SoakFigure {
  return {
    id: scenario.id,
    nemesis: scenario.nemesis,
    mustHold: scenario.mustHold,
    runs,
    measured,
    held,
    seconds: Math.round((Date.now() - started) / 100) / 10,
    seed: size.seed,
    problems: problems.slice(0, 20),
  };
}
