import { defineConfig } from 'vitest/config';

// What `npm run mutate` runs against each mutant of shared/: the unit suites of the domain. Not
// the renderer's screens (a DOM and the whole service stack per test), nor the contract and
// convergence suites: two seconds each against thousands of mutants (and every mutant that makes
// a loop endless waits out its timeout there) took well over an hour on the 2-core machine.
process.env.TZ = 'Europe/Berlin';

export default defineConfig({
  test: {
    include: ['test/unit/*.test.ts'],
    exclude: ['test/unit/contract.test.ts', 'test/unit/convergence.test.ts'],
    testTimeout: 20_000,
  },
});
