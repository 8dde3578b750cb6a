/** Checks that parsed JSON is a run, filling what older files lack; lists every problem found. */
import type { ResultSource, Run, TestResult, TestStatus } from '../model/runModel.js';

type Json = Record<string, unknown>;

const statuses: readonly TestStatus[] = ['passed', 'failed', 'skipped'];

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads typed fields off one JSON object, noting each wrong one under its path. */
class FieldReader {
  constructor(
    private readonly problems: string[],
    private readonly object: Json,
    private readonly where: string,
  ) {}

  private bad(key: string, expected: string): void {
    this.problems.push(
      `${this.where}${key} is ${JSON.stringify(this.object[key]) ?? 'undefined'}, expected ${expected}`,
    );
  }

  string(key: string, fallback: string): string {
    const value = this.object[key];
    if (value === undefined) return fallback;
    if (typeof value === 'string') return value;
    this.bad(key, 'a string');
    return fallback;
  }

  nullableString(key: string): string | null {
    const value = this.object[key];
    if (value === undefined || value === null) return null;
    if (typeof value === 'string') return value;
    this.bad(key, 'a string or null');
    return null;
  }

  number(key: string, fallback: number): number {
    const value = this.object[key];
    if (value === undefined) return fallback;
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    this.bad(key, 'a number');
    return fallback;
  }

  nullableNumber(key: string): number | null {
    const value = this.object[key];
    if (value === undefined || value === null) return null;
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    this.bad(key, 'a number or null');
    return null;
  }

  boolean(key: string, fallback: boolean): boolean {
    const value = this.object[key];
    if (value === undefined) return fallback;
    if (typeof value === 'boolean') return value;
    this.bad(key, 'true or false');
    return fallback;
  }

  oneOf<T extends string>(key: string, allowed: readonly T[]): T | undefined {
    const value = this.object[key];
    if ((allowed as readonly unknown[]).includes(value)) return value as T;
    this.bad(key, allowed.join(', '));
    return undefined;
  }

  strings(key: string): string[] {
    const value = this.object[key];
    if (value === undefined) return [];
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
    this.bad(key, 'a list of strings');
    return [];
  }
}

function readTest(value: unknown, index: number, problems: string[]): TestResult | null {
  const where = `tests[${index}]`;
  if (!isObject(value)) {
    problems.push(`${where} is not an object`);
    return null;
  }
  const read = new FieldReader(problems, value, `${where}.`);
  const id = read.string('id', '');
  if (value.id === undefined || value.id === '') problems.push(`${where}.id is missing`);
  const status = read.oneOf('status', statuses);
  const test: TestResult = {
    id,
    name: read.string('name', id),
    suite: read.string('suite', ''),
    file: read.nullableString('file'),
    line: read.nullableNumber('line'),
    status: status ?? 'failed',
    durationMs: read.nullableNumber('durationMs'),
    message: read.nullableString('message'),
    stack: read.nullableString('stack'),
  };
  const declaredAt = read.nullableNumber('declaredAt');
  if (declaredAt !== null) test.declaredAt = declaredAt;
  if (value.kind !== undefined) {
    const kind = read.oneOf('kind', ['error', 'flaky', 'xfail', 'xpass'] as const);
    if (kind !== undefined) test.kind = kind;
  }
  return test;
}

function readSource(value: unknown, problems: string[]): ResultSource {
  if (value === undefined) return { format: 'unknown', files: [] };
  if (!isObject(value)) {
    problems.push('source is not an object');
    return { format: 'unknown', files: [] };
  }
  const read = new FieldReader(problems, value, 'source.');
  const source: ResultSource = { format: read.string('format', 'unknown'), files: read.strings('files') };
  if (value.granularity !== undefined) {
    const granularity = read.oneOf('granularity', ['test', 'summary'] as const);
    if (granularity !== undefined) source.granularity = granularity;
  }
  return source;
}

/**
 * The run held by a baseline (or by a bare run file, which older baselines were): `tests[]` is required
 * and checked test by test; other fields get their defaults when missing (counts from the tests).
 * Returns the run, or the list of problems when there are any.
 */
export function readRunShape(value: unknown): { run: Run } | { problems: string[] } {
  if (!isObject(value)) return { problems: ['the file does not hold a JSON object'] };
  const problems: string[] = [];
  if (!Array.isArray(value.tests)) return { problems: ['tests[] is missing'] };
  const tests: TestResult[] = [];
  value.tests.forEach((item: unknown, index) => {
    const test = readTest(item, index, problems);
    if (test !== null) tests.push(test);
  });
  const count = (status: TestStatus) => tests.reduce((n, t) => (t.status === status ? n + 1 : n), 0);
  const read = new FieldReader(problems, value, '');
  const passed = read.number('passed', count('passed'));
  const failed = read.number('failed', count('failed'));
  const skipped = read.number('skipped', count('skipped'));
  const run: Run = {
    id: read.number('id', 0),
    batchId: read.nullableNumber('batchId'),
    timestamp: read.string('timestamp', ''),
    success: read.boolean('success', failed === 0),
    total: read.number('total', passed + failed + skipped),
    passed,
    failed,
    skipped,
    durationMs: read.number('durationMs', 0),
    commit: read.nullableString('commit'),
    snapshot: read.nullableString('snapshot'),
    command: read.nullableString('command'),
    exitCode: read.nullableNumber('exitCode'),
    stale: read.boolean('stale', false),
    interrupted: read.boolean('interrupted', false),
    timedOut: read.boolean('timedOut', false),
    source: readSource(value.source, problems),
    notes: read.strings('notes'),
    tests,
  };
  return problems.length > 0 ? { problems } : { run };
}
