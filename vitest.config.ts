import { defineConfig } from 'vitest/config';

// Relative-date tests read local time; one fixed zone with DST makes them mean the same everywhere.
process.env.TZ = 'Europe/Berlin';

export default defineConfig({
  test: {
    include: ['test/{unit,integration,architecture}/**/*.test.{ts,tsx}'],
    testTimeout: 20_000,
    pool: 'forks',
  },
});
