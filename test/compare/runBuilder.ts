import type { Run, TestResult } from '../../src/core/model/runModel.js';

/** A test result with defaults: passed, 10 ms, in math.test.ts under the `math` suite. */
export function makeTest(name: string, overrides: Partial<TestResult> = {}): TestResult {
  const suite = overrides.suite ?? 'math';
  const file = overrides.file === undefined ? 'math.test.ts' : overrides.file;
  return {
    id: `${file ?? ''}::${suite === '' ? '' : `${suite} > `}${name}`,
    name,
    suite,
    file,
    line: null,
    status: 'passed',
    durationMs: 10,
    message: null,
    stack: null,
    ...overrides,
  };
}

/** A run holding `tests`, counted as runFromReport would count them. */
export function makeRun(tests: TestResult[], overrides: Partial<Run> = {}): Run {
  const count = (status: TestResult['status']) => tests.filter((t) => t.status === status).length;
  return {
    id: 0,
    batchId: null,
    timestamp: '2026-01-01T00:00:00.000Z',
    success: count('failed') === 0,
    total: tests.length,
    passed: count('passed'),
    failed: count('failed'),
    skipped: count('skipped'),
    durationMs: 1000,
    commit: null,
    snapshot: null,
    command: null,
    exitCode: null,
    stale: false,
    interrupted: false,
    timedOut: false,
    source: { format: 'junit', files: [], granularity: 'test' },
    notes: [],
    tests,
    ...overrides,
  };
}
