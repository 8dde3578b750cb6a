import { describe, expect, it } from 'vitest';
import { parseTerminalOutput } from '../../src/core/reports/index.js';

// The jest, mocha and go outputs below follow each runner's reporter source (jest-reporters, mocha
// lib/reporters/base.js, go's testing package) for cases the sample does not show (a file that fails
// to load, a hook failure, go without -v). Every runner's output of the sample is tested on real
// captures in fixtures.test.ts.
const root = '/home/dev/project';
const parse = (text: string) => parseTerminalOutput(text, { root });
const failures = (text: string) => parse(text)?.tests.map((t) => [t.id, `${t.file}:${t.line}`, t.message]);

const jest = `FAIL test/sample.test.js
  math
    ✓ adds (2 ms)
    ✕ subtracts (2 ms)
    ○ skipped pending feature
  perf
    ✓ slow path (601 ms)

  ● math › subtracts

    expect(received).toBe(expected) // Object.is equality

    Expected: 3
    Received: 7

       6 | describe('math', () => {
    >  8 |   it('subtracts', () => { expect(sub(5, 2)).toBe(3); });
         |                                             ^

      at Object.toBe (test/sample.test.js:8:45)

FAIL test/broken.test.js
  ● Test suite failed to run

    SyntaxError: Unexpected token (3:7)

Test Suites: 2 failed, 2 total
Tests:       1 failed, 1 skipped, 1 todo, 2 passed, 5 total
Snapshots:   0 total
Time:        0.843 s, estimated 1 s
Ran all test suites.
`;

const mocha = `

  math
    ✔ adds
    1) subtracts
    - pending feature

  perf
    ✔ slow path (151ms)


  2 passing (160ms)
  1 pending
  2 failing

  1) math
       subtracts:

      AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:

7 !== 3

      + expected - actual

      -7
      +3

      at Context.<anonymous> (test/sample.spec.js:9:45)
      at process.processImmediate (node:internal/timers:483:21)

  2) db
       "before all" hook for "reads":
     Error: connect ECONNREFUSED 127.0.0.1:5432
      at /home/dev/project/test/db.spec.js:5:11

`;

const goPlain = `--- FAIL: TestMath (0.00s)
    --- FAIL: TestMath/subtracts (0.00s)
        calc_test.go:17: Sub(5, 2) = 7, want 3
    --- FAIL: TestMath/known_bug (0.00s)
        calc_test.go:27: Add(0.1, 0.2) = 0.30000000000000004, want 0.3
FAIL
FAIL	example.com/sample/calc	0.612s
ok  	example.com/sample/other	0.003s
FAIL
`;

const goVerbose = `=== RUN   TestMath
=== RUN   TestMath/adds
=== RUN   TestMath/subtracts
    calc_test.go:17: Sub(5, 2) = 7, want 3
=== RUN   TestMath/pending_feature
    calc_test.go:31: pending feature
--- FAIL: TestMath (0.00s)
    --- PASS: TestMath/adds (0.00s)
    --- FAIL: TestMath/subtracts (0.00s)
    --- SKIP: TestMath/pending_feature (0.00s)
=== RUN   TestPerf
--- PASS: TestPerf (0.60s)
FAIL
FAIL	example.com/sample/calc	0.612s
`;

describe('parseTerminalOutput', () => {
  it('reads jest: the Tests: line, the time less its estimate, the ● failure blocks (message up to the code frame, location), a file that failed to run', () => {
    const report = parse(jest);
    expect(report?.format).toBe('stdout:jest');
    expect(report?.counts).toEqual({ passed: 2, failed: 1, skipped: 2 });
    expect(report?.durationMs).toBe(843);
    expect(failures(jest)).toEqual([
      [
        'test/sample.test.js::math > subtracts',
        'test/sample.test.js:8',
        'expect(received).toBe(expected) // Object.is equality\n\nExpected: 3\nReceived: 7',
      ],
      ['test/broken.test.js::(test file)', 'test/broken.test.js:null', 'SyntaxError: Unexpected token (3:7)'],
    ]);
  });

  it('reads mocha: passing/pending/failing and the numbered failures with their title path', () => {
    const report = parse(mocha);
    expect(report?.format).toBe('stdout:mocha');
    expect(report?.counts).toEqual({ passed: 2, failed: 2, skipped: 1 });
    expect(report?.durationMs).toBe(160);
    expect(failures(mocha)).toEqual([
      [
        'math > subtracts',
        'test/sample.spec.js:9',
        'AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:\n\n7 !== 3\n\n+ expected - actual\n\n-7\n+3',
      ],
      [
        'db > "before all" hook for "reads"',
        'test/db.spec.js:5',
        'Error: connect ECONNREFUSED 127.0.0.1:5432',
      ],
    ]);
  });

  it('reads go test output: leaf FAIL lines with their file:line, and says when passes are not listed', () => {
    const report = parse(goPlain);
    expect(report?.format).toBe('stdout:go');
    expect(report?.counts).toEqual({ passed: 0, failed: 2, skipped: 0 });
    expect(report?.notes).toEqual([
      'go test without -v lists only failing tests: passed tests were not counted',
    ]);
    // the package closing each block is the first level of the suite, as with go test -json
    expect(failures(goPlain)).toEqual([
      ['example.com/sample/calc > TestMath > subtracts', 'calc_test.go:17', 'Sub(5, 2) = 7, want 3'],
      [
        'example.com/sample/calc > TestMath > known_bug',
        'calc_test.go:27',
        'Add(0.1, 0.2) = 0.30000000000000004, want 0.3',
      ],
    ]);
  });

  it('reads go test -v output: every leaf with its time, a failure’s output found after its === RUN line', () => {
    const report = parse(goVerbose);
    expect(report?.counts).toBeNull();
    expect(report?.notes).toEqual([]);
    expect(report?.tests.map((t) => [t.id, t.status, t.durationMs])).toEqual([
      ['example.com/sample/calc > TestMath > adds', 'passed', 0],
      ['example.com/sample/calc > TestMath > subtracts', 'failed', 0],
      ['example.com/sample/calc > TestMath > pending_feature', 'skipped', 0],
      ['example.com/sample/calc > TestPerf', 'passed', 600],
    ]);
    expect(failures(goVerbose)?.[1]).toEqual([
      'example.com/sample/calc > TestMath > subtracts',
      'calc_test.go:17',
      'Sub(5, 2) = 7, want 3',
    ]);
  });

  it('reads the plain `N passed, N failed` line, with or without a word in front', () => {
    expect(parse('building…\nbatch: 97 passed, 3 failed, 1 skipped\n')?.counts).toEqual({
      passed: 97,
      failed: 3,
      skipped: 1,
    });
    expect(parse('12 passed, 0 failed\n')?.counts).toEqual({ passed: 12, failed: 0, skipped: 0 });
    expect(parse('12 passed, 0 failed\n')?.format).toBe('stdout:summary');
  });

  it('strips colours before reading', () => {
    const coloured = '\u001b[32m3 passed\u001b[39m, \u001b[31m1 failed\u001b[39m\n';
    expect(parse(coloured)?.counts).toEqual({ passed: 3, failed: 1, skipped: 0 });
  });

  it('returns null when no runner summary is in the output', () => {
    expect(parse('Compiling…\nDone in 2.1s\n')).toBeNull();
  });
});
