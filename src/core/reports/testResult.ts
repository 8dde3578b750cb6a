import type { TestResult } from '../model/runModel.js';
import { portablePath } from './projectPath.js';

/** A test's fields before its id is derived. */
export type TestFields = Omit<TestResult, 'id'>;

/** Separator between describe blocks / classes in `suite` and in ids. */
export const suiteSeparator = ' > ';

/**
 * The stable id of a test: `file::suite > name`, or `suite > name` without a file. `file` is a
 * project path (see projectPath); an absolute one (outside the root) is made portable first.
 */
export function testId(file: string | null, suite: string, name: string, root: string): string {
  const path = suite === '' ? name : `${suite}${suiteSeparator}${name}`;
  return file === null ? path : `${portablePath(file, root)}::${path}`;
}

/**
 * A TestResult with its id. `idFile` is the file that identifies the test; it defaults to `file`, and
 * parsers whose format names a file only for failures pass null so that ids do not change with status.
 */
export function makeTest(fields: TestFields, root: string, idFile: string | null = fields.file): TestResult {
  const { name, suite, file, status, kind, durationMs, message, stack } = fields;
  const line = fields.line !== null && Number.isInteger(fields.line) && fields.line > 0 ? fields.line : null;
  const id = testId(idFile, suite, name, root);
  return { id, name, suite, file, line, status, ...(kind ? { kind } : {}), durationMs, message, stack };
}
