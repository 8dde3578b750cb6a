import { describe, expect, it } from 'vitest';
import { parseTap } from '../../src/core/reports/index.js';

const root = '/home/dev/project';
const parse = (tap: string) => parseTap(tap, { root });

describe('parseTap', () => {
  it('turns TAP 14 subtests into suites and counts only the leaves', () => {
    const tap = `TAP version 14
# Subtest: outer
    # Subtest: inner
        ok 1 - deep
          ---
          duration_ms: 2.5
          ...
        1..1
    ok 1 - inner
    not ok 2 - shallow
      ---
      duration_ms: 1.25
      at:
        file: /home/dev/project/test/outer.test.js
        line: 9
        column: 5
      message: expected 1 to equal 2
      stack: |-
        Test.<anonymous> (/home/dev/project/test/outer.test.js:9:5)
      ...
    1..2
not ok 1 - outer
1..1
`;
    const report = parse(tap);
    expect(report.tests.map((t) => [t.id, t.status, t.durationMs])).toEqual([
      ['outer > inner > deep', 'passed', 2.5],
      ['outer > shallow', 'failed', 1.25],
    ]);
    const failed = report.tests[1];
    expect([failed?.file, failed?.line, failed?.message]).toEqual([
      'test/outer.test.js',
      9,
      'expected 1 to equal 2',
    ]);
    expect(failed?.stack).toContain('outer.test.js:9:5');
  });

  it('reads SKIP and TODO directives as skipped (a failing TODO is not a failure)', () => {
    const tap = `TAP version 13
ok 1 - skipped one # SKIP no database
ok 2 - prefixed # skipped: later
not ok 3 - not done # TODO write it
ok 4 - bonus # TODO but it passes
not ok 5 - real failure
1..5
`;
    expect(parse(tap).tests.map((t) => [t.name, t.status])).toEqual([
      ['skipped one', 'skipped'],
      ['prefixed', 'skipped'],
      ['not done', 'skipped'],
      ['bonus', 'skipped'],
      ['real failure', 'failed'],
    ]);
  });

  it('stops at Bail out! with a note, keeping the tests before it', () => {
    const tap = `TAP version 13
1..4
ok 1 - first
not ok 2 - second
Bail out! database is down
ok 3 - never seen
`;
    const report = parse(tap);
    expect(report.tests.map((t) => t.name)).toEqual(['first', 'second']);
    expect(report.notes).toEqual(['bail out: database is down; later tests did not run']);
  });

  it('reads mocha TAP 12: no version, plan at the end, raw failure lines as message and location', () => {
    const tap = `ok 1 math adds
not ok 2 math subtracts
  Expected values to be strictly equal:
  
  7 !== 3
  
  AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:
  
  7 !== 3
  
      at Context.<anonymous> (/home/dev/project/test/math.spec.js:9:45)
      at process.processImmediate (node:internal/timers:483:21)
ok 3 math pending feature # SKIP -
# tests 2
# pass 1
# fail 1
1..3
`;
    const report = parse(tap);
    expect(report.tests.map((t) => [t.name, t.status])).toEqual([
      ['math adds', 'passed'],
      ['math subtracts', 'failed'],
      ['math pending feature', 'skipped'],
    ]);
    const failed = report.tests[1];
    // the message, not the stack that repeats it
    expect(failed?.message).toBe('Expected values to be strictly equal:\n\n7 !== 3');
    expect([failed?.file, failed?.line]).toEqual(['test/math.spec.js', 9]);
    expect(failed?.id).toBe('math subtracts');
  });

  it('reads the message of a YAML block the TAP parser rejects (vitest writes a multi-line value unindented)', () => {
    const tap = `TAP version 13
1..1
not ok 1 - a.test.js > math > divides # time=1.24ms
    ---
    error:
        name: "AssertionError"
        message: "expected error to be instance of RangeError"
    at: "/home/dev/project/test/a.test.js:10:64"
    actual: "TypeError {
  \\"message\\": \\"Cannot read properties of null\\",
}"
    ...
`;
    const failed = parse(tap).tests[0];
    expect([failed?.status, failed?.message]).toEqual([
      'failed',
      'expected error to be instance of RangeError',
    ]);
    expect([failed?.file, failed?.line]).toEqual(['test/a.test.js', 10]);
  });

  it('reports a suite that failed by itself (a hook), but not one failing through its tests', () => {
    const tap = `TAP version 13
# Subtest: suite with hook
    # Subtest: fine
    ok 1 - fine
    1..1
not ok 1 - suite with hook
  ---
  type: 'suite'
  failureType: 'hookFailed'
  error: 'after hook failed'
  location: '/home/dev/project/test/h.test.mjs:3:1'
  ...
1..1
`;
    expect(parse(tap).tests.map((t) => [t.id, t.status, t.message, t.line])).toEqual([
      ['suite with hook > fine', 'passed', null, null],
      ['suite with hook', 'failed', 'after hook failed', 3],
    ]);
  });

  it('keeps a declared location outside the root as an absolute path, like a file field', () => {
    const tap = `TAP version 13
not ok 1 - elsewhere
  ---
  location: '/srv/other/test/e.test.mjs:12:3'
  error: 'boom'
  stack: |-
    TestContext.<anonymous> (file:///srv/other/test/e.test.mjs:12:9)
  ...
not ok 2 - tapjs style
  ---
  at:
    file: file:///srv/other/test/f.test.mjs
    line: 4
  ...
1..2
`;
    expect(parse(tap).tests.map((t) => [t.file, t.line])).toEqual([
      ['/srv/other/test/e.test.mjs', 12],
      ['/srv/other/test/f.test.mjs', 4],
    ]);
  });

  it('ignores lines that are not TAP and numbers repeated names', () => {
    const tap = `TAP version 13
console output here
ok 1 - same
ok 2 - same
1..2
`;
    expect(parse(tap).tests.map((t) => t.id)).toEqual(['same', 'same#2']);
  });

  it('notes a plan that skips everything', () => {
    expect(parse('TAP version 13\n1..0 # SKIP no tests on this platform\n').notes).toEqual([
      'all tests skipped: no tests on this platform',
    ]);
  });
});
