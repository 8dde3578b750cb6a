import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ParsedReport, TestResult } from '../../src/core/model/runModel.js';
import { parseTerminalOutput } from '../../src/core/reports/index.js';
import { reportsDir, root } from './fixtureExpectations.js';

// Terminal output that lists every test: read test by test, checked against the runner's summary.
// test/fixtures/reports holds the 9-test sample; test/fixtures/terminal real captures of corner
// cases (see its README). The jest, mocha and go outputs below follow each runner's reporter source
// (jest-reporters VerboseReporter, mocha's spec reporter, go's testing) for cases the real captures of
// the sample in test/fixtures/reports do not show.
const terminalDir = new URL('../fixtures/terminal/', import.meta.url);

function read(file: string, base = root): ParsedReport {
  const text = readFileSync(file.includes('/') ? file : `${reportsDir}${file}`, 'utf8');
  const report = parseTerminalOutput(text, { root: base });
  if (report === null) throw new Error(`${file}: no summary found`);
  return report;
}

function capture(name: string, base: string): ParsedReport {
  return read(new URL(name, terminalDir).pathname, base);
}

const rows = (report: ParsedReport) => report.tests.map((t) => [t.id, t.status, t.durationMs]);
const byName = (report: ParsedReport, name: string): TestResult | undefined =>
  report.tests.find((t) => t.name === name);

describe('node --test spec reporter', () => {
  it('lists every test of the sample with its status and printed duration, nested by indentation', () => {
    const base = read('node-spec.baseline.txt');
    expect(base.format).toBe('stdout:node');
    expect(base.counts).toBeNull();
    expect(base.notes).toEqual([]);
    expect(rows(base)).toEqual([
      ['math > adds', 'passed', 0.585632],
      ['math > subtracts', 'passed', 0.088667],
      ['math > divides by zero throws', 'passed', 0.261792],
      ['math > known bug', 'failed', 2.364007],
      ['math > pending feature', 'skipped', 0.148421],
      ['perf > slow path', 'passed', 150.907154],
      ['strings > unicode ünïcödé 🚀', 'passed', 0.224],
      ['strings > escapes <tags> & "quotes"', 'passed', 0.075886],
      ['strings > removed later', 'passed', 0.105855],
    ]);
    expect(base.durationMs).toBe(275.431661);
    const known = byName(base, 'known bug');
    expect([known?.file, known?.line]).toEqual(['test/sample.test.mjs', 13]);
    expect(known?.message).toContain('0.30000000000000004');
  });

  it('reads the regressed run: three failures with their own messages, slow path at 600 ms', () => {
    const reg = read('node-spec.regressed.txt');
    expect(reg.counts).toBeNull();
    expect(reg.tests.filter((t) => t.status === 'failed').map((t) => [t.id, t.line])).toEqual([
      ['math > subtracts', 11],
      ['math > divides by zero throws', 12],
      ['math > known bug', 13],
    ]);
    expect(byName(reg, 'subtracts')?.message).toContain('7 !== 3');
    expect(byName(reg, 'divides by zero throws')?.message).toContain('RangeError');
    expect(byName(reg, 'slow path')?.durationMs).toBe(601.863853);
    expect(byName(reg, 'added test')?.status).toBe('passed');
    expect(byName(reg, 'removed later')).toBeUndefined();
  });

  it('counts a test with subtests, cancelled tests and todos as node does; a suite’s own hook failure is kept', () => {
    const report = capture('node-spec-nested.txt', '/home/dev/sample/node');
    expect(report.counts).toBeNull();
    expect(report.tests.map((t) => [t.id, t.status])).toEqual([
      ['outer > inner > deep', 'passed'],
      ['outer > inner > deep fail', 'failed'],
      ['outer > shallow', 'passed'],
      ['outer > todo one', 'skipped'],
      ['outer > todo reason', 'skipped'],
      ['outer > skipped one', 'skipped'],
      ['outer > skip reason', 'skipped'],
      ['parent test > child a', 'passed'],
      ['parent test > child b', 'passed'],
      // no describe() around it and node counts it: a test with subtests, not a suite
      ['parent test', 'passed'],
      ['top # weird', 'passed'],
      ['zero', 'passed'],
      ['zero#2', 'passed'],
      ['hooked > never', 'failed'],
      // the suite's before hook failed: not counted by node, still a failure to show
      ['hooked', 'failed'],
    ]);
    expect(byName(report, 'never')?.durationMs).toBeNull();
    expect(byName(report, 'hooked')?.message).toBe('Error: hook boom');
    expect([byName(report, 'deep fail')?.file, byName(report, 'deep fail')?.line]).toEqual(['a.test.mjs', 6]);
  });
});

describe('vitest default reporter', () => {
  it('lists the tree of a failing file with each printed time; a skipped test has none', () => {
    const base = read('vitest-stdout.baseline.txt');
    expect(base.format).toBe('stdout:vitest');
    expect(base.counts).toBeNull();
    expect(rows(base)).toEqual([
      ['test/sample.test.js::adds', 'passed', 2],
      ['test/sample.test.js::subtracts', 'passed', 0],
      ['test/sample.test.js::divides by zero throws', 'passed', 0],
      ['test/sample.test.js::known bug', 'failed', 6],
      ['test/sample.test.js::pending feature', 'skipped', null],
      ['test/sample.test.js::slow path', 'passed', 151],
      ['test/sample.test.js::unicode ünïcödé 🚀', 'passed', 0],
      ['test/sample.test.js::escapes <tags> & "quotes"', 'passed', 0],
      ['test/sample.test.js::removed later', 'passed', 0],
    ]);
    const known = byName(base, 'known bug');
    // the FAIL block names the suite; the id leaves it out, as the tree does not print it
    expect([known?.suite, known?.file, known?.line]).toEqual(['math', 'test/sample.test.js', 11]);
    expect(known?.message).toContain('expected 0.30000000000000004 to be 0.3');
  });

  it('reads a slow test’s line (`✓ slow path  600ms`) in the regressed run', () => {
    const reg = read('vitest-stdout.regressed.txt');
    expect(byName(reg, 'slow path')?.durationMs).toBe(600);
    expect(reg.tests.filter((t) => t.status === 'failed').map((t) => [t.name, t.line])).toEqual([
      ['subtracts', 9],
      ['divides by zero throws', 10],
      ['known bug', 11],
    ]);
  });

  it('falls back to the counts when passing files are collapsed, with the same ids for the failures', () => {
    const base = '/home/dev/sample/vt';
    const multi = capture('vitest-multi-file.txt', base);
    expect(multi.counts).toEqual({ passed: 6, failed: 1, skipped: 3 });
    expect(multi.notes).toEqual([
      'the vitest output lists 9 of the 10 tests its summary counts: read as counts and the failing tests it names',
    ]);
    expect(multi.tests.map((t) => t.id)).toEqual([
      'test/a.test.js::hooked',
      'test/c.test.js::(test file)',
      'test/a.test.js::deep fail',
    ]);
    const verbose = capture('vitest-verbose.txt', base);
    expect(verbose.tests.find((t) => t.name === 'deep fail')?.id).toBe('test/a.test.js::deep fail');
  });

  it('reads the verbose reporter and the tree printed on a terminal (suites shown) to the same ids', () => {
    const base = '/home/dev/sample/vt';
    const verbose = capture('vitest-verbose.txt', base);
    expect(verbose.counts).toBeNull();
    expect(verbose.tests.map((t) => [t.suite, t.name, t.status, t.durationMs])).toEqual([
      ['outer > inner', 'deep', 'passed', 1],
      ['outer > inner', 'deep fail', 'failed', 5],
      ['outer', 'shallow', 'passed', 0],
      ['outer', 'todo one', 'skipped', null],
      ['outer', 'skipped one', 'skipped', null],
      ['', 'top level', 'passed', 0],
      ['', 'slow', 'passed', 352],
      ['hooked', 'never', 'skipped', null],
      ['b suite', 'fine', 'passed', 1],
      ['b suite', 'slow b', 'passed', 321],
      // not counted by vitest's summary: a suite's hook, a file that failed to load
      ['', 'hooked', 'failed', null],
      ['', '(test file)', 'failed', null],
    ]);
    const terminal = capture('vitest-terminal.txt', base);
    expect(terminal.counts).toBeNull();
    const aFile = verbose.tests.filter((t) => t.file === 'test/a.test.js');
    expect(terminal.tests.map((t) => [t.id, t.suite])).toEqual(aFile.map((t) => [t.id, t.suite]));
  });
});

describe('pytest', () => {
  const sample = [
    'test_sample.py::TestMath > test_adds',
    'test_sample.py::TestMath > test_subtracts',
    'test_sample.py::TestMath > test_divides_by_zero_throws',
    'test_sample.py::TestMath > test_known_bug',
    'test_sample.py::TestMath > test_pending_feature',
    'test_sample.py::TestPerf > test_slow_path',
    'test_sample.py::TestStrings > test_unicode',
    'test_sample.py::TestStrings > test_escapes[<tags> & "quotes"]',
    'test_sample.py::TestStrings > test_removed_later',
  ];

  it('reads -v: every node id with its status, no durations without --durations', () => {
    const base = read('pytest-verbose.baseline.txt');
    expect(base.counts).toBeNull();
    expect(base.tests.map((t) => t.id)).toEqual(sample);
    expect(base.tests.map((t) => t.status)).toEqual([
      'passed',
      'passed',
      'passed',
      'failed',
      'skipped',
      'passed',
      'passed',
      'passed',
      'passed',
    ]);
    for (const test of base.tests) expect(test.durationMs).toBeNull();
    const known = byName(base, 'test_known_bug');
    expect([known?.file, known?.line, known?.message]).toEqual([
      'test_sample.py',
      14,
      'assert 0.30000000000000004 ...',
    ]);
  });

  it('reads -rA: the short summary lists every test; a folded skip is named by its reason and place', () => {
    const base = read('pytest-rA.baseline.txt');
    expect(base.counts).toBeNull();
    const skip = base.tests.find((t) => t.status === 'skipped');
    expect([skip?.id, skip?.line]).toEqual(['test_sample.py::(skipped) pending feature', 15]);
    expect(
      base.tests
        .filter((t) => t.status !== 'skipped')
        .map((t) => t.id)
        .sort(),
    ).toEqual(sample.filter((id) => !id.includes('pending')).sort());
    const reg = read('pytest-rA.regressed.txt');
    expect(reg.tests.filter((t) => t.status === 'failed').map((t) => t.name)).toEqual([
      'test_subtracts',
      'test_divides_by_zero_throws',
      'test_known_bug',
    ]);
    expect(byName(reg, 'test_subtracts')?.message).toBe('assert 7 == 3');
  });

  it('keeps -q as counts and the failures: it names no passing test', () => {
    const report = read('pytest-stdout.baseline.txt');
    expect(report.counts).toEqual({ passed: 7, failed: 1, skipped: 1 });
    expect(report.tests.map((t) => t.id)).toEqual(['test_sample.py::TestMath > test_known_bug']);
    expect(report.notes).toEqual([]);
  });

  it('reads teardown and setup errors, xfail, xpass and params alike from -v and -rA', () => {
    const base = '/home/dev/sample/py';
    const verbose = capture('pytest-verbose-corners.txt', base);
    const rA = capture('pytest-rA-corners.txt', base);
    for (const report of [verbose, rA]) {
      expect(report.counts).toBeNull();
      const of = (name: string) => {
        const t = byName(report, name);
        return [t?.status, t?.kind ?? null, t?.message];
      };
      // a failure plus a teardown error is one failed test, with the failure's message
      expect(of('test_fails_and_teardown')).toEqual(['failed', null, 'assert 1 == 2']);
      expect(of('test_passes_then_teardown')).toEqual(['failed', 'error', 'RuntimeError: teardown exploded']);
      expect(of('test_setup_error')).toEqual(['failed', 'error', 'RuntimeError: setup exploded']);
      expect(byName(report, 'test_xfail')?.status).toBe('skipped');
      expect(byName(report, 'test_xpass')?.status).toBe('passed');
      expect(byName(report, 'test_param[a::b]')?.id).toBe('test_c.py::test_param[a::b]');
      expect(byName(report, 'test_param[c - d]')?.status).toBe('passed');
      expect(byName(report, 'test_in_class')?.id).toBe('test_c.py::TestK > test_in_class');
    }
    expect(verbose.tests).toHaveLength(10);
    expect(rA.tests.filter((t) => t.name === '(skipped) later').map((t) => [t.id, t.line])).toEqual([
      ['test_c.py::(skipped) later', 16],
      ['test_c.py::(skipped) later#2', 18],
    ]);
  });

  it('takes durations from --durations, summed over setup, call and teardown', () => {
    const report = capture('pytest-durations-corners.txt', '/home/dev/sample/py');
    expect(report.counts).toBeNull();
    expect(byName(report, 'test_param[a::b]')?.durationMs).toBe(10);
    expect(byName(report, 'test_skip')?.durationMs).toBe(0);
  });
});

describe('cargo test', () => {
  it('lists every test of every target; the target’s source is in the id', () => {
    const base = read('cargo-stdout.baseline.txt');
    expect(base.counts).toBeNull();
    expect(rows(base)).toEqual([
      ['src/lib.rs::math > adds', 'passed', null],
      ['src/lib.rs::math > known_bug', 'failed', null],
      ['src/lib.rs::math > pending_feature', 'skipped', null],
      ['src/lib.rs::math > subtracts', 'passed', null],
      ['src/lib.rs::math > divides_by_zero_throws', 'passed', null],
      ['tests/strings.rs::escapes_tags_and_quotes', 'passed', null],
      ['tests/strings.rs::removed_later', 'passed', null],
      ['tests/strings.rs::unicode_ünïcödé', 'passed', null],
      ['tests/strings.rs::slow_path', 'passed', null],
    ]);
    expect(base.durationMs).toBe(150);
    const known = byName(base, 'known_bug');
    expect([known?.file, known?.line]).toEqual(['src/lib.rs', 16]);
  });

  it('keeps two tests of one name in two targets apart, and reads doc tests', () => {
    const report = capture('cargo-doctests.txt', '/home/dev/sample/rs');
    expect(rows(report)).toEqual([
      ['src/lib.rs::tests > later', 'skipped', null],
      ['src/lib.rs::tests > it_works', 'passed', null],
      ['tests/a.rs::same', 'passed', null],
      ['tests/b.rs::same', 'failed', null],
      ['src/lib.rs - add (line 3)', 'passed', null],
    ]);
    expect(byName(report, 'same') === report.tests[2]).toBe(true);
    expect(report.tests[3]?.message).toBe('boom');
  });

  it('reads --report-time durations', () => {
    const text = [
      'running 2 tests',
      'test fast ... ok <0.001s>',
      'test slow ... ok <0.600s>',
      '',
      'test result: ok. 2 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.60s',
    ].join('\n');
    expect(rows(parseTerminalOutput(text, { root }) as ParsedReport)).toEqual([
      ['fast', 'passed', 1],
      ['slow', 'passed', 600],
    ]);
  });
});

describe('jest --verbose (output as VerboseReporter prints it)', () => {
  const verbose = ` FAIL  test/sample.test.js
  console.log
    hello from a test

      at Object.log (test/sample.test.js:3:11)

  ✓ top level (1 ms)
  math
    ✓ adds (2 ms)
    ✕ subtracts (5 ms)
    ✓ divides
    ○ skipped pending feature
    ✎ todo later
    nested
      ✓ deep (1500 ms)
  perf
    ✓ slow path (601 ms)

  ● math › subtracts

    expect(received).toBe(expected) // Object.is equality

      at Object.toBe (test/sample.test.js:8:45)

Test Suites: 1 failed, 1 total
Tests:       1 failed, 1 skipped, 1 todo, 5 passed, 8 total
Time:        2.1 s
`;

  it('lists the tree under each file, suites from indentation, a test without a time as null', () => {
    const report = parseTerminalOutput(verbose, { root }) as ParsedReport;
    expect(report.format).toBe('stdout:jest');
    expect(report.counts).toBeNull();
    expect(rows(report)).toEqual([
      ['test/sample.test.js::top level', 'passed', 1],
      ['test/sample.test.js::math > adds', 'passed', 2],
      ['test/sample.test.js::math > subtracts', 'failed', 5],
      ['test/sample.test.js::math > divides', 'passed', null],
      ['test/sample.test.js::math > pending feature', 'skipped', null],
      ['test/sample.test.js::math > later', 'skipped', null],
      ['test/sample.test.js::math > nested > deep', 'passed', 1500],
      ['test/sample.test.js::perf > slow path', 'passed', 601],
    ]);
    const subtracts = byName(report, 'subtracts');
    expect([subtracts?.line, subtracts?.message]).toEqual([
      8,
      'expect(received).toBe(expected) // Object.is equality',
    ]);
  });

  it('falls back to the counts when the tree misses tests the summary counts', () => {
    const cut = verbose.replace('    ✓ adds (2 ms)\n', '');
    const report = parseTerminalOutput(cut, { root }) as ParsedReport;
    expect(report.counts).toEqual({ passed: 5, failed: 1, skipped: 2 });
    expect(report.tests.map((t) => t.id)).toEqual(['test/sample.test.js::math > subtracts']);
    expect(report.notes).toEqual([
      'the jest output lists 7 of the 8 tests its summary counts: read as counts and the failing tests it names',
    ]);
  });
});

describe('mocha spec reporter (output as lib/reporters/spec.js prints it)', () => {
  const spec = `

  ✔ top level
  math
    ✔ adds
    1) subtracts
    - pending feature
    nested
      ✔ deep (45ms)

  perf
    ✔ slow path (151ms)


  4 passing (210ms)
  1 pending
  1 failing

  1) math
       subtracts:

      AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:

      at Context.<anonymous> (test/sample.spec.js:9:45)

`;

  it('lists every test; only slow ones have a time; a failure takes the details under its number', () => {
    const report = parseTerminalOutput(spec, { root }) as ParsedReport;
    expect(report.format).toBe('stdout:mocha');
    expect(report.counts).toBeNull();
    expect(rows(report)).toEqual([
      ['top level', 'passed', null],
      ['math > adds', 'passed', null],
      ['math > subtracts', 'failed', null],
      ['math > pending feature', 'skipped', null],
      ['math > nested > deep', 'passed', 45],
      ['perf > slow path', 'passed', 151],
    ]);
    const subtracts = byName(report, 'subtracts');
    expect([subtracts?.file, subtracts?.line]).toEqual(['test/sample.spec.js', 9]);
    expect(subtracts?.message).toBe('AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:');
  });
});

describe('go test -v', () => {
  it('falls back to the failures, with a note, when a test started and never finished', () => {
    const text = `=== RUN   TestA
--- PASS: TestA (0.00s)
=== RUN   TestHangs
panic: test timed out after 1s
FAIL	example.com/p	1.005s
`;
    const report = parseTerminalOutput(text, { root }) as ParsedReport;
    expect(report.counts).toEqual({ passed: 1, failed: 0, skipped: 0 });
    expect(report.notes).toEqual(['1 tests started (=== RUN) but never reported a result']);
  });
});

describe('the check against the summary', () => {
  it('reads a listing with a line cut out as counts plus failures, and says why', () => {
    const text = readFileSync(`${reportsDir}node-spec.regressed.txt`, 'utf8').replace(
      /^ {2}✔ adds .*\n/m,
      '',
    );
    const report = parseTerminalOutput(text, { root }) as ParsedReport;
    expect(report.counts).toEqual({ passed: 5, failed: 3, skipped: 1 });
    expect(report.notes).toEqual([
      'the node output lists 8 of the 9 tests its summary counts: read as counts and the failing tests it names',
    ]);
    // the failures keep the ids the full listing gives them
    expect(report.tests.map((t) => t.id)).toEqual([
      'math > subtracts',
      'math > divides by zero throws',
      'math > known bug',
    ]);
  });

  it('says so when the numbers add up but the statuses do not', () => {
    const text = readFileSync(`${reportsDir}node-spec.baseline.txt`, 'utf8').replace(
      '  ✔ adds (',
      '  ✖ adds (',
    );
    const report = parseTerminalOutput(text, { root }) as ParsedReport;
    expect(report.counts).toEqual({ passed: 7, failed: 1, skipped: 1 });
    expect(report.notes[0]).toMatch(
      /^the node output lists 6 passed, 2 failed, 1 skipped where its summary says 7 passed, 1 failed, 1 skipped/,
    );
  });
});
