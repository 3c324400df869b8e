import { defineConfig } from 'vitest/config';

// What `npm run mutate` runs against each mutant of shared/: the unit suites, the contract and the
// convergence property included; not the renderer's screens (a DOM and the whole service stack per test).
process.env.TZ = 'Europe/Berlin';

export default defineConfig({
  test: {
    include: ['test/unit/*.test.ts'],
    testTimeout: 20_000,
  },
});
