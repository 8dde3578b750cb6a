import { describe, expect, it } from 'vitest';
import { readCulprits } from '../../src/core/html/culpritShape.js';
import { dashboardData } from '../../src/core/html/dashboardData.js';
import { dashboardPage, embeddedJson } from '../../src/core/html/dashboardPage.js';
import { syntheticSource } from './syntheticSource.js';

describe('dashboardData', () => {
  const data = dashboardData(syntheticSource(24, 40));
  const str = (i: number) => data.strings[i];
  const testNamed = (name: string) => data.tests.findIndex((t) => str(t[0]) === name);

  it('interns strings and keeps one whole-millisecond result per test per run', () => {
    expect(new Set(data.strings).size).toBe(data.strings.length);
    expect(data.results).toHaveLength(40);
    for (const row of data.results) {
      expect(row).toHaveLength(24);
      for (const v of row) expect(Number.isInteger(v)).toBe(true);
    }
  });

  it('reads the runs once, as they come: a one-shot sequence of runs gives the same page as a list', () => {
    const source = syntheticSource(24, 40);
    let reads = 0;
    function* oneShot() {
      for (const run of source.runs) {
        reads++;
        yield run;
      }
    }
    expect(dashboardData({ ...source, runs: oneShot() })).toEqual(data);
    expect(reads).toBe(24);
  });

  it("takes the flaky list from the history store's scores when the source has them", () => {
    const source = syntheticSource(24, 40);
    const id = source.runs[0]?.tests[7]?.id ?? '';
    const score = { id, name: 'test number 7', runs: 9, passed: 6, failed: 3, flipRate: 0.5 };
    const stored = dashboardData({ ...source, flaky: [{ ...score, sameTreeFlips: 2, passRate: 0.667 }] });
    const seven = stored.tests.findIndex((t) => stored.strings[t[0]] === 'test number 7');
    expect(stored.flaky).toEqual([
      { test: seven, runs: 9, passed: 6, failed: 3, flipRate: 500, sameTreeFlips: 2 },
    ]);
  });

  it('marks the breaking batch with its new failure and its culprit, and leaves flaky tests out of both', () => {
    const broken = testNamed('test number 3');
    const seven = data.batches.find((b) => b.id === 7);
    expect(seven?.newFailures).toEqual([broken]);
    expect(seven?.culprits).toEqual([{ edits: [13], tests: [broken] }]);
    const flaky = testNamed('test number 5');
    expect(data.flaky.map((f) => f.test)).toEqual([flaky]);
    expect(data.batches.some((b) => b.newFailures.includes(flaky))).toBe(false);
  });

  it('marks a rolled-back batch, and an undo that brought it back clears the mark', () => {
    const source = syntheticSource(4, 3);
    const op = (id: number, kind: 'rollback' | 'undo', undone: number[], restored: number[]) => ({
      id,
      kind,
      startedAt: '2026-01-01T01:00:00.000Z',
      batch: 3,
      undoes: null,
      pre: source.batches[0]!.before,
      target: source.batches[0]!.before,
      post: null,
      branch: null,
      userIndexTree: null,
      undoneBatches: undone,
      restoredBatches: restored,
      closedBatch: null,
      nextBatch: 5,
      before: { unrecorded: [], rolledBack: [] },
      after: { unrecorded: [], rolledBack: [] },
    });
    const rolled = dashboardData({ ...source, operations: [op(1, 'rollback', [3, 4], [])] });
    expect(rolled.batches.map((b) => b.rolledBackBy)).toEqual([-1, -1, 1, 1]);
    const undone = dashboardData({
      ...source,
      operations: [op(1, 'rollback', [3, 4], []), op(2, 'undo', [], [3, 4])],
    });
    expect(undone.batches.map((b) => b.rolledBackBy)).toEqual([-1, -1, -1, -1]);
  });
});

describe('the page', () => {
  it('cannot be closed early by a test name: `<` is escaped in the data block', () => {
    const json = embeddedJson({ name: '</script><script>alert(1)</script>\u2028' });
    expect(json).not.toContain('<');
    expect(JSON.parse(json)).toEqual({ name: '</script><script>alert(1)</script>\u2028' });
    const html = dashboardPage(dashboardData(syntheticSource(3, 2)));
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(html).not.toMatch(/ on[a-z]+=/);
  });

  it('keeps 200 runs of 1,000 tests under 1 MB', () => {
    const html = dashboardPage(dashboardData(syntheticSource(200, 1000)));
    expect(Buffer.byteLength(html)).toBeLessThan(1024 * 1024);
  });
});

describe('readCulprits', () => {
  it('reads the stored shape and leaves a malformed field out', () => {
    const culprit = { edits: [{ seq: 1, path: 'a.js', kind: 'modified' }], tests: [{ id: 't', name: 't' }] };
    expect(readCulprits({ culprits: [culprit] })).toHaveLength(1);
    expect(readCulprits({ culprits: [{ edits: 'no' }] })).toEqual([]);
    expect(readCulprits({})).toEqual([]);
  });
});
