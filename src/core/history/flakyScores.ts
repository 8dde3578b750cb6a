/** A run as flaky scoring sees it: its tree, its totals, and each test's status in it. */
export interface ScoredRun {
  runKey: string;
  /** The snapshot (tree) the run tested; runs on the same one tested the same code. */
  snapshot: string | null;
  total: number;
  failed: number;
  /** Oldest first is not required: runs are ordered by `at`. */
  at: string;
  results: { testId: string; name: string; status: string }[];
}

export interface FlakyOptions {
  /** A test needs at least this many counted runs (passed or failed) to be judged. */
  minRuns: number;
  /** A run where more than this share of its tests failed is a broken environment: left out. */
  brokenShare?: number;
  /** Without same-tree flips, a flip rate at least this high still marks a test flaky. */
  minFlipRate?: number;
}

/** One test's score: DESIGN.md's `flaky[]` entry. */
export interface FlakyScore {
  id: string;
  name: string;
  runs: number;
  passed: number;
  failed: number;
  /** Status changes between consecutive counted runs, over the changes possible (runs − 1). */
  flipRate: number;
  /** Trees on which the test both passed and failed: the strongest sign of flakiness. */
  sameTreeFlips: number;
  passRate: number;
}

export interface FlakyReport {
  flaky: FlakyScore[];
  /** Runs left out because most of their tests failed at once. */
  runsLeftOut: string[];
}

interface Tally {
  name: string;
  statuses: string[];
  byTree: Map<string, Set<string>>;
}

/** Whether most of a run's tests failed at once (a broken environment says nothing about one test). */
export function isBrokenRun(run: Pick<ScoredRun, 'total' | 'failed'>, share = 0.5): boolean {
  return run.total >= 4 && run.failed / run.total > share;
}

/**
 * Scores tests for flakiness over a window of runs (pure). Flaky: passed and failed on the same tree,
 * or flipping between passed and failed in at least `minFlipRate` of consecutive runs. A test that
 * always fails, or that broke once and stayed broken, is not flaky. Ordered by same-tree flips, then
 * flip rate.
 */
export function flakyScores(runs: ScoredRun[], options: FlakyOptions): FlakyReport {
  const minFlipRate = options.minFlipRate ?? 0.3;
  const ordered = [...runs].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const runsLeftOut: string[] = [];
  const tallies = new Map<string, Tally>();
  for (const run of ordered) {
    if (isBrokenRun(run, options.brokenShare)) {
      runsLeftOut.push(run.runKey);
      continue;
    }
    for (const result of run.results) {
      if (result.status !== 'passed' && result.status !== 'failed') continue;
      const tally: Tally = tallies.get(result.testId) ?? {
        name: result.name,
        statuses: [],
        byTree: new Map(),
      };
      tallies.set(result.testId, tally);
      tally.statuses.push(result.status);
      if (run.snapshot) {
        const seen = tally.byTree.get(run.snapshot) ?? new Set<string>();
        seen.add(result.status);
        tally.byTree.set(run.snapshot, seen);
      }
    }
  }
  const flaky: FlakyScore[] = [];
  for (const [id, tally] of tallies) {
    const score = scoreOf(id, tally);
    if (score.runs < options.minRuns || score.passed === 0 || score.failed === 0) continue;
    if (score.sameTreeFlips > 0 || score.flipRate >= minFlipRate) flaky.push(score);
  }
  flaky.sort(
    (a, b) => b.sameTreeFlips - a.sameTreeFlips || b.flipRate - a.flipRate || a.id.localeCompare(b.id),
  );
  return { flaky, runsLeftOut };
}

function scoreOf(id: string, tally: Tally): FlakyScore {
  const { statuses } = tally;
  let flips = 0;
  for (let i = 1; i < statuses.length; i++) if (statuses[i] !== statuses[i - 1]) flips++;
  const passed = statuses.filter((s) => s === 'passed').length;
  const sameTreeFlips = [...tally.byTree.values()].filter((seen) => seen.size > 1).length;
  return {
    id,
    name: tally.name,
    runs: statuses.length,
    passed,
    failed: statuses.length - passed,
    flipRate: statuses.length > 1 ? round(flips / (statuses.length - 1)) : 0,
    sameTreeFlips,
    passRate: round(passed / statuses.length),
  };
}

const round = (n: number) => Math.round(n * 1000) / 1000;
