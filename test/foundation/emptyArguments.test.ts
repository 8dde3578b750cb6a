import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TempRepo } from '../support/repo.js';

/** Options given with nothing after them are usage errors: they never fall back to "run everything". */
describe('an option left empty', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = TempRepo.create();
    repo.write('.batchrc', JSON.stringify({ testCommand: 'echo "1 passed, 0 failed"' }));
  });
  afterEach(() => repo.cleanup());

  const ranNothing = () => expect(existsSync(repo.path('.batch/ci_test_results.json'))).toBe(false);

  it.each([
    [['test', '-p'], /error: -p needs a glob of test files/],
    [['test', '-p', ' '], /error: -p needs a glob of test files/],
    [['baseline', '--results'], /error: --results needs report files or globs/],
    [['compare', '--results', ''], /error: --results needs report files or globs/],
  ])('batch %j: exit 3, says what is missing, runs nothing', (args, message) => {
    const result = repo.batch(args);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/hint: /);
    ranNothing();
  });

  it('batch report abc: says BATCH is not a number (not "NaN")', () => {
    const result = repo.batch(['report', 'abc']);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/error: BATCH must be a batch number \(1, 2, …\), not a number/);
    expect(result.stderr).not.toMatch(/NaN/);
  });
});
