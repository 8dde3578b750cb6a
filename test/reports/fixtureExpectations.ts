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
  /** Every test is listed (else: terminal output naming the failures only). */
  allTests: boolean;
  /** Per-test durations; `some`: only on the tests the runner prints one for (slow ones, ≥ 1 ms). */
  durations: boolean | 'some';
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
// vitest's tree names no suite off a terminal; a failure's FAIL block does
const vitestTreeNames = words.map((w) => (w.endsWith('known bug') ? w : (w.split(' > ').at(-1) as string)));
const pytestVerboseNames = pytestNames.map((n) => n.replace(/^test_sample\./, ''));
// -rA lists passes, then skips (folded, named by their reason), then failures
const pytestRANames = [
  ...pytestVerboseNames.filter((n) => !/known_bug|pending/.test(n)),
  '(skipped) pending feature',
  'TestMath > test_known_bug',
];
const cargoNames = [
  'math > adds',
  'math > known_bug',
  'math > pending_feature',
  'math > subtracts',
  'math > divides_by_zero_throws',
  'escapes_tags_and_quotes',
  'removed_later',
  'unicode_ünïcödé',
  'slow_path',
];
// jest-junit's default names: `{describe titles} {title}` as both classname and name, in a
// <testsuite> named after the file's first describe
const jestJunitNames = words.map((w) => (w.startsWith('math > ') ? w : w.replace(' > ', ' ')));
// mocha's TAP: the full title, describe and test joined by a space
const mochaTapNames = words.map((w) => w.replace(' > ', ' '));
// vitest's TAP: the file is the outermost subtest (tap) or the first part of the name (tap-flat)
const vitestTapNames = words.map((w) => `test/sample.test.js > ${w}`);
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

/** A report listing every test with its duration. */
function detailed(
  prefix: string,
  ext: string,
  format: string,
  names: string[],
  at: Locations,
  dir = reportsDir,
): Family {
  return { prefix, ext, dir, format, allTests: true, durations: true, baselineNames: names, ...at };
}

/** Terminal output that names only the failing tests, with no durations (`pytest -q`). */
function scraped(prefix: string, format: string, at: Locations): Family {
  return { prefix, ext: 'txt', dir: reportsDir, format, allTests: false, durations: false, ...at };
}

/** Terminal output (or a report file of `ext`) that lists every test, with durations where printed. */
function listed(
  prefix: string,
  format: string,
  names: string[],
  durations: Family['durations'],
  at: Locations,
  ext = 'txt',
): Family {
  return {
    prefix,
    ext,
    dir: reportsDir,
    format,
    allTests: true,
    durations,
    baselineNames: names,
    ...at,
  };
}

type Locations = Pick<Family, 'knownBugAt' | 'subtractsAt' | 'subtractsMessage'>;
const at = (knownBugAt: string, subtractsAt: string, subtractsMessage: string): Locations => ({
  knownBugAt,
  subtractsAt,
  subtractsMessage,
});

const vitestRel = at('test/sample.test.js:11', 'test/sample.test.js:9', 'expected 7 to be 3');
const vitestAbs = at('vt/test/sample.test.js:11', 'vt/test/sample.test.js:9', 'expected 7 to be 3');
const pytest = at('test_sample.py:14', 'test_sample.py:11', 'assert 7 == 3');
// jest's terminal output names files relative to its rootDir (jt/)
const jestRel = at('test/sample.test.js:10', 'test/sample.test.js:8', 'Received: 7');
const jestAbs = at('jt/test/sample.test.js:10', 'jt/test/sample.test.js:8', 'Received: 7');
// mocha: stacks relative to its cwd (mt/); JSON and XML add the test's absolute file
const mochaRel = at('test/sample.test.js:11', 'test/sample.test.js:9', '7 !== 3');
const mochaAbs = at('mt/test/sample.test.js:11', 'mt/test/sample.test.js:9', '7 !== 3');
// go names only the file's base name
const goAt = at('calc_test.go:28', 'calc_test.go:17', 'Sub(5, 2) = 7, want 3');

export const families: Family[] = [
  detailed('vitest-junit', 'xml', 'junit', words, vitestRel),
  detailed('vitest-junit-file', 'xml', 'junit', words, vitestRel),
  detailed('vitest-json', 'json', 'vitest-json', words, vitestAbs),
  detailed('vitest-json-location', 'json', 'vitest-json', words, vitestAbs),
  listed('vitest-stdout', 'stdout:vitest', vitestTreeNames, true, vitestRel),
  detailed('vitest-tap', 'tap', 'tap', vitestTapNames, vitestAbs),
  detailed('vitest-tap-flat', 'tap', 'tap', vitestTapNames, vitestAbs),
  listed('vitest-verbose', 'stdout:vitest', words, true, vitestRel),
  detailed('jest-json', 'json', 'jest-json', words, jestAbs),
  detailed('jest-junit', 'xml', 'junit', jestJunitNames, jestAbs),
  // one test file: jest prints the tree (durations of 1 ms or more) as --verbose would
  listed('jest-stdout', 'stdout:jest', words, 'some', jestRel),
  scraped('jest-noverbose', 'stdout:jest', jestRel),
  detailed('mocha-json', 'json', 'mocha-json', words, mochaAbs),
  detailed('mocha-xunit', 'xml', 'junit', words, mochaAbs),
  detailed('mocha-junit', 'xml', 'junit', words, mochaAbs),
  // mocha's spec prints a time on slow tests only; its TAP none
  listed('mocha-spec', 'stdout:mocha', words, 'some', mochaRel),
  listed('mocha-tap', 'tap', mochaTapNames, false, mochaRel, 'tap'),
  detailed(
    'node-tap',
    'tap',
    'tap',
    words,
    at('nt/test/sample.test.mjs:14', 'nt/test/sample.test.mjs:12', '7 !== 3'),
  ),
  detailed(
    'node-events',
    'jsonl',
    'node-test',
    words,
    at('nt/test/sample.test.mjs:13', 'nt/test/sample.test.mjs:11', '7 !== 3'),
  ),
  // node's junit has no location: the first frame of the stack is the test file's `toBe` helper (line 4)
  detailed(
    'node-junit',
    'xml',
    'junit',
    words,
    at('nt/test/sample.test.mjs:4', 'nt/test/sample.test.mjs:4', '7 !== 3'),
  ),
  listed(
    'node-spec',
    'stdout:node',
    words,
    true,
    at('test/sample.test.mjs:13', 'test/sample.test.mjs:11', '7 !== 3'),
  ),
  detailed('pytest-xunit1', 'xml', 'junit', pytestNames, pytest),
  detailed('pytest-xunit2', 'xml', 'junit', pytestNames, pytest),
  scraped('pytest-stdout', 'stdout:pytest', pytest),
  listed('pytest-verbose', 'stdout:pytest', pytestVerboseNames, false, pytest),
  listed('pytest-rA', 'stdout:pytest', pytestRANames, false, pytest),
  listed('cargo-stdout', 'stdout:cargo', cargoNames, false, at('src/lib.rs:16', 'src/lib.rs:14', 'left: 7')),
  detailed('go-json', 'jsonl', 'go-json', goNames, goAt),
  listed('go-verbose', 'stdout:go', goNames, true, goAt),
  detailed(
    'go-json',
    'jsonl',
    'go-json',
    goNames,
    at('calc_test.go:27', 'calc_test.go:17', 'Sub(5, 2) = 7, want 3'),
    handwrittenDir,
  ),
];

/** The path of one fixture of a family. */
export function fixturePath(family: Family, variant: Variant): string {
  return `${family.dir}${family.prefix}.${variant}.${family.ext}`;
}
