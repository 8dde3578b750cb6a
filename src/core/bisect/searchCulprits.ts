/**
 * The culprit search itself, pure over a probe function: binary search over the record snapshots
 * for all failing tests at once (each test its own first failing snapshot), then, for a snapshot
 * whose edits do not break the test on their own, the smallest set of earlier edits that does (ddmin).
 */

/** What a probe says about one test on one tree. */
export type Verdict = 'pass' | 'fail';

/** One record call of the batch: its edits and the snapshot tree after it. */
export interface EditGroup {
  seqs: number[];
  tree: string;
}

export interface SearchInput {
  beforeTree: string;
  /** The record calls in order; the last one's tree is the batch's after-snapshot. */
  groups: EditGroup[];
  tests: string[];
  /** Runs (or answers from the cache) the tests on a tree; `fresh` skips the cache (re-tries). */
  probe: (tree: string, tests: string[], fresh?: boolean) => Promise<Map<string, Verdict>>;
  /** The before-snapshot's tree with just these edits applied. */
  treeWith: (seqs: number[]) => Promise<string>;
  /** Tests known to be flaky: they must fail (and pass) this many times in a row to count. */
  flaky: ReadonlySet<string>;
  flakyTries?: number;
}

export interface SearchResult {
  culprits: { seqs: number[]; tests: string[] }[];
  notReproducible: string[];
  /** Tests the search could not finish (the run limit was reached). */
  unresolved: string[];
}

/** Thrown by a probe when the search may make no more runs. */
export class RunLimitReached extends Error {
  constructor() {
    super('run limit reached');
    this.name = 'RunLimitReached';
  }
}

class Search {
  readonly culprits = new Map<string, { seqs: number[]; tests: string[] }>();
  readonly notReproducible: string[] = [];
  constructor(private readonly input: SearchInput) {}

  private points(): string[] {
    return [this.input.beforeTree, ...this.input.groups.map((g) => g.tree)];
  }

  /** The tests of `tests` with this verdict on `tree` (a known-flaky test is asked `tries` times). */
  async split(tree: string, tests: string[], tries = 1): Promise<{ fail: string[]; pass: string[] }> {
    const verdicts = await this.input.probe(tree, tests);
    const fail = tests.filter((t) => verdicts.get(t) !== 'pass');
    const pass = tests.filter((t) => verdicts.get(t) === 'pass');
    const flaky = tests.filter((t) => this.input.flaky.has(t));
    for (let i = 1; i < tries && flaky.length > 0; i++) {
      const again = await this.input.probe(tree, flaky, true);
      for (const test of flaky) {
        // A known-flaky test counts only when every try agrees; otherwise it is left out as unsure.
        const first = fail.includes(test) ? 'fail' : 'pass';
        if ((again.get(test) ?? 'fail') !== first) {
          this.leaveOut(test, fail, pass);
        }
      }
    }
    return { fail, pass };
  }

  private leaveOut(test: string, ...lists: string[][]): void {
    for (const list of lists) {
      const at = list.indexOf(test);
      if (at >= 0) list.splice(at, 1);
    }
    if (!this.notReproducible.includes(test)) this.notReproducible.push(test);
  }

  blame(seqs: number[], tests: string[]): void {
    const key = seqs.join(',');
    const culprit = this.culprits.get(key) ?? { seqs, tests: [] };
    culprit.tests.push(...tests);
    this.culprits.set(key, culprit);
  }

  /** Tests in `tests` pass at point `lo` (or are assumed to, for 0) and fail at `hi`. */
  async narrow(lo: number, hi: number, tests: string[]): Promise<void> {
    if (tests.length === 0) return;
    if (hi - lo === 1) return this.settle(hi, tests);
    const mid = Math.floor((lo + hi) / 2);
    const { fail, pass } = await this.split(this.points()[mid] as string, tests);
    await this.narrow(lo, mid, fail);
    await this.narrow(mid, hi, pass);
  }

  /** The tests first fail at point `hi`: its edits, alone or with earlier ones, are the culprit. */
  async settle(hi: number, tests: string[]): Promise<void> {
    const tries = this.input.flakyTries ?? 3;
    const group = this.input.groups[hi - 1] as EditGroup;
    if (hi === 1) {
      // Point 0 (the before-snapshot) has not been probed yet: a test failing there is not this batch's.
      const { fail, pass } = await this.split(this.input.beforeTree, tests, tries);
      for (const test of fail) this.leaveOut(test);
      if (pass.length > 0) this.blame(group.seqs, pass);
      return;
    }
    const { fail: alone, pass: needMore } = await this.split(await this.input.treeWith(group.seqs), tests);
    if (alone.length > 0) this.blame(group.seqs, alone);
    const earlier = this.input.groups.slice(0, hi - 1).flatMap((g) => g.seqs);
    for (const test of needMore) {
      const partners = await ddmin(earlier, async (subset) => {
        const tree = await this.input.treeWith([...subset, ...group.seqs].sort((a, b) => a - b));
        return (await this.input.probe(tree, [test])).get(test) !== 'pass';
      });
      this.blame(
        [...partners, ...group.seqs].sort((a, b) => a - b),
        [test],
      );
    }
  }
}

/**
 * Zeller's ddmin: the smallest subset of `items` (1-minimal) for which `fails` holds, given that it
 * holds for all of them and not for none.
 */
export async function ddmin(
  items: number[],
  fails: (subset: number[]) => Promise<boolean>,
): Promise<number[]> {
  let current = items;
  let n = 2;
  while (current.length >= 2) {
    const size = Math.ceil(current.length / n);
    const chunks = Array.from({ length: Math.ceil(current.length / size) }, (_, i) =>
      current.slice(i * size, (i + 1) * size),
    );
    let reduced = false;
    for (const chunk of chunks) {
      if (await fails(chunk)) {
        [current, n, reduced] = [chunk, 2, true];
        break;
      }
    }
    if (!reduced && chunks.length > 2) {
      for (const chunk of chunks) {
        const complement = current.filter((x) => !chunk.includes(x));
        if (await fails(complement)) {
          [current, n, reduced] = [complement, Math.max(n - 1, 2), true];
          break;
        }
      }
    }
    if (reduced) continue;
    if (n >= current.length) break;
    n = Math.min(n * 2, current.length);
  }
  return current;
}

/**
 * Finds each failing test's culprit: the tests are first re-run on the after-snapshot (one that
 * passes there is not reproducible), then bisected; see Search.
 */
export async function searchCulprits(input: SearchInput): Promise<SearchResult> {
  const search = new Search(input);
  const settled = () => [...search.notReproducible, ...[...search.culprits.values()].flatMap((c) => c.tests)];
  try {
    const last = input.groups[input.groups.length - 1];
    if (!last) return { culprits: [], notReproducible: [...input.tests], unresolved: [] };
    const { fail, pass } = await search.split(last.tree, input.tests, input.flakyTries ?? 3);
    for (const test of pass) search.notReproducible.push(test);
    await search.narrow(0, input.groups.length, fail);
  } catch (error) {
    if (!(error instanceof RunLimitReached)) throw error;
  }
  const done = new Set(settled());
  return {
    culprits: [...search.culprits.values()],
    notReproducible: search.notReproducible,
    unresolved: input.tests.filter((t) => !done.has(t)),
  };
}
