// Every reliability scenario, in the order the table prints them. Each lives in its own file.
import type { SoakScenario } from './scenario.js';

export const scenarios: SoakScenario[] = [];
