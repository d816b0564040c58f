// `npm run bench [-- NAME] [--flags]`: runs a benchmark and prints its JSON. Every benchmark
// measures its own baseline in the same run, so results read as ratios, not absolute times.
import { parseArgs } from 'node:util';
import { benchGraphQuery } from './graph-query.js';
import { clusterPinsBench } from './cluster-pins.js';
import { pollCycleBench } from './poll-cycle.js';
import { rpcClientBench } from './rpc-client.js';
import { provisionTimeBench } from './provision-time.js';
import { uploadFolderBench } from './upload-folder.js';
import { uploadMemoryBench } from './upload-memory.js';
import { uploadThroughputBench } from './upload-throughput.js';

const BENCHES: Record<string, (args: string[]) => Promise<unknown>> = {
  'poll-cycle': pollCycleBench,
  // Add-a-server, Connect → registered and healthy, vs the manual docker run recipe: needs the fleet.
  'provision-time': provisionTimeBench,
  // One file to one node vs curl -F: `npm run bench -- upload --mib 1024`.
  upload: uploadThroughputBench,
  // Main-process memory during a 4 GiB upload: `node --expose-gc --import tsx bench/run.ts upload-memory`.
  'upload-memory': uploadMemoryBench,
  // 10,000 small files vs `ipfs add -r`: `npm run bench -- upload-folder --files 10000`.
  'upload-folder': uploadFolderBench,
  // Pins/s into the test fleet's Cluster: console client vs direct REST vs ipfs-cluster-ctl: `npm run bench -- cluster-pins --cids 2000` (see bench/README.md before raising it).
  'cluster-pins': clusterPinsBench,
  // CPU per short kubo RPC call: node:http (ours) vs fetch vs kubo-rpc-client: `npm run bench -- rpc-client --calls 2000`.
  'rpc-client': rpcClientBench,
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
