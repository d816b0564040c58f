// Every reliability scenario, in the order the table prints them. Each lives in its own file.
import type { SoakScenario } from './scenario.js';
import { r1 } from './r1-console-kill.js';
import { r2 } from './r2-kubo-kill.js';
import { r3 } from './r3-dropped-node.js';
import { r7 } from './r7-hostile-payloads.js';
import { r8 } from './r8-wizard-fields.js';
import { r10 } from './r10-sqlite-kill.js';

export const scenarios: SoakScenario[] = [
  r1,
  r2,
  r3,
  r7,
  r8,
  r10,
];
