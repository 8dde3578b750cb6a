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
  /** What this search's probes said, by `tree test`: a tree asked about again costs no run. */
  private readonly seen = new Map<string, Verdict>();
  constructor(private readonly input: SearchInput) {}

  private points(): string[] {
    return [this.input.beforeTree, ...this.input.groups.map((g) => g.tree)];
  }

  private async ask(tree: string, tests: string[], fresh = false): Promise<Map<string, Verdict>> {
    const verdicts = new Map<string, Verdict>();
    const unknown = fresh ? tests : tests.filter((t) => !this.seen.has(`${tree} ${t}`));
    for (const test of tests) {
      const known = this.seen.get(`${tree} ${test}`);
      if (!fresh && known) verdicts.set(test, known);
    }
    if (unknown.length === 0) return verdicts;
    const answers = await this.input.probe(tree, unknown, fresh);
    for (const test of unknown) {
      const verdict = answers.get(test) === 'pass' ? 'pass' : 'fail';
      this.seen.set(`${tree} ${test}`, verdict);
      verdicts.set(test, verdict);
    }
    return verdicts;
  }

  /** The tests of `tests` with this verdict on `tree` (a known-flaky test is asked `tries` times). */
  async split(tree: string, tests: string[], tries = 1): Promise<{ fail: string[]; pass: string[] }> {
    if (tests.length === 0) return { fail: [], pass: [] };
    const verdicts = await this.ask(tree, tests);
    const fail = tests.filter((t) => verdicts.get(t) !== 'pass');
    const pass = tests.filter((t) => verdicts.get(t) === 'pass');
    const flaky = tests.filter((t) => this.input.flaky.has(t));
    for (let i = 1; i < tries && flaky.length > 0; i++) {
      const again = await this.ask(tree, flaky, true);
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

  leaveOut(test: string, ...lists: string[][]): void {
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

  /**
   * Tests in `tests` pass at point `lo` (probed) and fail at `hi` (probed, or the after-snapshot,
   * where the batch's own run failed them: settle makes sure a probe sees that failure).
   */
  async narrow(lo: number, hi: number, tests: string[]): Promise<void> {
    if (tests.length === 0) return;
    if (hi - lo === 1) return this.settle(hi, tests);
    const mid = Math.floor((lo + hi) / 2);
    const { fail, pass } = await this.split(this.points()[mid] as string, tests);
    await this.narrow(lo, mid, fail);
    await this.narrow(mid, hi, pass);
  }

  /**
   * The tests pass before point `hi` and first fail at it: its edits, alone or with earlier ones, are
   * the culprit. Point 1 is the before-snapshot with its edits alone: no run beyond the search's.
   */
  async settle(hi: number, tests: string[]): Promise<void> {
    const { groups } = this.input;
    const group = groups[hi - 1] as EditGroup;
    const alone = hi === 1 ? (this.points()[1] as string) : await this.input.treeWith(group.seqs);
    const { fail: broken, pass: needMore } = await this.split(alone, tests);
    if (broken.length > 0) this.blame(group.seqs, broken);
    if (needMore.length === 0) return;
    // The after-snapshot was assumed failing, not probed: a test that passes there on a re-run is not
    // reproducible (flaky, or depending on something outside the tree), never blamed.
    const last = hi === groups.length;
    const { fail: reproduced, pass: gone } = last
      ? await this.split(this.points()[hi] as string, needMore, this.input.flakyTries ?? 3)
      : { fail: needMore, pass: [] };
    for (const test of gone) this.leaveOut(test);
    const earlier = groups.slice(0, hi - 1).flatMap((g) => g.seqs);
    for (const test of reproduced) {
      const partners = await ddmin(earlier, async (subset) => {
        const tree = await this.input.treeWith([...subset, ...group.seqs].sort((a, b) => a - b));
        return (await this.ask(tree, [test])).get(test) !== 'pass';
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
 * Finds each failing test's culprit. Every test is first re-run on the before-snapshot: one that
 * does not pass there is not reproducible (broken before the batch: unrecorded work, or something
 * outside the tree) and left out. The rest are bisected, the after-snapshot taken as failing (the
 * batch's run failed them there); a test is blamed on an edit only once a probe saw it fail with that
 * edit in the tree, and one that passes on the after-snapshot when re-run there is not reproducible.
 * Known-flaky tests are re-run on the after-snapshot up front too, and every try must agree. So a
 * single breaking edit among k record calls costs at most ceil(log2 k) + 2 runs: the before-snapshot,
 * the bisection, and the edit alone on the before-snapshot (which tells it from a pair).
 */
export async function searchCulprits(input: SearchInput): Promise<SearchResult> {
  const search = new Search(input);
  const settled = () => [...search.notReproducible, ...[...search.culprits.values()].flatMap((c) => c.tests)];
  const tries = input.flakyTries ?? 3;
  try {
    const last = input.groups[input.groups.length - 1];
    if (!last) return { culprits: [], notReproducible: [...input.tests], unresolved: [] };
    const before = await search.split(input.beforeTree, input.tests, tries);
    for (const test of before.fail) search.leaveOut(test);
    const flaky = before.pass.filter((t) => input.flaky.has(t));
    const after = await search.split(last.tree, flaky, tries);
    for (const test of after.pass) search.leaveOut(test);
    await search.narrow(
      0,
      input.groups.length,
      before.pass.filter((t) => !after.pass.includes(t) && !search.notReproducible.includes(t)),
    );
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
