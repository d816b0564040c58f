// Child process of the poll benchmark: starts N kubo stand-ins (fake-kubo.ts), prints their base
// URLs as one JSON line, and stops them when its stdin closes (the benchmark ended or died).
import { fakeAddress, startFakeKubo } from './fake-kubo.js';

const count = Number(process.argv[2] ?? '0');
const fakes = await Promise.all(Array.from({ length: count }, (_, i) => startFakeKubo(fakeAddress(i))));
process.stdout.write(`${JSON.stringify(fakes.map((f) => f.url))}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  void Promise.all(fakes.map((f) => f.close())).then(() => process.exit(0));
});
