import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParsedReport, TestResult } from '../../src/core/model/runModel.js';
import {
  locationFromStack,
  mergeReports,
  normalizeMessage,
  parseReportFile,
  portablePath,
  projectPath,
  ReportParseError,
  sniffFormat,
  testId,
} from '../../src/core/reports/index.js';
import { reportsDir } from './fixtureExpectations.js';

const fixture = (name: string) => readFileSync(join(reportsDir, name), 'utf8');

describe('sniffFormat', () => {
  it.each([
    ['vitest-junit.baseline.xml', 'junit'],
    ['pytest-xunit2.baseline.xml', 'junit'],
    ['node-tap.baseline.tap', 'tap'],
    ['vitest-json.baseline.json', 'vitest-json'],
    ['jest-json.baseline.json', 'jest-json'],
    ['node-events.baseline.jsonl', 'node-test'],
    ['vitest-stdout.baseline.txt', 'stdout'],
    ['cargo-stdout.baseline.txt', 'stdout'],
  ])('recognises %s as %s', (file, format) => {
    expect(sniffFormat(fixture(file))).toBe(format);
  });

  it('recognises JUnit after a BOM, a declaration and comments; nothing else in XML', () => {
    expect(sniffFormat('\uFEFF<?xml version="1.0"?>\n<!-- generated -->\n<testsuite name="x"/>')).toBe(
      'junit',
    );
    expect(sniffFormat('<?xml version="1.0"?><assemblies/>')).toBeNull();
  });

  it('recognises go test -json, mocha JSON and TAP without a version line', () => {
    expect(sniffFormat('{"Time":"2026-01-01T00:00:00Z","Action":"start","Package":"p"}\n')).toBe('go-json');
    expect(sniffFormat('{"stats":{"tests":1},"tests":[],"pending":[],"failures":[],"passes":[]}')).toBe(
      'mocha-json',
    );
    expect(sniffFormat('ok 1 math adds\nnot ok 2 math subtracts\n1..2\n')).toBe('tap');
    expect(sniffFormat('ok 1 math adds\n', 'results.tap')).toBe('tap');
  });

  it('returns null for text that holds no test results', () => {
    expect(sniffFormat('hello world\n')).toBeNull();
    expect(sniffFormat('{"name":"pkg","version":"1.0.0"}')).toBeNull();
  });
});

describe('parseReportFile', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'batch-reports-'));
    mkdirSync(join(dir, 'folder'));
    writeFileSync(join(dir, 'empty.xml'), '');
    writeFileSync(join(dir, 'notes.txt'), 'just some notes\n');
    writeFileSync(join(dir, 'cut.xml'), fixture('vitest-junit.regressed.xml').slice(0, 1200));
    writeFileSync(
      join(dir, 'xunit.xml'),
      '<?xml version="1.0"?><assemblies><assembly name="a"/></assemblies>',
    );
    writeFileSync(join(dir, 'libtest.json'), '{ "type": "suite", "event": "started", "test_count": 4 }\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const failure = async (name: string) => {
    const path = join(dir, name);
    const error = await parseReportFile(path, { root: dir }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ReportParseError);
    const e = error as ReportParseError;
    expect(e.path).toBe(path);
    expect(e.message).toContain(path);
    return e.reason;
  };

  it('names the file and the reason for every file it cannot read', async () => {
    expect(await failure('missing.xml')).toBe('file not found');
    expect(await failure('folder')).toBe('is a directory, not a report file');
    expect(await failure('empty.xml')).toBe('empty file: no test results in it');
    expect(await failure('notes.txt')).toMatch(/^not a test report batch recognises/);
    expect(await failure('cut.xml')).toMatch(/^truncated XML \(.*unclosed tag/);
    expect(await failure('xunit.xml')).toBe(
      'xUnit.net v2 XML is not a format batch reads; have the runner write JUnit XML',
    );
    expect(await failure('libtest.json')).toMatch(/^libtest JSON/);
  });

  it('reads a file in the format it is told, without sniffing', async () => {
    const path = join(dir, 'summary.log');
    writeFileSync(path, 'ok 1 - looks like TAP\n1..1\n3 passed, 1 failed\n');
    expect((await parseReportFile(path, { root: dir })).format).toBe('tap');
    expect((await parseReportFile(path, { root: dir, format: 'stdout' })).counts).toEqual({
      passed: 3,
      failed: 1,
      skipped: 0,
    });
  });
});

const test = (id: string, status: TestResult['status'], durationMs: number | null = 1): TestResult => ({
  id,
  name: id,
  suite: '',
  file: null,
  line: null,
  status,
  durationMs,
  message: status === 'failed' ? `${id} broke` : null,
  stack: null,
});
const report = (format: string, tests: TestResult[], extra: Partial<ParsedReport> = {}): ParsedReport => ({
  format,
  tests,
  durationMs: null,
  counts: null,
  notes: [],
  ...extra,
});

describe('mergeReports', () => {
  it('joins shards, keeps a test run twice once with the failure winning, and says so', () => {
    const merged = mergeReports([
      report('junit', [test('a', 'passed'), test('b', 'passed')], { durationMs: 900 }),
      report('junit', [test('b', 'failed'), test('c', 'skipped')], { durationMs: 1200 }),
    ]);
    expect(merged.tests.map((t) => [t.id, t.status])).toEqual([
      ['a', 'passed'],
      ['b', 'failed'],
      ['c', 'skipped'],
    ]);
    expect(merged.tests[1]?.message).toBe('b broke');
    expect(merged.notes).toEqual(['b: reported by several files (passed, failed); counted once as failed']);
    expect(merged.durationMs).toBe(1200);
    expect(merged.format).toBe('junit');
    expect(merged.counts).toBeNull();
  });

  it('sums counts when a shard only has counts, and names both formats', () => {
    const merged = mergeReports([
      report('junit', [test('a', 'passed'), test('b', 'failed')]),
      report('stdout:pytest', [], { counts: { passed: 5, failed: 0, skipped: 2 } }),
    ]);
    expect(merged.counts).toEqual({ passed: 6, failed: 1, skipped: 2 });
    expect(merged.format).toBe('junit+stdout:pytest');
  });
});

describe('normalizeMessage', () => {
  it('makes the same pytest failure from two runs compare equal (object addresses differ)', () => {
    const read = (file: string) =>
      /<failure message="[^"]*">([\s\S]*?)<\/failure>/.exec(fixture(file))?.[1] ?? '';
    const before = read('pytest-xunit2.baseline.xml');
    const after =
      /test_known_bug[\s\S]*?<failure message="[^"]*">([\s\S]*?)<\/failure>/.exec(
        fixture('pytest-xunit2.regressed.xml'),
      )?.[1] ?? '';
    expect(before).not.toBe(after);
    expect(normalizeMessage(before)).toBe(normalizeMessage(after));
  });

  it('replaces colours, addresses, temp paths, timestamps, durations, thread ids and the root', () => {
    const message =
      "\u001b[31mboom\u001b[39m at 0x7ffd5a3c9e10 in /tmp/vitest-abc123/x.js after 123ms (1.23s) on 2026-11-22T02:50:35.465Z; thread 'm::t' (29292) panicked; /home/dev/project/src/a.ts:3";
    expect(normalizeMessage(message, '/home/dev/project')).toBe(
      "boom at 0x… in <tmp>/x.js after <duration> (<duration>) on <time>; thread 'm::t' panicked; <root>/src/a.ts:3",
    );
    expect(normalizeMessage('took 5 ms')).toBe(normalizeMessage('took 812 ms'));
    expect(normalizeMessage('expected 3 to be 7')).not.toBe(normalizeMessage('expected 3 to be 8'));
    expect(normalizeMessage(null)).toBe('');
  });
});

describe('locationFromStack', () => {
  const root = '/home/dev/project';

  it('skips dependencies and runtime internals for the first frame inside the root', () => {
    const stack = `Error: x
    at Object.<anonymous> (/home/dev/project/node_modules/lib/index.js:10:5)
    at node:internal/modules/cjs/loader:1101:14
    at helper (file:///home/dev/project/src/util/help.ts:4:9)
    at Context.<anonymous> (/home/dev/project/test/a.test.ts:12:3)`;
    expect(locationFromStack(stack, root)).toEqual({ file: 'src/util/help.ts', line: 4 });
    expect(locationFromStack(stack, root, 'test/a.test.ts')).toEqual({ file: 'test/a.test.ts', line: 12 });
  });

  it('prefers absolute frames inside the root to relative ones, skips frames outside it', () => {
    expect(locationFromStack('at x (/elsewhere/lib.js:1:1)\nat y (test/rel.js:5:1)', root)).toEqual({
      file: 'test/rel.js',
      line: 5,
    });
    expect(
      locationFromStack('at x (test/rel.js:5:1)\nat y (/home/dev/project/test/abs.js:7:1)', root),
    ).toEqual({
      file: 'test/abs.js',
      line: 7,
    });
    expect(locationFromStack('at x (../../outside/lib.js:5:1)', root)).toBeNull();
  });

  it('takes a frame relative to the runner’s sub-folder as the preferred file it ends (mocha in packages/a)', () => {
    const stack =
      'at helper (/home/dev/project/packages/a/src/x.js:3:1)\nat Context.<anonymous> (test/a.test.js:9:34)';
    expect(locationFromStack(stack, root, 'packages/a/test/a.test.js')).toEqual({
      file: 'packages/a/test/a.test.js',
      line: 9,
    });
    expect(locationFromStack(stack, root, 'packages/b/other.test.js')).toEqual({
      file: 'packages/a/src/x.js',
      line: 3,
    });
  });

  it.each([
    ['vitest', ' ❯ test/sample.test.js:11:49', root, 'test/sample.test.js:11'],
    ['pytest', 'test_sample.py:14: AssertionError', root, 'test_sample.py:14'],
    ['go', '    calc_test.go:20: got 1', root, 'calc_test.go:20'],
    ['rust', "thread 'a' panicked at src/lib.rs:6:30:", root, 'src/lib.rs:6'],
    ['java', 'at com.acme.A.t(ATest.java:58)', root, 'ATest.java:58'],
    ['Windows', 'at C:\\work\\proj\\test\\a.test.js:3:1', 'C:\\work\\proj', 'test/a.test.js:3'],
    ['no file: a URL, a node builtin', 'see https://example.com/app.js:10:5 and node:fs:12:1', root, null],
  ])('reads a %s location', (_, stack, base, expected) => {
    const found = locationFromStack(stack, base);
    expect(found && `${found.file}:${found.line}`).toBe(expected);
  });
});

describe('paths and ids', () => {
  const root = '/home/dev/project';

  it('makes report paths project-relative, keeping files outside the root absolute', () => {
    expect(projectPath('/home/dev/project/test/a.test.js', root)).toBe('test/a.test.js');
    expect(projectPath('file:///home/dev/project/test/my%20file.js', `${root}/`)).toBe('test/my file.js');
    expect(projectPath('./test/../test/a.js', root)).toBe('test/a.js');
    expect(projectPath('/home/dev/projectile/a.js', root)).toBe('/home/dev/projectile/a.js');
    expect(projectPath('', root)).toBeNull();
  });

  it('never puts an absolute path in an id', () => {
    expect(testId('test/a.test.js', 'math', 'adds', root)).toBe('test/a.test.js::math > adds');
    expect(testId(null, '', 'adds', root)).toBe('adds');
    expect(testId('/home/dev/shared/b.test.js', '', 'x', root)).toBe('../shared/b.test.js::x');
    expect(portablePath('D:/other/c.test.js', 'C:/work/proj')).toBe('c.test.js');
  });
});
