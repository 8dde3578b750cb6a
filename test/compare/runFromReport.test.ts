import { describe, expect, it } from 'vitest';
import { runFromReport } from '../../src/core/runs/runFromReport.js';
import type { ParsedReport } from '../../src/core/model/runModel.js';
import { makeTest } from './runBuilder.js';

const context = {
  root: '/home/dev/project',
  timestamp: '2026-01-01T00:00:00.000Z',
  files: ['reports/junit.xml'],
};

function report(overrides: Partial<ParsedReport>): ParsedReport {
  return { format: 'junit', tests: [], durationMs: null, counts: null, notes: [], ...overrides };
}

describe('runFromReport', () => {
  it('counts the tests, takes the report duration, and marks a run outside any batch', () => {
    const run = runFromReport(
      report({
        tests: [makeTest('a'), makeTest('b', { status: 'failed' }), makeTest('c', { status: 'skipped' })],
        durationMs: 1234,
        notes: ['bail out'],
      }),
      context,
    );
    expect(run).toMatchObject({
      id: 0,
      batchId: null,
      commit: null,
      snapshot: null,
      exitCode: null,
      timestamp: context.timestamp,
      success: false,
      total: 3,
      passed: 1,
      failed: 1,
      skipped: 1,
      durationMs: 1234,
      notes: ['bail out'],
      source: { format: 'junit', files: ['reports/junit.xml'], granularity: 'test' },
    });
  });

  it('sums the test durations when the report gives no total', () => {
    const tests = [
      makeTest('a', { durationMs: 12.5 }),
      makeTest('b', { durationMs: null }),
      makeTest('c', { durationMs: 30 }),
    ];
    const run = runFromReport(report({ tests }), context);
    expect(run.durationMs).toBe(42.5);
    expect(run.success).toBe(true);
  });

  it('takes the counts of a summary that names only failing tests, and says the list is partial', () => {
    const run = runFromReport(
      report({ tests: [makeTest('x', { status: 'failed' })], counts: { passed: 7, failed: 1, skipped: 1 } }),
      context,
    );
    expect(run).toMatchObject({ total: 9, passed: 7, failed: 1, skipped: 1 });
    expect(run.source.granularity).toBe('summary');
  });

  it('fails a run whose command failed even when no test failed', () => {
    const run = runFromReport(report({}), { ...context, exitCode: 2 });
    expect(run).toMatchObject({ success: false, total: 0, exitCode: 2 });
  });

  it('makes ids, files and stacks under the root relative to it', () => {
    const test = makeTest('a', {
      id: '/home/dev/project/test/a.test.ts::a',
      file: '/home/dev/project/test/a.test.ts',
      stack: 'at /home/dev/project/test/a.test.ts:3:1',
    });
    const elsewhere = makeTest('b', { id: '/opt/other/b.test.ts::b', file: '/opt/other/b.test.ts' });
    const run = runFromReport(report({ tests: [test, elsewhere] }), {
      ...context,
      files: ['/home/dev/project/reports/junit.xml'],
    });
    expect(run.tests[0]).toMatchObject({
      id: 'test/a.test.ts::a',
      file: 'test/a.test.ts',
      stack: 'at test/a.test.ts:3:1',
    });
    expect(run.tests[1]).toMatchObject({ id: '/opt/other/b.test.ts::b', file: '/opt/other/b.test.ts' });
    expect(run.source.files).toEqual(['reports/junit.xml']);
  });
});
