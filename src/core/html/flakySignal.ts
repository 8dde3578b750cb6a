/**
 * A simple flakiness signal for the dashboard: pass and fail on the same tree, and how often the
 * status flips from one run to the next. Pure, so the history store's scoring can take its place.
 */

/** One run of one test: the tree it ran on (the run's snapshot) and its status there. */
export interface Observation {
  tree: string | null;
  status: 'passed' | 'failed' | 'skipped' | null;
}

export interface FlakySignal {
  runs: number;
  passed: number;
  failed: number;
  /** Status changes between consecutive runs that passed or failed, divided by (runs - 1). */
  flipRate: number;
  /** Status changes between consecutive runs on the same tree: the same code passed and failed. */
  sameTreeFlips: number;
}

/** The signal for one test over its runs, oldest first; a test is flaky when `sameTreeFlips > 0`. */
export function sameTreeFlakiness(observations: readonly Observation[]): FlakySignal {
  let passed = 0;
  let failed = 0;
  let flips = 0;
  let sameTreeFlips = 0;
  let previous: Observation | null = null;
  const lastOnTree = new Map<string, Observation['status']>();
  for (const seen of observations) {
    if (seen.status !== 'passed' && seen.status !== 'failed') continue;
    if (seen.status === 'passed') passed++;
    else failed++;
    if (previous && previous.status !== seen.status) flips++;
    if (seen.tree !== null) {
      const before = lastOnTree.get(seen.tree);
      if (before !== undefined && before !== seen.status) sameTreeFlips++;
      lastOnTree.set(seen.tree, seen.status);
    }
    previous = seen;
  }
  const runs = passed + failed;
  return { runs, passed, failed, flipRate: runs > 1 ? flips / (runs - 1) : 0, sameTreeFlips };
}
