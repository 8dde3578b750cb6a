import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // vitest's default on 2 cores is 1 worker; the tests mostly wait on the processes they start
    // (git, the CLI, test runners), so two files at once finish the suite much sooner
    maxWorkers: 2,
    reporters: ['default', './test/support/countReporter.ts'],
  },
});
