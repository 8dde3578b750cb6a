import { describe, expect, it } from 'vitest';
import { flakyScores, type ScoredRun } from '../../src/core/history/flakyScores.js';

let at = 0;
/** A run on `tree` where each named test has the given status; fillers pass, so the run is not broken. */
function run(tree: string, statuses: Record<string, string>, fillers = 8): ScoredRun {
  at++;
  const results = Object.entries(statuses).map(([testId, status]) => ({ testId, name: testId, status }));
  for (let i = 0; i < fillers; i++) results.push({ testId: `ok${i}`, name: `ok${i}`, status: 'passed' });
  const failed = results.filter((r) => r.status === 'failed').length;
  return {
    runKey: `r${at}`,
    snapshot: tree,
    total: results.length,
    failed,
    at: String(at).padStart(4, '0'),
    results,
  };
}

describe('flakyScores', () => {
  it('lists a test that passed and failed on the same tree, with its flip rate', () => {
    const runs = [
      run('t1', { flaky: 'passed' }),
      run('t1', { flaky: 'failed' }),
      run('t1', { flaky: 'passed' }),
    ];
    const { flaky } = flakyScores(runs, { minRuns: 3 });
    expect(flaky).toEqual([
      {
        id: 'flaky',
        name: 'flaky',
        runs: 3,
        passed: 2,
        failed: 1,
        flipRate: 1,
        sameTreeFlips: 1,
        passRate: 0.667,
      },
    ]);
  });

  it('does not list a test that always fails, or one that broke once and stayed broken', () => {
    const runs = ['t1', 't2', 't3', 't4', 't5', 't6'].map((tree, i) =>
      run(tree, { broken: 'failed', regressed: i < 2 ? 'passed' : 'failed' }),
    );
    expect(flakyScores(runs, { minRuns: 3 }).flaky).toEqual([]);
  });

  it('leaves out a run where most tests failed at once, so it makes nobody flaky', () => {
    const allFail: Record<string, string> = { t: 'failed' };
    for (let i = 0; i < 9; i++) allFail[`ok${i}`] = 'failed';
    const broken = run('t1', allFail, 0);
    const runs = [run('t1', { t: 'passed' }), broken, run('t1', { t: 'passed' }), run('t1', { t: 'passed' })];
    const report = flakyScores(runs, { minRuns: 3 });
    expect(report.runsLeftOut).toEqual([broken.runKey]);
    expect(report.flaky).toEqual([]);
  });

  it('judges a test only after the minimum number of runs', () => {
    const runs = [run('t1', { x: 'passed' }), run('t1', { x: 'failed' })];
    expect(flakyScores(runs, { minRuns: 3 }).flaky).toEqual([]);
    expect(flakyScores(runs, { minRuns: 2 }).flaky.map((f) => f.id)).toEqual(['x']);
  });

  it('flags a test flipping across trees by its flip rate, after same-tree flips', () => {
    const runs = ['a', 'b', 'c', 'd', 'e', 'f'].map((tree, i) =>
      run(tree, { flips: i % 2 ? 'failed' : 'passed', same: i < 2 ? (i ? 'failed' : 'passed') : 'passed' }),
    );
    runs[1] = { ...(runs[1] as ScoredRun), snapshot: 'a' };
    const { flaky } = flakyScores(runs, { minRuns: 3 });
    expect(flaky.map((f) => [f.id, f.sameTreeFlips])).toEqual([
      ['flips', 1],
      ['same', 1],
    ]);
  });
});
