import type { ParsedReport, TestResult, TestStatus } from '../model/runModel.js';
import { capText } from './capText.js';
import { secondsToMs } from './duration.js';
import { jsonLines, num, str } from './jsonDocument.js';
import { projectPath } from './projectPath.js';
import type { ParseOptions } from './reportFormat.js';
import { makeTest, suiteSeparator } from './testResult.js';

/** One test of one package, or the package itself (test ''), as the events describe it. */
interface GoTest {
  pkg: string;
  test: string;
  status: TestStatus | null;
  /** Failed once, then passed when run again (`-count=N`, gotestsum --rerun-fails). */
  flaky: boolean;
  elapsed: number | null;
  output: string[];
}

const maxOutputLines = 2000;
// test2json's own framing lines, not the test's output
const framing = /^\s*(?:=== (?:RUN|PAUSE|CONT|NAME)\s|--- (?:PASS|FAIL|SKIP): )/;
const goLocation = /^\s*([\w./-]+\.go):(\d+): ?/;

function testOutput(lines: string[]): string[] {
  return lines.filter((l) => !framing.test(l) && l.trim() !== '').map((l) => l.replace(/\n$/, ''));
}

function failureFields(t: GoTest, root: string) {
  const lines = testOutput(t.output);
  const located = lines.map((l) => goLocation.exec(l)).find((m) => m !== null);
  // `# pkg` heads go's build output; the message is the first line after it
  const first =
    lines
      .find((l) => !l.startsWith('# '))
      ?.trim()
      .replace(goLocation, '') ?? null;
  const body = lines.map((l) => l.replace(/^ {4}/, '')).join('\n');
  return {
    file: located ? projectPath(located[1], root) : null,
    line: located ? Number(located[2]) : null,
    message: first === null || first === '' ? null : capText(first),
    stack: body === '' ? null : capText(body),
  };
}

function toResult(t: GoTest, name: string, suite: string, root: string): TestResult {
  const status = t.status ?? 'failed';
  const failure =
    status === 'failed' ? failureFields(t, root) : { file: null, line: null, message: null, stack: null };
  const message =
    failure.message ?? (t.status === null ? 'the test did not finish (panic, timeout or crash)' : null);
  const kind = t.flaky && status === 'passed' ? { kind: 'flaky' as const } : {};
  const fields = { name, suite, ...failure, status, ...kind, durationMs: secondsToMs(t.elapsed), message };
  // go names the file only in failure output, so the id holds none: it must not change with status
  return makeTest(fields, root, null);
}

/**
 * Parses `go test -json` (test2json events: run/pass/fail/skip/output with Elapsed seconds; Go ≥1.24
 * build-output/build-fail events too). Subtests `TestA/case` become tests in suite `pkg > TestA`;
 * a parent counts only when it failed by itself. Failure message and `x_test.go:12` location come
 * from the test's output lines. A package that failed with no failing test (build error, panic in
 * TestMain) becomes one failed test named after the package's failure.
 */
export function parseGoTestJson(text: string, options: ParseOptions): ParsedReport {
  const tests = new Map<string, GoTest>();
  const builds = new Map<string, string[]>();
  const get = (pkg: string, test: string): GoTest => {
    const key = `${pkg}\u0000${test}`;
    let t = tests.get(key);
    if (!t) tests.set(key, (t = { pkg, test, status: null, flaky: false, elapsed: null, output: [] }));
    return t;
  };
  const { events, unreadable } = jsonLines(text);
  for (const e of events) {
    const action = str(e.Action) ?? '';
    if (action === 'build-output' || action === 'build-fail') {
      // `example.com/pkg [example.com/pkg.test]`: the package is the part before the brackets
      const importPath = (str(e.ImportPath) ?? '').replace(/ \[.*\]$/, '');
      const out = builds.get(importPath) ?? [];
      if (action === 'build-output' && out.length < maxOutputLines) out.push(str(e.Output) ?? '');
      builds.set(importPath, out);
      continue;
    }
    const t = get(str(e.Package) ?? '', str(e.Test) ?? '');
    if (action === 'output' && t.output.length < maxOutputLines) t.output.push(str(e.Output) ?? '');
    else if (action === 'pass' || action === 'fail' || action === 'skip') {
      const status: TestStatus = action === 'pass' ? 'passed' : action === 'fail' ? 'failed' : 'skipped';
      // the same test reported again is one more attempt: a pass after a failure is a flaky pass
      t.flaky = t.flaky || (t.status === 'failed' && status === 'passed');
      t.status = t.status === 'failed' && status === 'skipped' ? t.status : status;
      t.elapsed = num(e.Elapsed);
    }
  }
  const notes: string[] = [];
  if (unreadable > 0) notes.push(`${unreadable} lines were not go test -json events and were skipped`);
  const all = [...tests.values()];
  // parents (tests with subtests) and parents of a failing subtest, as `pkg\0TestA` keys
  const parents = new Set<string>();
  const failingParents = new Set<string>();
  for (const t of all) {
    const parts = t.test.split('/');
    for (let i = 1; i < parts.length; i++) {
      const key = `${t.pkg}\u0000${parts.slice(0, i).join('/')}`;
      parents.add(key);
      if (t.status !== 'passed' && t.status !== 'skipped') failingParents.add(key);
    }
  }
  const results: TestResult[] = [];
  for (const t of all) {
    if (t.test === '') continue;
    const key = `${t.pkg}\u0000${t.test}`;
    const parts = t.test.split('/');
    const suite = [t.pkg, ...parts.slice(0, -1)].join(suiteSeparator);
    const name = parts.at(-1) ?? t.test;
    // a parent fails whenever a subtest does: it counts only when it failed by itself
    const counted = !parents.has(key) || (t.status === 'failed' && !failingParents.has(key));
    if (counted) results.push(toResult(t, name, suite, options.root));
  }
  for (const pkg of all.filter((t) => t.test === '' && t.status === 'failed')) {
    if (results.some((r) => r.status === 'failed' && r.suite.split(suiteSeparator)[0] === pkg.pkg)) continue;
    const build = builds.get(pkg.pkg) ?? [];
    const output = { ...pkg, output: [...build, ...pkg.output.filter((l) => !/^(?:FAIL|ok)\s/.test(l))] };
    const failed = /\[build failed\]|\[setup failed\]/.test(pkg.output.join('')) || build.length > 0;
    results.push(toResult(output, failed ? '[build failed]' : '[package failed]', pkg.pkg, options.root));
  }
  return { format: 'go-json', tests: results, durationMs: null, counts: null, notes };
}
