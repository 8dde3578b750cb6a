/**
 * The run a baseline holds, checked with the stored run's schema (runSchema.ts) made lenient: a bare
 * run file (version 0, e.g. a hand-written one) may lack every field but `tests[]` and each test's id
 * and status; the rest gets its default (counts from the tests). Every problem found is listed.
 */
import * as z from '../model/schema.js';
import { resultSourceSchema, runSchema, testResultSchema } from '../model/runSchema.js';
import type { Run, TestResult, TestStatus } from '../model/runModel.js';

const baselineTestSchema = testResultSchema
  .partial()
  .extend({
    id: z.string().min(1),
    status: testResultSchema.shape.status,
    kind: z.enum(['error', 'flaky', 'xfail', 'xpass']).optional(),
    declaredAt: z.number().nullish(),
  })
  .transform(({ declaredAt, ...test }): TestResult => {
    const filled: TestResult = {
      ...test,
      name: test.name ?? test.id,
      suite: test.suite ?? '',
      file: test.file ?? null,
      line: test.line ?? null,
      durationMs: test.durationMs ?? null,
      message: test.message ?? null,
      stack: test.stack ?? null,
    };
    if (declaredAt !== null && declaredAt !== undefined) filled.declaredAt = declaredAt;
    return filled;
  });

const baselineRunSchema = runSchema
  .partial()
  .extend({
    tests: z.array(baselineTestSchema),
    source: resultSourceSchema.partial({ format: true, files: true }).optional(),
  })
  .transform((run): Run => {
    const count = (status: TestStatus) => run.tests.reduce((n, t) => (t.status === status ? n + 1 : n), 0);
    const passed = run.passed ?? count('passed');
    const failed = run.failed ?? count('failed');
    const skipped = run.skipped ?? count('skipped');
    return {
      ...run,
      id: run.id ?? 0,
      batchId: run.batchId ?? null,
      timestamp: run.timestamp ?? '',
      success: run.success ?? failed === 0,
      total: run.total ?? passed + failed + skipped,
      passed,
      failed,
      skipped,
      durationMs: run.durationMs ?? 0,
      commit: run.commit ?? null,
      snapshot: run.snapshot ?? null,
      command: run.command ?? null,
      exitCode: run.exitCode ?? null,
      stale: run.stale ?? false,
      interrupted: run.interrupted ?? false,
      timedOut: run.timedOut ?? false,
      source: { ...run.source, format: run.source?.format ?? 'unknown', files: run.source?.files ?? [] },
      notes: run.notes ?? [],
      tests: run.tests,
    };
  });

type Path = readonly PropertyKey[];

/** `tests[3].status`, as the problems name a field. */
function pathText(path: Path): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

function valueAt(root: unknown, path: Path): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

const typeNames: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

function expected(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') return typeNames[issue.expected] ?? issue.expected;
  if (issue.code === 'invalid_value') return issue.values.map(String).join(', ');
  if (issue.code === 'too_small') return `a number from ${String(issue.minimum)}`;
  return issue.message;
}

/** One problem as the baseline's error lists it: `failed is "two", expected a number`. */
function problem(issue: z.core.$ZodIssue, root: unknown): string {
  const where = pathText(issue.path);
  const value = valueAt(root, issue.path);
  if (value === undefined || (issue.code === 'too_small' && issue.origin === 'string')) {
    return `${where} is missing`;
  }
  if (issue.code === 'invalid_type' && issue.expected === 'object') return `${where} is not an object`;
  return `${where} is ${JSON.stringify(value)}, expected ${expected(issue)}`;
}

/**
 * The run held by a baseline (or by a bare run file, which older baselines were): `tests[]` is required
 * and checked test by test; other fields get their defaults when missing (counts from the tests).
 * Returns the run, or the list of problems when there are any (the tests' first).
 */
export function readRunShape(value: unknown): { run: Run } | { problems: string[] } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { problems: ['the file does not hold a JSON object'] };
  }
  if (!Array.isArray((value as { tests?: unknown }).tests)) return { problems: ['tests[] is missing'] };
  const result = baselineRunSchema.safeParse(value);
  if (result.success) return { run: result.data };
  const issues = [...result.error.issues].sort(
    (a, b) => Number(b.path[0] === 'tests') - Number(a.path[0] === 'tests'),
  );
  return { problems: issues.map((issue) => problem(issue, value)) };
}
