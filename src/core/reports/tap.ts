import { Parser, type FinalResults, type Result } from 'tap-parser';
import type { ParsedReport, TestResult } from '../model/runModel.js';
import { capText, firstLine } from './capText.js';
import { messageBeforeStack } from './errorText.js';
import { roundMs } from './duration.js';
import { locationFromStack, type Location } from './locationFromStack.js';
import { projectPath } from './projectPath.js';
import type { ParseOptions } from './reportFormat.js';
import { makeTest } from './testResult.js';
import { uniqueIds } from './uniqueIds.js';

type Diag = Record<string, unknown>;

/** Per (sub)test stream: whether any test point below it failed, and its last child stream. */
interface Level {
  parser: Parser;
  points: number;
  failed: boolean;
  lastChild: Level | null;
  /** Raw indented lines after the last failing test point (mocha's TAP 12 failure details). */
  extra: { test: TestResult; lines: string[] } | null;
}

function text(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object' && typeof (value as Diag).message === 'string') {
    return (value as Diag).message as string;
  }
  return null;
}

/** A place the report declares for the test: kept wherever it is (absolute outside the root). */
function declared(file: unknown, line: unknown, root: string): Location | null {
  const path = typeof file === 'string' ? projectPath(file, root) : null;
  const n = Number(line);
  return path !== null && Number.isInteger(n) && n > 0 ? { file: path, line: n } : null;
}

/**
 * node:test's `location: '/abs/file:12:3'`, tapjs's `at: {file, line}` or `at: 'file:12:3'`: where
 * the test is, as the runner declares it; else the first frame of its stack inside the root.
 */
function diagLocation(diag: Diag, root: string): Location | null {
  const at = diag.at;
  if (at !== null && typeof at === 'object') {
    const a = at as Diag;
    const found = declared(a.file ?? a.fileName, a.line ?? a.lineNumber, root);
    if (found) return found;
  }
  for (const value of [diag.location, at]) {
    const m = typeof value === 'string' ? /^(.+?):(\d+)(?::\d+)?$/.exec(value.trim()) : null;
    const found = m ? declared(m[1], m[2], root) : null;
    if (found) return found;
  }
  return locationFromStack(text(diag.stack), root);
}

function leafResult(r: Result, suite: string, root: string): TestResult {
  const diag = (r.diag ?? {}) as Diag;
  const status = r.todo !== false || r.skip !== false ? 'skipped' : r.ok ? 'passed' : 'failed';
  const failed = status === 'failed';
  const message = failed ? (text(diag.error) ?? text(diag.message) ?? text(diag.failureType)) : null;
  const stack = failed ? text(diag.stack) : null;
  const location = failed ? diagLocation(diag, root) : null;
  const fields = {
    name: r.name,
    suite,
    file: location?.file ?? null,
    line: location?.line ?? null,
    status,
    durationMs: typeof r.time === 'number' ? roundMs(r.time) : null,
    message: message === null ? null : capText(message),
    stack: stack === null ? null : capText(stack),
  } as const;
  // TAP names a file only for failures, so the id never holds one: it must not change with status
  return makeTest(fields, root, null);
}

/**
 * Parses TAP 12/13/14 (node --test's tap reporter, mocha, tape, node-tap): subtests become suites and
 * only leaves count as tests; YAML diagnostics give duration_ms, location/at, message and stack;
 * SKIP and TODO are skipped; `Bail out!` ends the run with a note.
 */
export function parseTap(input: string, options: ParseOptions): ParsedReport {
  const tests: TestResult[] = [];
  const notes: string[] = [];
  let final: FinalResults | null = null;
  const root = new Parser((results) => (final = results));

  const watch = (level: Level, parent: Level | null): void => {
    const p = level.parser;
    const suite = p.fullname;
    p.on('child', (child: Parser) => {
      level.lastChild = { parser: child, points: 0, failed: false, lastChild: null, extra: null };
      watch(level.lastChild, level);
    });
    p.on('extra', (line: string) => level.extra?.lines.push(line));
    p.on('assert', (r: Result) => {
      attachExtra(level, options.root);
      const child = r.closingTestPoint ? level.lastChild : null;
      level.points++;
      if (child !== null && child.points > 0) {
        // a suite: counted through its leaves, unless it failed on its own (a hook, a crash)
        if (!r.ok && !child.failed && r.todo === false) tests.push(leafResult(r, suite, options.root));
        if (!r.ok && r.todo === false) level.failed = true;
        return;
      }
      const test = leafResult(r, suite, options.root);
      tests.push(test);
      if (test.status === 'failed') {
        level.failed = true;
        if (test.message === null) level.extra = { test, lines: [] };
      }
    });
    p.on('complete', () => {
      if (parent !== null && level.failed) parent.failed = true;
      attachExtra(level, options.root);
    });
  };
  const top: Level = { parser: root, points: 0, failed: false, lastChild: null, extra: null };
  watch(top, null);
  root.on('bailout', (reason: string) =>
    notes.push(`bail out${reason ? `: ${reason}` : ''}; later tests did not run`),
  );
  root.end(input);
  const results = final as FinalResults | null;
  if (results?.plan.skipAll) {
    const reason = results.plan.skipReason.replace(/^SKIP\S*\s*/i, '');
    notes.push(`all tests skipped${reason ? `: ${reason}` : ''}`);
  }
  return {
    format: 'tap',
    tests: uniqueIds(tests),
    durationMs: results?.time ?? null,
    counts: null,
    notes,
  };
}

/** The `message:` of a YAML block the TAP parser rejected (vitest writes multi-line values unindented). */
function brokenYamlMessage(body: string): string | null {
  if (firstLine(body) !== '---') return null;
  const value = /^\s*message:\s*(.+)$/m.exec(body)?.[1]?.trim();
  if (value === undefined) return null;
  try {
    return value.startsWith('"') ? String(JSON.parse(value)) : value;
  } catch {
    return value;
  }
}

/**
 * Gives a failing test without YAML the raw indented lines that followed it: mocha's TAP 12 (the
 * message, then the stack, which repeats it), or a YAML block the TAP parser could not read.
 */
function attachExtra(level: Level, root: string): void {
  const extra = level.extra;
  level.extra = null;
  if (extra === null || extra.lines.length === 0) return;
  const body = extra.lines.map((l) => l.replace(/^ {2}/, '')).join('');
  const test = extra.test;
  const message = brokenYamlMessage(body) ?? messageBeforeStack(body) ?? firstLine(body);
  test.message = message === null ? null : capText(message);
  test.stack = capText(body);
  const location = locationFromStack(body, root);
  if (location !== null) Object.assign(test, location);
}
