// `npm run bench [-- NAME] [--flags]`: runs a benchmark and prints its JSON. Every benchmark
// measures its own baseline in the same run, so results read as ratios, not absolute times.
import { parseArgs } from 'node:util';
import { benchGraphQuery } from './graph-query.js';
import { pollCycleBench } from './poll-cycle.js';
import { uploadThroughputBench } from './upload-throughput.js';

const BENCHES: Record<string, (args: string[]) => Promise<unknown>> = {
  'poll-cycle': pollCycleBench,
  // One file to one node vs curl -F: `npm run bench -- upload --mib 64`.
  upload: uploadThroughputBench,
  // The graph query alone, without the fleet: `npm run bench -- graph-query --nodes 100`.
  'graph-query': async (args) => {
    const { values } = parseArgs({ args, options: { nodes: { type: 'string', default: '100' } } });
    return benchGraphQuery(Number(values.nodes));
  },
};

const [name = 'poll-cycle', ...args] = process.argv.slice(2).filter((a) => a !== '--');
const bench = BENCHES[name];
if (!bench) {
  process.stderr.write(`unknown benchmark "${name}": have ${Object.keys(BENCHES).join(', ')}\n`);
  process.exit(2);
}
bench(args).then(
  (result) => {
    process.stdout.write(`${JSON.stringify({ bench: name, at: new Date().toISOString(), ...(result as object) }, null, 2)}\n`);
    process.exit(0);
  },
  (error: unknown) => {
    process.stderr.write(`bench ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
