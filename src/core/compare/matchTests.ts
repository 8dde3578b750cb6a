/** Pairs the tests of two runs: by id first, then by leaf name where ids drifted (a lost suite or path). */
import type { TestResult, TestStatus } from '../model/runModel.js';

export interface TestMatch {
  matched: Array<{ current: TestResult; reference: TestResult }>;
  /** In the current run only. */
  unmatchedCurrent: TestResult[];
  /** In the reference run only. */
  unmatchedReference: TestResult[];
}

const severity: Record<TestStatus, number> = { skipped: 0, passed: 1, failed: 2 };

/** One entry per id; when a merged report holds an id twice (shards, retries), the worst status wins. */
export function indexById(tests: readonly TestResult[]): Map<string, TestResult> {
  const byId = new Map<string, TestResult>();
  for (const test of tests) {
    const seen = byId.get(test.id);
    if (seen === undefined || severity[test.status] > severity[seen.status]) byId.set(test.id, test);
  }
  return byId;
}

/** The last ` > `-separated part of a test's name: what survives when a format drops the suite path. */
function leafName(test: TestResult): string {
  const parts = test.name.split(' > ');
  return (parts[parts.length - 1] ?? test.name).trim();
}

function filesAgree(a: TestResult, b: TestResult): boolean {
  return a.file === null || b.file === null || a.file === b.file;
}

/** Groups tests by leaf name, keeping only names held by exactly one test. */
function uniqueByLeaf(tests: readonly TestResult[]): Map<string, TestResult> {
  const byLeaf = new Map<string, TestResult | null>();
  for (const test of tests) {
    const leaf = leafName(test);
    byLeaf.set(leaf, byLeaf.has(leaf) ? null : test);
  }
  const unique = new Map<string, TestResult>();
  for (const [leaf, test] of byLeaf) if (test !== null) unique.set(leaf, test);
  return unique;
}

/**
 * Matches tests by id. Tests left over on both sides are then paired by leaf name, but only when that
 * name is unique on both sides and their files do not disagree: a terminal summary that prints
 * `subtracts` for a passing test and `math > subtracts` for a failing one still names one test.
 */
export function matchTests(current: readonly TestResult[], reference: readonly TestResult[]): TestMatch {
  const referenceById = indexById(reference);
  const matched: TestMatch['matched'] = [];
  const leftCurrent: TestResult[] = [];
  for (const test of indexById(current).values()) {
    const other = referenceById.get(test.id);
    if (other === undefined) leftCurrent.push(test);
    else {
      matched.push({ current: test, reference: other });
      referenceById.delete(test.id);
    }
  }
  const leftReference = [...referenceById.values()];
  if (leftCurrent.length === 0 || leftReference.length === 0) {
    return { matched, unmatchedCurrent: leftCurrent, unmatchedReference: leftReference };
  }
  const currentByLeaf = uniqueByLeaf(leftCurrent);
  const referenceByLeaf = uniqueByLeaf(leftReference);
  const paired = new Set<TestResult>();
  for (const [leaf, test] of currentByLeaf) {
    const other = referenceByLeaf.get(leaf);
    if (other === undefined || !filesAgree(test, other)) continue;
    matched.push({ current: test, reference: other });
    paired.add(test).add(other);
  }
  return {
    matched,
    unmatchedCurrent: leftCurrent.filter((t) => !paired.has(t)),
    unmatchedReference: leftReference.filter((t) => !paired.has(t)),
  };
}
