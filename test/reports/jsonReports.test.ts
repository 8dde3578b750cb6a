import { describe, expect, it } from 'vitest';
import {
  parseJestJson,
  parseMochaJson,
  parseReportText,
  parseVitestJson,
  ReportParseError,
} from '../../src/core/reports/index.js';

const root = '/home/dev/project';

const jestDoc = (testResults: unknown[]) =>
  JSON.stringify({ numRuntimeErrorTestSuites: 0, numTotalTests: 1, startTime: 1000, testResults });

describe('jest and vitest JSON', () => {
  it('turns a test file that failed to run into one failed test', () => {
    const text = jestDoc([
      {
        name: '/home/dev/project/test/broken.test.js',
        status: 'failed',
        message:
          '\u001b[1m● Test suite failed to run\u001b[22m\n\n    SyntaxError: Unexpected token (3:7)\n      at Parser.raise (node_modules/x.js:1:1)',
        assertionResults: [],
        endTime: 1500,
      },
    ]);
    const report = parseJestJson(text, { root });
    expect(report.tests.map((t) => [t.id, t.status])).toEqual([
      ['test/broken.test.js::(test file)', 'failed'],
    ]);
    expect(report.tests[0]?.message).toContain('SyntaxError: Unexpected token');
    expect(report.tests[0]?.message).not.toContain('\u001b');
    expect(report.durationMs).toBe(500);
  });

  it('uses location when given, marks a retried pass as flaky, reads todo/pending/disabled as skipped', () => {
    const text = jestDoc([
      {
        name: '/home/dev/project/test/a.test.js',
        status: 'passed',
        assertionResults: [
          {
            ancestorTitles: ['a'],
            title: 'retried',
            status: 'passed',
            duration: 3,
            invocations: 2,
            failureMessages: [],
            location: { line: 4, column: 3 },
          },
          { ancestorTitles: [], title: 'todo', status: 'todo', duration: null, failureMessages: [] },
          { ancestorTitles: [], title: 'pending', status: 'pending', failureMessages: [] },
          { ancestorTitles: [], title: 'disabled', status: 'disabled', failureMessages: [] },
        ],
      },
    ]);
    expect(parseJestJson(text, { root }).tests.map((t) => [t.id, t.status, t.kind ?? null, t.line])).toEqual([
      ['test/a.test.js::a > retried', 'passed', 'flaky', 4],
      ['test/a.test.js::todo', 'skipped', null, null],
      ['test/a.test.js::pending', 'skipped', null, null],
      ['test/a.test.js::disabled', 'skipped', null, null],
    ]);
  });

  it('finds the JSON among other lines printed on stdout', () => {
    const text = `npm warn Unknown user config "nodedir".\n> vitest run --reporter=json\n${JSON.stringify({
      numTotalTests: 1,
      testResults: [
        {
          name: '/home/dev/project/a.test.ts',
          assertionResults: [
            { ancestorTitles: [], title: 'x', status: 'passed', duration: 1, failureMessages: [], meta: {} },
          ],
        },
      ],
    })}\nsome trailing line\n`;
    const report = parseReportText(text, { root });
    expect(report.format).toBe('vitest-json');
    expect(report.tests.map((t) => t.id)).toEqual(['a.test.ts::x']);
  });

  it('throws ReportParseError for truncated JSON', () => {
    expect(() => parseVitestJson('{"numTotalTests": 3, "testResults": [', { root })).toThrow(
      ReportParseError,
    );
    expect(() => parseVitestJson('{"numTotalTests": 3, "testResults": [', { root })).toThrow(
      /invalid or truncated JSON/,
    );
  });
});

// mocha is not installed where these tests were written: this document follows mocha's json
// reporter (lib/reporters/json.js: stats, tests, pending, failures, passes; `err` is {} when passing).
const mochaDoc = {
  stats: { suites: 3, tests: 4, passes: 2, pending: 1, failures: 2, duration: 163 },
  tests: [
    {
      title: 'adds',
      fullTitle: 'math adds',
      file: '/home/dev/project/test/math.spec.js',
      duration: 1,
      currentRetry: 0,
      err: {},
    },
    {
      title: 'subtracts',
      fullTitle: 'math subtracts',
      file: '/home/dev/project/test/math.spec.js',
      duration: 2,
      currentRetry: 0,
      err: {
        message: 'Expected values to be strictly equal:\n\n7 !== 3\n',
        stack:
          'AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:\n\n7 !== 3\n\n    at Context.<anonymous> (test\\math.spec.js:9:14)\n    at processImmediate (node:internal/timers:476:21)',
      },
    },
    {
      title: 'pending feature',
      fullTitle: 'math pending feature',
      file: '/home/dev/project/test/math.spec.js',
      currentRetry: 0,
      err: {},
    },
    {
      title: 'slow path',
      fullTitle: 'perf slow path',
      file: '/home/dev/project/test/perf.spec.js',
      duration: 151,
      currentRetry: 1,
      err: {},
    },
  ],
  pending: [
    {
      title: 'pending feature',
      fullTitle: 'math pending feature',
      file: '/home/dev/project/test/math.spec.js',
      currentRetry: 0,
      err: {},
    },
  ],
  failures: [
    {
      title: 'subtracts',
      fullTitle: 'math subtracts',
      file: '/home/dev/project/test/math.spec.js',
      duration: 2,
      currentRetry: 0,
      err: { message: 'x' },
    },
    {
      title: '"before all" hook for "reads"',
      fullTitle: 'db "before all" hook for "reads"',
      file: '/home/dev/project/test/db.spec.js',
      currentRetry: 0,
      err: {
        message: 'connect ECONNREFUSED',
        stack: 'Error: connect ECONNREFUSED\n    at /home/dev/project/test/db.spec.js:5:11',
      },
    },
  ],
  passes: [],
};

describe('mocha JSON', () => {
  it('reads status from the failures and pending lists, hook failures as tests of their own', () => {
    const report = parseReportText(`${JSON.stringify(mochaDoc, null, 2)}\n`, { root });
    expect(report.format).toBe('mocha-json');
    expect(report.tests.map((t) => [t.id, t.status, t.durationMs, t.kind ?? null])).toEqual([
      ['test/math.spec.js::math > adds', 'passed', 1, null],
      ['test/math.spec.js::math > subtracts', 'failed', 2, null],
      ['test/math.spec.js::math > pending feature', 'skipped', null, null],
      ['test/perf.spec.js::perf > slow path', 'passed', 151, 'flaky'],
      ['test/db.spec.js::db > "before all" hook for "reads"', 'failed', null, null],
    ]);
    const failed = report.tests[1];
    expect([failed?.file, failed?.line, failed?.message]).toEqual([
      'test/math.spec.js',
      9,
      'Expected values to be strictly equal:\n\n7 !== 3',
    ]);
    expect(report.durationMs).toBe(163);
  });

  it('reads the JSON after lines a test printed on stdout before it', () => {
    const text = `debug: connecting\n${JSON.stringify(mochaDoc, null, 2)}`;
    expect(parseMochaJson(text, { root }).tests).toHaveLength(5);
  });
});
