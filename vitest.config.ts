import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // vitest's default on 2 cores is 1 worker; the tests mostly wait on the processes they start
    // (git, the CLI, test runners, polling): with two files at once the suite kept the 2 cores 79 %
    // busy (user + sys 24.6 min over 15.6 min), so three run side by side
    maxWorkers: 3,
    reporters: ['default', './test/support/countReporter.ts'],
  },
});
