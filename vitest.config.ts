// Three projects: `unit` (pure logic, fakes allowed), `integration` (real sshd, dockerd, kubo and
// Cluster from the test fleet, brought up once per run by tests/fleet/global-setup.ts) and `e2e`
// (the real renderer build served by `pinfleet serve`, driven in Debian's Chromium).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default', './tests/support/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          // The reliability scenarios' quick size runs here too (tests/soak/*.quick.test.ts); `npm run soak` runs the full size.
          include: ['tests/integration/**/*.test.ts', 'tests/soak/**/*.quick.test.ts'],
          globalSetup: ['tests/fleet/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          // One fleet, shared: files run one after another so faults in one never hit another.
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
