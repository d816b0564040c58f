// `npm run soak [-- --quick] [--only R1,R7] [--runs N] [--seed S]`: runs the reliability scenarios for
// real and prints one JSON table (an array of SoakFigure). Exits 1 when any bar does not hold. The
// fleet is brought up (or reused) as the integration tests do, taking the same turn lock.
import { parseArgs } from 'node:util';
import { defaultFleetOptions } from '../fleet/fleet-layout.js';
import { fleetUp } from '../fleet/fleet.js';
import { takeTestRunLock, withFleetLock } from '../fleet/fleet-lease.js';
import { scenarios } from './scenarios.js';
import type { SoakFigure } from './scenario.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    runs: { type: 'string' },
    seed: { type: 'string' },
  },
});

const wanted = values.only ? new Set(values.only.split(',').map((s) => s.trim().toUpperCase())) : null;
const chosen = scenarios.filter((s) => !wanted || wanted.has(s.id));
if (wanted && chosen.length !== wanted.size) {
  const known = scenarios.map((s) => s.id).join(', ');
  console.error(`unknown scenario in --only ${values.only}: the scenarios are ${known}`);
  process.exit(2);
}
const seed = values.seed ? Number(values.seed) : Date.now() % 2 ** 31;
const runs = values.runs ? Number(values.runs) : undefined;

let release: (() => void) | null = null;
if (chosen.some((s) => s.needsFleet)) {
  const options = { ...defaultFleetOptions(), cluster: true };
  release = await takeTestRunLock(options.stateDir);
  await withFleetLock(options.stateDir, () => fleetUp(options));
}

const table: SoakFigure[] = [];
try {
  for (const scenario of chosen) {
    console.error(`soak ${scenario.id}: ${scenario.nemesis} …`);
    table.push(await scenario.run({ quick: values.quick ?? false, seed, ...(runs ? { runs } : {}) }));
  }
} finally {
  release?.();
}
console.log(JSON.stringify(table, null, 2));
process.exit(table.every((f) => f.held) ? 0 : 1);
