// Every reliability scenario, in the order the table prints them. Each lives in its own file.
import type { SoakScenario } from './scenario.js';
import { r10 } from './r10-sqlite-kill.js';

export const scenarios: SoakScenario[] = [
  r10,
];
