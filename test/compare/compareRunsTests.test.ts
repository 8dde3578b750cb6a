import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Comparison } from '../../src/core/model/comparisonModel.js';
import { TempRepo } from '../support/repo.js';

const passing = (name: string) => `import { test } from 'node:test';\ntest('${name}', () => {});\n`;
const failing = (name: string) =>
  `import { test } from 'node:test';\nimport assert from 'node:assert';\ntest('${name}', () => { assert.equal(1, 2); });\n`;
/** Fails on every other run of the same code: the counter lives outside the worktree. */
const flaky = (counter: string) => `import { test } from 'node:test';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
test('sometimes', () => {
  const n = existsSync('${counter}') ? Number(readFileSync('${counter}', 'utf8')) : 0;
  writeFileSync('${counter}', String(n + 1));
  if (n % 2 === 0) throw new Error('flaked on run ' + n);
});
`;

describe('compare and baseline running the tests themselves', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = TempRepo.create();
    repo.write('.batchrc', JSON.stringify({ testCommand: 'node --test' }));
    repo.write('test/a.test.mjs', passing('alpha'));
    repo.write('test/b.test.mjs', passing('beta'));
  });
  afterEach(() => repo.cleanup());

  it('baseline runs the tests when there is no run yet; compare runs them and names the new failure (exit 2)', () => {
    const baseline = repo.batch(['baseline']);
    expect(baseline.code, baseline.stderr).toBe(0);
    repo.write('test/b.test.mjs', failing('beta'));
    const compared = repo.batch(['compare', '--json']);
    expect(compared.code).toBe(2);
    const comparison = JSON.parse(compared.stdout) as Comparison;
    expect(comparison.newFailures.map((t) => t.name)).toEqual(['beta']);
    expect(comparison.totals).toMatchObject({ total: 2, passed: 1, failed: 1 });
    // and the comparison is kept for CI
    expect(repo.json<Comparison>(['status']) !== null).toBe(true);
  });

  it('baseline takes the last run when there is one, without running the tests again', () => {
    expect(repo.batch(['test']).code).toBe(0);
    const baseline = repo.batch(['baseline']);
    expect(baseline.code).toBe(0);
    expect(baseline.stdout + baseline.stderr).toContain('baseline from the last run (run 1');
    expect(repo.batch(['history', '--json']).stdout.match(/"id": \d+,\n\s+"batchId"/g)?.length ?? 0).toBe(1);
  });

  it('--retries tells a flaky test from a regression; afterwards it is known to be flaky', () => {
    const counter = repo.path('../flaky-counter');
    repo.write('test/c.test.mjs', flaky(counter));
    repo.write('../flaky-counter', '1'); // the next run of 'sometimes' passes
    expect(repo.batch(['baseline']).code).toBe(0);
    // new code (a new snapshot): the next run fails it, a new failure; the retry passes it: flaky, not 2
    repo.write('src/other.js', 'export const x = 1;\n');
    const retried = repo.batch(['compare', '--retries', '1', '--json']);
    const withRetry = JSON.parse(retried.stdout) as Comparison;
    expect(withRetry.newFailures).toEqual([]);
    expect(withRetry.flaky.map((t) => [t.name, (t as { reason?: string }).reason])).toEqual([
      ['sometimes', 'passed-on-retry'],
    ]);
    expect(retried.code).toBe(1);
    // without retries it fails again: known flaky from the runs on this same snapshot, still not 2
    const again = repo.batch(['compare', '--json']);
    const known = JSON.parse(again.stdout) as Comparison;
    expect(known.newFailures).toEqual([]);
    expect(known.flaky.map((t) => [t.name, (t as { reason?: string }).reason])).toEqual([
      ['sometimes', 'known-flaky'],
    ]);
    expect(again.code).toBe(1);
    // a real regression still is one, retries or not
    repo.write('test/a.test.mjs', failing('alpha'));
    const broken = repo.batch(['compare', '--retries', '2', '--json']);
    expect((JSON.parse(broken.stdout) as Comparison).newFailures.map((t) => t.name)).toEqual(['alpha']);
    expect(broken.code).toBe(2);
  });
});
