import { describe, expect, it } from 'vitest';
import { parseGoTestJson } from '../../src/core/reports/index.js';

// Go is not installed where these tests were written: the events below follow test2json's
// documented output (cmd/test2json) and real samples (go-junit-report testdata/103-subtests.gojson.txt).
const root = '/home/dev/project';
const ev = (o: Record<string, unknown>) => JSON.stringify({ Time: '2026-01-01T00:00:00Z', ...o });
const pkg = 'example.com/app/store';

describe('parseGoTestJson', () => {
  it('reports a package that failed to build as one failed test (Go ≥ 1.24 build events)', () => {
    const text = [
      ev({ ImportPath: `${pkg} [${pkg}.test]`, Action: 'build-output', Output: '# example.com/app/store\n' }),
      ev({
        ImportPath: `${pkg} [${pkg}.test]`,
        Action: 'build-output',
        Output: './store.go:12:2: undefined: foo\n',
      }),
      ev({ ImportPath: `${pkg} [${pkg}.test]`, Action: 'build-fail' }),
      ev({ Action: 'start', Package: pkg }),
      ev({ Action: 'output', Package: pkg, Output: `FAIL\t${pkg} [build failed]\n` }),
      ev({ Action: 'fail', Package: pkg, Elapsed: 0, FailedBuild: `${pkg} [${pkg}.test]` }),
    ].join('\n');
    const report = parseGoTestJson(text, { root });
    expect(report.tests.map((t) => [t.id, t.status])).toEqual([[`${pkg} > [build failed]`, 'failed']]);
    expect(report.tests[0]?.stack).toContain('./store.go:12:2: undefined: foo');
  });

  it('reports a package failure without a failing test (panic in TestMain) and unfinished tests', () => {
    const text = [
      ev({ Action: 'run', Package: pkg, Test: 'TestHangs' }),
      ev({ Action: 'output', Package: pkg, Test: 'TestHangs', Output: '=== RUN   TestHangs\n' }),
      ev({ Action: 'output', Package: pkg, Output: 'panic: test timed out after 1s\n' }),
      ev({ Action: 'fail', Package: pkg, Elapsed: 1.01 }),
    ].join('\n');
    const report = parseGoTestJson(text, { root });
    expect(report.tests.map((t) => [t.name, t.status, t.message])).toEqual([
      ['TestHangs', 'failed', 'the test did not finish (panic, timeout or crash)'],
    ]);
  });

  it('counts a parent test that failed by itself, not one failing through a subtest', () => {
    const text = [
      ev({ Action: 'run', Package: pkg, Test: 'TestA' }),
      ev({ Action: 'run', Package: pkg, Test: 'TestA/ok' }),
      ev({ Action: 'pass', Package: pkg, Test: 'TestA/ok', Elapsed: 0 }),
      ev({ Action: 'output', Package: pkg, Test: 'TestA', Output: '    store_test.go:40: cleanup failed\n' }),
      ev({ Action: 'fail', Package: pkg, Test: 'TestA', Elapsed: 0.01 }),
      ev({ Action: 'run', Package: pkg, Test: 'TestB' }),
      ev({ Action: 'run', Package: pkg, Test: 'TestB/bad' }),
      ev({ Action: 'output', Package: pkg, Test: 'TestB/bad', Output: '        store_test.go:50: got 1\n' }),
      ev({ Action: 'fail', Package: pkg, Test: 'TestB/bad', Elapsed: 0 }),
      ev({ Action: 'fail', Package: pkg, Test: 'TestB', Elapsed: 0 }),
      ev({ Action: 'fail', Package: pkg, Elapsed: 0.02 }),
    ].join('\n');
    const report = parseGoTestJson(text, { root });
    expect(report.tests.map((t) => [t.id, t.status, `${t.file}:${t.line}`, t.message])).toEqual([
      [`${pkg} > TestA`, 'failed', 'store_test.go:40', 'cleanup failed'],
      [`${pkg} > TestA > ok`, 'passed', 'null:null', null],
      [`${pkg} > TestB > bad`, 'failed', 'store_test.go:50', 'got 1'],
    ]);
  });

  it('marks a test that failed and then passed on a rerun (-count, gotestsum --rerun-fails) as a flaky pass', () => {
    const text = [
      ev({ Action: 'run', Package: pkg, Test: 'TestFlaky' }),
      ev({ Action: 'fail', Package: pkg, Test: 'TestFlaky', Elapsed: 0.01 }),
      ev({ Action: 'run', Package: pkg, Test: 'TestFlaky' }),
      ev({ Action: 'pass', Package: pkg, Test: 'TestFlaky', Elapsed: 0.02 }),
    ].join('\n');
    expect(parseGoTestJson(text, { root }).tests.map((t) => [t.status, t.kind, t.durationMs])).toEqual([
      ['passed', 'flaky', 20],
    ]);
  });
});
