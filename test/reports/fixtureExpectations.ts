// What each real report in test/fixtures/reports (and each hand-written one) must read as: the
// 9-test sample of test/fixtures/reports/README.md, named the way each runner names it.
import { fileURLToPath } from 'node:url';

export const root = '/home/dev/sample';
export const reportsDir = fileURLToPath(new URL('../fixtures/reports/', import.meta.url));
export const handwrittenDir = fileURLToPath(new URL('../fixtures/handwritten/', import.meta.url));

export type Variant = 'baseline' | 'regressed';

/** The words that pick out each sample test in any runner's naming (`known bug`, `test_known_bug`, `known_bug`). */
export const keys = [
  'adds',
  'subtracts',
  'divides',
  'known',
  'pending',
  'slow',
  'unicode',
  'escapes',
] as const;

export const expectedStatus: Record<Variant, Record<string, 'passed' | 'failed' | 'skipped'>> = {
  baseline: {
    adds: 'passed',
    subtracts: 'passed',
    divides: 'passed',
    known: 'failed',
    pending: 'skipped',
    slow: 'passed',
    unicode: 'passed',
    escapes: 'passed',
    removed: 'passed',
  },
  regressed: {
    adds: 'passed',
    subtracts: 'failed',
    divides: 'failed',
    known: 'failed',
    pending: 'skipped',
    slow: 'passed',
    unicode: 'passed',
    escapes: 'passed',
    added: 'passed',
  },
};

export const expectedCounts: Record<Variant, { passed: number; failed: number; skipped: number }> = {
  baseline: { passed: 7, failed: 1, skipped: 1 },
  regressed: { passed: 5, failed: 3, skipped: 1 },
};

/** The sample key a test name stands for, or null. */
export function keyOf(name: string): string | null {
  const words = name.toLowerCase().replace(/_/g, ' ');
  return [...keys, 'removed', 'added'].find((k) => words.includes(k)) ?? null;
}

export interface Family {
  /** File name before `.baseline` / `.regressed`. */
  prefix: string;
  ext: string;
  dir: string;
  format: string;
  /** Every test is listed (else: terminal output, failures only). */
  allTests: boolean;
  durations: boolean;
  /** `suite > name` of every baseline test, as this runner names them. */
  baselineNames?: string[];
  /** `file:line` of the known-bug failure and of the regressed subtracts failure; null: none given. */
  knownBugAt: string | null;
  subtractsAt: string | null;
  /** Words the regressed subtracts failure message must hold. */
  subtractsMessage: string;
}

const words = [
  'math > adds',
  'math > subtracts',
  'math > divides by zero throws',
  'math > known bug',
  'math > pending feature',
  'perf > slow path',
  'strings > unicode ünïcödé 🚀',
  'strings > escapes <tags> & "quotes"',
  'strings > removed later',
];
const pytestNames = [
  'test_sample.TestMath > test_adds',
  'test_sample.TestMath > test_subtracts',
  'test_sample.TestMath > test_divides_by_zero_throws',
  'test_sample.TestMath > test_known_bug',
  'test_sample.TestMath > test_pending_feature',
  'test_sample.TestPerf > test_slow_path',
  'test_sample.TestStrings > test_unicode',
  'test_sample.TestStrings > test_escapes[<tags> & "quotes"]',
  'test_sample.TestStrings > test_removed_later',
];
const goPkg = 'example.com/sample/calc';
const goNames = [
  `${goPkg} > TestMath > adds`,
  `${goPkg} > TestMath > subtracts`,
  `${goPkg} > TestMath > divides_by_zero_throws`,
  `${goPkg} > TestMath > known_bug`,
  `${goPkg} > TestMath > pending_feature`,
  `${goPkg} > TestPerf > slow_path`,
  `${goPkg} > TestStrings > unicode_ünïcödé_🚀`,
  `${goPkg} > TestStrings > escapes_<tags>_&_"quotes"`,
  `${goPkg} > TestStrings > removed_later`,
];

const r = reportsDir;
export const families: Family[] = [
  {
    prefix: 'vitest-junit',
    ext: 'xml',
    dir: r,
    format: 'junit',
    allTests: true,
    durations: true,
    baselineNames: words,
    knownBugAt: 'test/sample.test.js:11',
    subtractsAt: 'test/sample.test.js:9',
    subtractsMessage: 'expected 7 to be 3',
  },
  {
    prefix: 'vitest-junit-file',
    ext: 'xml',
    dir: r,
    format: 'junit',
    allTests: true,
    durations: true,
    baselineNames: words,
    knownBugAt: 'test/sample.test.js:11',
    subtractsAt: 'test/sample.test.js:9',
    subtractsMessage: 'expected 7 to be 3',
  },
  {
    prefix: 'vitest-json',
    ext: 'json',
    dir: r,
    format: 'vitest-json',
    allTests: true,
    durations: true,
    baselineNames: words,
    knownBugAt: 'vt/test/sample.test.js:11',
    subtractsAt: 'vt/test/sample.test.js:9',
    subtractsMessage: 'expected 7 to be 3',
  },
  {
    prefix: 'vitest-json-location',
    ext: 'json',
    dir: r,
    format: 'vitest-json',
    allTests: true,
    durations: true,
    baselineNames: words,
    knownBugAt: 'vt/test/sample.test.js:11',
    subtractsAt: 'vt/test/sample.test.js:9',
    subtractsMessage: 'expected 7 to be 3',
  },
  {
    prefix: 'vitest-stdout',
    ext: 'txt',
    dir: r,
    format: 'stdout:vitest',
    allTests: false,
    durations: false,
    knownBugAt: 'test/sample.test.js:11',
    subtractsAt: 'test/sample.test.js:9',
    subtractsMessage: 'expected 7 to be 3',
  },
  {
    prefix: 'jest-json',
    ext: 'json',
    dir: r,
    format: 'jest-json',
    allTests: true,
    durations: true,
    baselineNames: words,
    knownBugAt: 'jt/test/sample.test.js:10',
    subtractsAt: 'jt/test/sample.test.js:8',
    subtractsMessage: 'Received: 7',
  },
  {
    prefix: 'node-tap',
    ext: 'tap',
    dir: r,
    format: 'tap',
    allTests: true,
    durations: true,
    baselineNames: words,
    knownBugAt: 'nt/test/sample.test.mjs:14',
    subtractsAt: 'nt/test/sample.test.mjs:12',
    subtractsMessage: '7 !== 3',
  },
  {
    prefix: 'node-events',
    ext: 'jsonl',
    dir: r,
    format: 'node-test',
    allTests: true,
    durations: true,
    baselineNames: words,
    knownBugAt: 'nt/test/sample.test.mjs:13',
    subtractsAt: 'nt/test/sample.test.mjs:11',
    subtractsMessage: '7 !== 3',
  },
  // node's junit has no location: the first frame of the stack is the test file's `toBe` helper (line 4)
  {
    prefix: 'node-junit',
    ext: 'xml',
    dir: r,
    format: 'junit',
    allTests: true,
    durations: true,
    baselineNames: words,
    knownBugAt: 'nt/test/sample.test.mjs:4',
    subtractsAt: 'nt/test/sample.test.mjs:4',
    subtractsMessage: '7 !== 3',
  },
  {
    prefix: 'node-spec',
    ext: 'txt',
    dir: r,
    format: 'stdout:node',
    allTests: false,
    durations: false,
    knownBugAt: 'test/sample.test.mjs:13',
    subtractsAt: 'test/sample.test.mjs:11',
    subtractsMessage: '7 !== 3',
  },
  {
    prefix: 'pytest-xunit1',
    ext: 'xml',
    dir: r,
    format: 'junit',
    allTests: true,
    durations: true,
    baselineNames: pytestNames,
    knownBugAt: 'test_sample.py:14',
    subtractsAt: 'test_sample.py:11',
    subtractsMessage: 'assert 7 == 3',
  },
  {
    prefix: 'pytest-xunit2',
    ext: 'xml',
    dir: r,
    format: 'junit',
    allTests: true,
    durations: true,
    baselineNames: pytestNames,
    knownBugAt: 'test_sample.py:14',
    subtractsAt: 'test_sample.py:11',
    subtractsMessage: 'assert 7 == 3',
  },
  {
    prefix: 'pytest-stdout',
    ext: 'txt',
    dir: r,
    format: 'stdout:pytest',
    allTests: false,
    durations: false,
    knownBugAt: 'test_sample.py:14',
    subtractsAt: 'test_sample.py:11',
    subtractsMessage: 'assert 7 == 3',
  },
  {
    prefix: 'pytest-verbose',
    ext: 'txt',
    dir: r,
    format: 'stdout:pytest',
    allTests: false,
    durations: false,
    knownBugAt: 'test_sample.py:14',
    subtractsAt: 'test_sample.py:11',
    subtractsMessage: 'assert 7 == 3',
  },
  {
    prefix: 'pytest-rA',
    ext: 'txt',
    dir: r,
    format: 'stdout:pytest',
    allTests: false,
    durations: false,
    knownBugAt: 'test_sample.py:14',
    subtractsAt: 'test_sample.py:11',
    subtractsMessage: 'assert 7 == 3',
  },
  {
    prefix: 'cargo-stdout',
    ext: 'txt',
    dir: r,
    format: 'stdout:cargo',
    allTests: false,
    durations: false,
    knownBugAt: 'src/lib.rs:16',
    subtractsAt: 'src/lib.rs:14',
    subtractsMessage: 'left: 7',
  },
  {
    prefix: 'go-json',
    ext: 'jsonl',
    dir: handwrittenDir,
    format: 'go-json',
    allTests: true,
    durations: true,
    baselineNames: goNames,
    knownBugAt: 'calc_test.go:27',
    subtractsAt: 'calc_test.go:17',
    subtractsMessage: 'Sub(5, 2) = 7, want 3',
  },
];

/** The path of one fixture of a family. */
export function fixturePath(family: Family, variant: Variant): string {
  return `${family.dir}${family.prefix}.${variant}.${family.ext}`;
}
