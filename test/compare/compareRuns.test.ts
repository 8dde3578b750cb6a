import { describe, expect, it } from 'vitest';
import type { Comparison } from '../../src/core/model/comparisonModel.js';
import {
  applyRetries,
  compareRuns,
  compareWithRetries,
  type CompareOptions,
  verdictOf,
} from '../../src/core/compare/compareRuns.js';
import { makeRun, makeTest } from './runBuilder.js';

const options: CompareOptions = {
  threshold: 0.5,
  minMs: 100,
  reference: { kind: 'baseline', runId: null, label: '.batch/baseline.json' },
};

const names = (list: Array<{ name: string }>) => list.map((t) => t.name);

describe('compareRuns: categories', () => {
  const reference = makeRun([
    makeTest('stays green'),
    makeTest('breaks'),
    makeTest('still broken', { status: 'failed' }),
    makeTest('gets fixed', { status: 'failed' }),
    makeTest('goes away'),
    makeTest('gets skipped'),
    makeTest('was skipped then fails', { status: 'skipped', durationMs: null }),
    makeTest('was skipped then passes', { status: 'skipped', durationMs: null }),
  ]);
  const current = makeRun([
    makeTest('was skipped then passes'),
    makeTest('was skipped then fails', { status: 'failed', message: 'boom' }),
    makeTest('gets skipped', { status: 'skipped', durationMs: null }),
    makeTest('is new'),
    makeTest('gets fixed'),
    makeTest('still broken', { status: 'failed' }),
    makeTest('breaks', { status: 'failed', line: 12, message: 'expected 1 to be 2' }),
    makeTest('stays green'),
  ]);
  const comparison = compareRuns(current, reference, options);

  it('sorts each test into exactly one list', () => {
    expect(names(comparison.newFailures)).toEqual(['breaks']);
    expect(names(comparison.stillFailing)).toEqual(['still broken']);
    expect(names(comparison.fixed)).toEqual(['gets fixed']);
    expect(names(comparison.added)).toEqual(['is new']);
    expect(names(comparison.removed)).toEqual(['goes away']);
    expect(names(comparison.nowSkipped)).toEqual(['gets skipped']);
    expect(names(comparison.unskippedFailures)).toEqual(['was skipped then fails']);
    expect(comparison.slowdowns).toEqual([]);
    expect(comparison.flaky).toEqual([]);
  });

  it('keeps what the report says about a new failure', () => {
    expect(comparison.newFailures[0]).toEqual({
      id: 'math.test.ts::math > breaks',
      name: 'breaks',
      suite: 'math',
      file: 'math.test.ts',
      line: 12,
      message: 'expected 1 to be 2',
    });
  });

  it('exits 2 on a new failure and reports the totals of both runs', () => {
    expect(comparison.exitCode).toBe(2);
    expect(comparison.totals).toEqual({ total: 8, passed: 4, failed: 3, skipped: 1, durationMs: 1000 });
    expect(comparison.referenceTotals).toMatchObject({ total: 8, passed: 4, failed: 2, skipped: 2 });
    expect(comparison.reference).toEqual(options.reference);
  });

  it('orders every list by id whatever the order of the reports', () => {
    const tests = ['c', 'a', 'b'].map((n) => makeTest(n));
    const failing = tests.map((t) => ({ ...t, status: 'failed' as const }));
    const result = compareRuns(makeRun(failing), makeRun([...tests].reverse()), options);
    expect(names(result.newFailures)).toEqual(['a', 'b', 'c']);
  });
});

describe('compareRuns: exit codes', () => {
  const green = makeRun([makeTest('a'), makeTest('b')]);

  it('is 0 when everything passed and nothing regressed', () => {
    expect(compareRuns(green, green, options).exitCode).toBe(0);
  });

  it('is 1 when tests fail that failed in the reference too', () => {
    const red = makeRun([makeTest('a', { status: 'failed' }), makeTest('b')]);
    expect(compareRuns(red, red, options).exitCode).toBe(1);
  });

  it('is 1 for a run with zero tests whose command exited nonzero', () => {
    const empty = makeRun([], { success: false, exitCode: 1 });
    const comparison = compareRuns(empty, green, options);
    expect(comparison.exitCode).toBe(1);
    expect(comparison.notes).toEqual([expect.stringContaining('no test results')]);
    expect(names(comparison.removed)).toEqual(['a', 'b']);
  });

  it('is 0 for a run with zero tests whose command succeeded', () => {
    expect(compareRuns(makeRun([]), makeRun([]), options).exitCode).toBe(0);
  });

  it('is 0 for a slowdown alone until it is confirmed, 2 once it is', () => {
    const slow = makeRun([makeTest('a', { durationMs: 400 }), makeTest('b')]);
    const comparison = compareRuns(slow, green, options);
    expect(comparison.exitCode).toBe(0);
    const confirmed = comparison.slowdowns.map((s) => ({ ...s, confirmed: true }));
    expect(verdictOf({ newFailures: [], slowdowns: confirmed }, slow)).toBe(2);
  });

  it('is 1 for an added test that fails: it never passed, so it is no regression', () => {
    const comparison = compareRuns(
      makeRun([...green.tests, makeTest('c', { status: 'failed' })]),
      green,
      options,
    );
    expect(comparison.exitCode).toBe(1);
    expect(names(comparison.added)).toEqual(['c']);
  });
});

describe('compareRuns: slowdowns', () => {
  function slowdownsFor(
    referenceMs: number | null,
    currentMs: number | null,
    rule = options,
  ): Comparison['slowdowns'] {
    const reference = makeRun([makeTest('t', { durationMs: referenceMs })]);
    const current = makeRun([makeTest('t', { durationMs: currentMs })]);
    return compareRuns(current, reference, rule).slowdowns;
  }

  it('flags a test more than 50 % and at least 100 ms slower, with both durations and the ratio', () => {
    expect(slowdownsFor(150, 600)).toEqual([
      {
        id: 'math.test.ts::math > t',
        name: 't',
        baselineMs: 150,
        currentMs: 600,
        ratio: 4,
        confirmed: false,
      },
    ]);
  });

  it('needs strictly more than the threshold', () => {
    expect(slowdownsFor(200, 300)).toEqual([]);
    expect(slowdownsFor(200, 300.5)).toHaveLength(1);
  });

  it('needs at least minMs more, so jitter on short tests never counts', () => {
    expect(slowdownsFor(2, 9)).toEqual([]);
    expect(slowdownsFor(0.4, 40)).toEqual([]);
    expect(slowdownsFor(100, 199)).toEqual([]);
    expect(slowdownsFor(100, 200)).toHaveLength(1);
  });

  it('follows the threshold and minMs it is given', () => {
    expect(slowdownsFor(100, 140, { ...options, threshold: 0.3, minMs: 40 })).toHaveLength(1);
    expect(slowdownsFor(100, 140, { ...options, threshold: 0.4, minMs: 40 })).toEqual([]);
    expect(slowdownsFor(100, 140, { ...options, threshold: 0.3, minMs: 41 })).toEqual([]);
  });

  it('gives no verdict without both durations', () => {
    expect(slowdownsFor(null, 900)).toEqual([]);
    expect(slowdownsFor(100, null)).toEqual([]);
  });

  it('has a null ratio when the reference took 0 ms', () => {
    expect(slowdownsFor(0, 500)).toEqual([
      expect.objectContaining({ baselineMs: 0, currentMs: 500, ratio: null }),
    ]);
  });

  it('compares only tests that passed in both runs', () => {
    const reference = makeRun([makeTest('t', { durationMs: 10 })]);
    const current = makeRun([makeTest('t', { durationMs: 5000, status: 'failed' })]);
    expect(compareRuns(current, reference, options).slowdowns).toEqual([]);
  });

  it('reports the whole run slowing down without making it a regression', () => {
    const reference = makeRun([makeTest('t')], { durationMs: 1000 });
    const current = makeRun([makeTest('t')], { durationMs: 2500 });
    const comparison = compareRuns(current, reference, options);
    expect(comparison.runSlowdown).toEqual({ baselineMs: 1000, currentMs: 2500, ratio: 2.5 });
    expect(comparison.exitCode).toBe(0);
    expect(
      compareRuns(current, makeRun([makeTest('t')], { durationMs: 2000 }), options).runSlowdown,
    ).toBeNull();
  });

  it('gives the whole run no verdict when the reference has no duration', () => {
    const comparison = compareRuns(makeRun([], { durationMs: 900 }), makeRun([], { durationMs: 0 }), options);
    expect(comparison.runSlowdown).toBeNull();
  });
});

describe('compareRuns: flaky tests', () => {
  const reference = makeRun([makeTest('flaky one'), makeTest('solid')]);
  const current = makeRun([
    makeTest('flaky one', { status: 'failed' }),
    makeTest('solid', { status: 'failed' }),
  ]);

  it('lists a known-flaky test that fails apart, never as a regression', () => {
    const knownFlaky = new Set(['math.test.ts::math > flaky one']);
    const comparison = compareRuns(current, reference, { ...options, knownFlaky });
    expect(names(comparison.newFailures)).toEqual(['solid']);
    expect(comparison.flaky).toEqual([expect.objectContaining({ name: 'flaky one', reason: 'known-flaky' })]);
  });

  it('moves new failures that passed on a retry to flaky, and exits 1 instead of 2', () => {
    const first = compareRuns(makeRun([current.tests[0]!, makeTest('solid')]), reference, options);
    expect(first.exitCode).toBe(2);
    const retried = applyRetries(first, new Map([['math.test.ts::math > flaky one', true]]));
    expect(retried.newFailures).toEqual([]);
    expect(retried.flaky).toEqual([
      expect.objectContaining({ name: 'flaky one', reason: 'passed-on-retry' }),
    ]);
    expect(retried.exitCode).toBe(1);
  });

  it('keeps the failures that failed again on retry, and a confirmed slowdown still makes 2', () => {
    const slowRun = makeRun([...current.tests, makeTest('slow', { durationMs: 900 })]);
    const comparison = compareWithRetries(
      slowRun,
      makeRun([...reference.tests, makeTest('slow', { durationMs: 100 })]),
      options,
      new Map([
        ['math.test.ts::math > flaky one', true],
        ['math.test.ts::math > solid', false],
      ]),
    );
    expect(names(comparison.newFailures)).toEqual(['solid']);
    expect(names(comparison.flaky)).toEqual(['flaky one']);
    expect(comparison.exitCode).toBe(2);
    const slowdowns = comparison.slowdowns.map((s) => ({ ...s, confirmed: true }));
    const onlySlow = applyRetries({ ...comparison, newFailures: [], slowdowns }, new Map());
    expect(onlySlow.exitCode).toBe(2);
  });

  it('lists a test the runner retried into passing as flaky', () => {
    const comparison = compareRuns(makeRun([makeTest('flaky one', { kind: 'flaky' })]), reference, options);
    expect(comparison.flaky).toEqual([
      expect.objectContaining({ name: 'flaky one', reason: 'runner-retried' }),
    ]);
    expect(comparison.exitCode).toBe(0);
  });
});

describe('compareRuns: matching', () => {
  it('keeps the worst status of a test reported twice (shards, retries)', () => {
    const reference = makeRun([makeTest('a')]);
    const current = makeRun([makeTest('a'), makeTest('a', { status: 'failed' }), makeTest('a')]);
    expect(names(compareRuns(current, reference, options).newFailures)).toEqual(['a']);
  });

  it('pairs tests whose ids drifted by their leaf name when that name is unique on both sides', () => {
    const reference = makeRun([makeTest('subtracts', { suite: '', id: 'math.test.ts::subtracts' })]);
    const current = makeRun([makeTest('math > subtracts', { suite: '', status: 'failed' })]);
    const comparison = compareRuns(current, reference, options);
    expect(names(comparison.newFailures)).toEqual(['math > subtracts']);
    expect(comparison.added).toEqual([]);
    expect(comparison.removed).toEqual([]);
  });

  it('does not pair by leaf name when the name is ambiguous or the files differ', () => {
    const reference = makeRun([
      makeTest('x', { suite: 'a' }),
      makeTest('x', { suite: 'b' }),
      makeTest('y', { file: 'one.ts' }),
    ]);
    const current = makeRun([
      makeTest('x', { suite: 'c', status: 'failed' }),
      makeTest('y', { suite: 'z', file: 'two.ts' }),
    ]);
    const comparison = compareRuns(current, reference, options);
    expect(comparison.newFailures).toEqual([]);
    expect(names(comparison.added)).toEqual(['x', 'y']);
    expect(names(comparison.removed)).toHaveLength(3);
  });
});

describe('compareRuns: reports that name only failing tests', () => {
  const summary = { format: 'stdout:pytest', files: [], granularity: 'summary' as const };
  const reference = makeRun([makeTest('known bug', { status: 'failed' })], {
    source: summary,
    passed: 7,
    failed: 1,
    total: 8,
  });

  it('counts a failing test the reference did not name as a new failure, and claims nothing about added tests', () => {
    const current = makeRun(
      [makeTest('known bug', { status: 'failed' }), makeTest('subtracts', { status: 'failed' })],
      {
        source: summary,
      },
    );
    const comparison = compareRuns(current, reference, options);
    expect(names(comparison.newFailures)).toEqual(['subtracts']);
    expect(names(comparison.stillFailing)).toEqual(['known bug']);
    expect(comparison.added).toEqual([]);
    expect(comparison.removed).toEqual([]);
    expect(comparison.notes).toHaveLength(2);
    expect(comparison.exitCode).toBe(2);
  });

  it('counts a reference failure the current summary does not name as fixed, not removed', () => {
    const current = makeRun([], { source: summary, passed: 8, total: 8 });
    const comparison = compareRuns(current, reference, options);
    expect(names(comparison.fixed)).toEqual(['known bug']);
    expect(comparison.removed).toEqual([]);
    expect(comparison.exitCode).toBe(0);
  });
});
