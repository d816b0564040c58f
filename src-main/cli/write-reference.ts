// `npm run docs:cli`: writes docs/cli.md from the CLI's own usage and examples (reference.ts).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { EXAMPLES } from './examples.js';
import { cliReference } from './reference.js';
import { USAGE } from './usage.js';

const target = path.resolve(import.meta.dirname, '../../docs/cli.md');
writeFileSync(target, cliReference(USAGE, EXAMPLES));
console.log(`wrote ${target}`);
