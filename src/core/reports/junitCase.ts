import type { TestResult } from '../runModel.js';
import { capText, firstLine } from './capText.js';
import { locationFromStack } from './locationFromStack.js';
import { parseSeconds, secondsToMs } from './duration.js';
import { projectPath } from './projectPath.js';
import { makeTest, suiteSeparator } from './testResult.js';

/** One `<failure>`, `<error>` or `<skipped>` child as read from the XML. */
export interface JunitOutcome {
  kind: 'failure' | 'error' | 'skipped';
  message: string | null;
  type: string | null;
  text: string;
}

/** Everything the streaming parser collected about one `<testcase>`. */
export interface JunitCase {
  attributes: Record<string, string>;
  /** Names of the enclosing `<testsuite>` elements, outermost first. */
  suites: string[];
  /** `file` attribute of the nearest enclosing `<testsuite>` that has one. */
  suiteFile: string | null;
  outcomes: JunitOutcome[];
  /** How many flakyFailure/flakyError children (failed attempts before a pass). */
  flakyAttempts: number;
}

/** What the root element said about the emitter. */
export interface JunitDialect {
  /** pytest writes 0-based `line` attributes (xunit1). */
  pytest: boolean;
  /** mocha-junit-reporter swaps name (full title) and classname (leaf title). */
  mocha: boolean;
}

const sourceFile = /\.(?:[cm]?[jt]sx?|py|rb|go|rs|php|java|kt|scala|cs|swift|exs?|dart|lua|pl|t)$/i;
const genericSuites = new Set(['', 'pytest', 'Root Suite', 'Mocha Tests', 'vitest tests', 'jest tests']);

/** node:test and Bun escape names twice (`&amp;quot;`): undo the second layer. */
function unescapeTwice(text: string): string {
  if (!/&(?:quot|amp|lt|gt|apos|#\d+|#x[0-9a-f]+);/i.test(text)) return text;
  return text
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&amp;/g, '&');
}

function looksLikeFile(classname: string): boolean {
  return sourceFile.test(classname) && !/\s/.test(classname);
}

/** Splits the name into suite and name the way each emitter lays them out (research/reports.md §1.2). */
function naming(c: JunitCase, rawName: string, dialect: JunitDialect): { suite: string; name: string } {
  const classname = c.attributes.classname ?? '';
  const file = c.attributes.file ?? c.suiteFile;
  const classIsFile = classname !== '' && (classname === file || looksLikeFile(classname));
  let name = rawName;
  // mocha-junit-reporter: name is the full title, classname the leaf title
  const parent = name.slice(0, -classname.length - 1);
  if (
    classname !== '' &&
    name.endsWith(` ${classname}`) &&
    (dialect.mocha || (c.suites.length > 0 && c.suites.at(-1) === parent))
  ) {
    return { suite: parent, name: classname };
  }
  let suite = '';
  // node:test writes the constant classname "test"
  if (classname !== '' && !classIsFile && classname !== 'test' && classname !== name) suite = classname;
  else {
    suite = c.suites.filter((s) => !genericSuites.has(s) && s !== file && s !== classname).join(suiteSeparator);
    // jest-junit: `{classname} {title}` repeats the suite name in front of the test name
    if (suite !== '' && name.startsWith(`${suite} `) && classname === name) name = name.slice(suite.length + 1);
  }
  if (suite === '' && name.includes(suiteSeparator)) {
    const at = name.lastIndexOf(suiteSeparator);
    return { suite: name.slice(0, at), name: name.slice(at + suiteSeparator.length) };
  }
  return { suite, name };
}

function status(c: JunitCase): { status: TestResult['status']; kind?: 'error' | 'flaky' } {
  const failures = c.outcomes.filter((o) => o.kind !== 'skipped');
  const skipped = c.outcomes.find((o) => o.kind === 'skipped');
  // node:test writes a failing todo as <skipped type="todo"> plus <failure>: a todo is not a failure
  if (skipped && (failures.length === 0 || skipped.type === 'todo')) return { status: 'skipped' };
  if (failures.length > 0) {
    return failures.every((o) => o.kind === 'error') ? { status: 'failed', kind: 'error' } : { status: 'failed' };
  }
  return c.flakyAttempts > 0 ? { status: 'passed', kind: 'flaky' } : { status: 'passed' };
}

function failureText(c: JunitCase, failed: boolean): { message: string | null; stack: string | null } {
  const relevant = c.outcomes.filter((o) => (failed ? o.kind !== 'skipped' : o.kind === 'skipped'));
  const first = relevant[0];
  if (!first) return { message: null, stack: null };
  const attr = first.message !== null && first.message !== 'true' ? unescapeTwice(first.message).trim() : '';
  const text = relevant.map((o) => o.text.trim()).filter((t) => t !== '').join('\n\n');
  const message = attr !== '' ? attr : firstLine(text);
  // a skip's text is its reason again (pytest: `path:line: reason`), not a stack
  return { message, stack: text === '' || !failed ? null : capText(text) };
}

/** The TestResult for one `<testcase>`, with file, line, suite and id worked out per dialect. */
export function junitTestResult(c: JunitCase, dialect: JunitDialect, root: string): TestResult {
  const a = c.attributes;
  const classname = a.classname ?? '';
  const fileFromClass = a.file === undefined && c.suiteFile === null && looksLikeFile(classname);
  const file = projectPath(a.file ?? c.suiteFile ?? (fileFromClass ? classname : null), root);
  const { suite, name } = naming(c, unescapeTwice(a.name ?? ''), dialect);
  let line = a.line !== undefined && /^\d+$/.test(a.line) ? Number(a.line) + (dialect.pytest ? 1 : 0) : null;
  const result = status(c);
  const { message, stack } = failureText(c, result.status === 'failed');
  let locationFile = file;
  if (result.status === 'failed' && line === null) {
    const found = locationFromStack(`${stack ?? ''}\n${message ?? ''}`, root, file);
    if (found && (file === null || found.file === file)) {
      locationFile = found.file;
      line = found.line;
    }
  }
  const fields = {
    name,
    suite,
    file: locationFile,
    line,
    status: result.status,
    ...(result.kind ? { kind: result.kind } : {}),
    durationMs: secondsToMs(parseSeconds(a.time)),
    message,
    stack,
  };
  return makeTest(fields, root, file);
}
