import type { TestResult } from '../model/runModel.js';

/**
 * Tests with distinct ids: a repeated id (two tests of the same name in the same place) gets `#2`,
 * `#3`… in report order, so both are kept and the numbering stays stable from run to run.
 */
export function uniqueIds(tests: TestResult[]): TestResult[] {
  const seen = new Map<string, number>();
  return tests.map((test) => {
    const count = (seen.get(test.id) ?? 0) + 1;
    seen.set(test.id, count);
    return count === 1 ? test : { ...test, id: `${test.id}#${count}` };
  });
}
