import type { ParsedReport, TestResult, TestStatus } from '../model/runModel.js';
import { capText } from './capText.js';
import { roundMs } from './duration.js';
import { jsonDocument, list, num, record, str } from './jsonDocument.js';
import { locationFromStack } from './locationFromStack.js';
import { projectPath } from './projectPath.js';
import type { ParseOptions } from './reportFormat.js';
import { makeTest } from './testResult.js';
import { uniqueIds } from './uniqueIds.js';

function key(t: Record<string, unknown>): string {
  return `${str(t.file) ?? ''}\u0000${str(t.fullTitle) ?? str(t.title) ?? ''}`;
}

function mochaTest(t: Record<string, unknown>, status: TestStatus, root: string): TestResult {
  const title = str(t.title) ?? '';
  const fullTitle = str(t.fullTitle) ?? title;
  // fullTitle is the parent suites' titles and the test's, joined by spaces
  const suite = fullTitle.endsWith(title) ? fullTitle.slice(0, fullTitle.length - title.length).trim() : '';
  const file = projectPath(str(t.file), root);
  const err = record(t.err);
  const failed = status === 'failed';
  const message = failed ? (str(err.message) ?? str(err.name)) : null;
  const stack = failed ? str(err.stack) : null;
  const location = failed ? locationFromStack(stack, root, file) : null;
  const fields = {
    name: title,
    suite,
    file: file ?? location?.file ?? null,
    line: location !== null && (file === null || location.file === file) ? location.line : null,
    status,
    ...(failed || (num(t.currentRetry) ?? 0) === 0 ? {} : { kind: 'flaky' as const }),
    durationMs: roundMs(num(t.duration)),
    message: message === null ? null : capText(message),
    stack: stack === null ? null : capText(stack),
  };
  return makeTest(fields, root, file);
}

/**
 * Parses mocha's `--reporter json` output: tests[] with pending[] and failures[] deciding status,
 * `file` (absolute), `duration` ms, `err.message`/`err.stack`. Hook failures (`"before all" hook
 * for …`), which are in failures[] but not in tests[], become failed tests of their own.
 */
export function parseMochaJson(text: string, options: ParseOptions): ParsedReport {
  const doc = record(jsonDocument(text));
  const failures = list(doc.failures).map(record);
  const failed = new Set(failures.map(key));
  const pending = new Set(list(doc.pending).map(record).map(key));
  const tests: TestResult[] = [];
  const seen = new Set<string>();
  for (const t of list(doc.tests).map(record)) {
    const k = key(t);
    seen.add(k);
    const hasError = Object.keys(record(t.err)).length > 0;
    const status: TestStatus = pending.has(k) ? 'skipped' : failed.has(k) || hasError ? 'failed' : 'passed';
    tests.push(mochaTest(t, status, options.root));
  }
  for (const f of failures) {
    if (!seen.has(key(f))) tests.push(mochaTest(f, 'failed', options.root));
  }
  return {
    format: 'mocha-json',
    tests: uniqueIds(tests),
    durationMs: roundMs(num(record(doc.stats).duration)),
    counts: null,
    notes: [],
  };
}
