import type { ParsedReport, TestResult, TestStatus } from '../model/runModel.js';
import { errorText } from './errorText.js';
import { roundMs } from './duration.js';
import { jsonDocument, list, num, record, str } from './jsonDocument.js';
import { locationFromStack } from './locationFromStack.js';
import { projectPath } from './projectPath.js';
import type { ParseOptions } from './reportFormat.js';
import { makeTest, suiteSeparator } from './testResult.js';
import { uniqueIds } from './uniqueIds.js';

const statuses: Record<string, TestStatus> = {
  passed: 'passed',
  failed: 'failed',
  skipped: 'skipped',
  pending: 'skipped',
  todo: 'skipped',
  disabled: 'skipped',
  focused: 'passed',
};

/** Name given to the synthetic test of a file that failed before any of its tests ran. */
export const fileFailureName = '(test file)';

function assertion(a: Record<string, unknown>, file: string | null, root: string): TestResult {
  const status = statuses[str(a.status) ?? ''] ?? 'failed';
  const failures = list(a.failureMessages).filter((m): m is string => typeof m === 'string');
  const { message, stack } = errorText(failures.join('\n\n'));
  let line = num(record(a.location).line);
  if (line === null && status === 'failed') {
    const found = locationFromStack(stack, root, file);
    if (found !== null && (file === null || found.file === file)) line = found.line;
  }
  const flaky = status === 'passed' && (num(a.invocations) ?? 1) > 1;
  const fields = {
    name: str(a.title) ?? str(a.fullName) ?? '',
    suite: list(a.ancestorTitles)
      .filter((t): t is string => typeof t === 'string')
      .join(suiteSeparator),
    file,
    line,
    status,
    ...(flaky ? { kind: 'flaky' as const } : {}),
    durationMs: roundMs(num(a.duration)),
    message: status === 'failed' ? message : null,
    stack: status === 'failed' ? stack : null,
  };
  return makeTest(fields, root);
}

/** A test file that failed to run at all (syntax error, failing import): one failed test for it. */
function fileFailure(f: Record<string, unknown>, file: string | null, root: string): TestResult | null {
  const raw = str(f.message) || str(record(f.testExecError).message) || str(record(f.testExecError).stack);
  if (str(f.status) !== 'failed' || !raw) return null;
  const { message, stack } = errorText(raw);
  const location = locationFromStack(stack, root, file);
  const fields = { name: fileFailureName, suite: '', file, line: null, status: 'failed' as const };
  return makeTest(
    { ...fields, line: location?.file === file ? location.line : null, durationMs: null, message, stack },
    root,
  );
}

/**
 * Parses the Jest-shaped JSON that `jest --json` and `vitest --reporter=json` write:
 * testResults[] per file (`name` = absolute path) with assertionResults[] (ancestorTitles, title,
 * status, duration ms, failureMessages, location when asked for). A file that failed without any
 * failing test (syntax error, import error) becomes one failed test named `(test file)`.
 */
export function parseJestLike(
  text: string,
  format: 'jest-json' | 'vitest-json',
  options: ParseOptions,
): ParsedReport {
  const doc = record(jsonDocument(text));
  const tests: TestResult[] = [];
  let end: number | null = null;
  for (const f of list(doc.testResults).map(record)) {
    const file = projectPath(str(f.name), options.root);
    const results = list(f.assertionResults).map((a) => assertion(record(a), file, options.root));
    tests.push(...results);
    if (!results.some((t) => t.status === 'failed')) {
      const failure = fileFailure(f, file, options.root);
      if (failure !== null) tests.push(failure);
    }
    const fileEnd = num(f.endTime);
    if (fileEnd !== null) end = Math.max(end ?? fileEnd, fileEnd);
  }
  const start = num(doc.startTime);
  const notes: string[] = [];
  const runError = errorText(str(record(doc.runExecError).message)).message;
  if (runError !== null) notes.push(`the test run itself failed: ${runError}`);
  if (doc.wasInterrupted === true) notes.push('the test run was interrupted');
  return {
    format,
    tests: uniqueIds(tests),
    durationMs:
      start !== null && end !== null && end >= start ? Math.round((end - start) * 1000) / 1000 : null,
    counts: null,
    notes,
  };
}
