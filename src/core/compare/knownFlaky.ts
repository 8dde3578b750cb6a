import type { Context } from '../context/context.js';
import type { Run } from '../model/runModel.js';

/** How many recent runs are searched for flaky tests: bounded, so the cost does not grow with history. */
const RECENT_RUNS = 50;

/**
 * Tests known to be flaky: among the recent runs, those that both passed and failed on the same
 * snapshot (the same tree, so the same code). They are listed apart and never count as regressions.
 */
export function knownFlakyTests(ctx: Context): Set<string> {
  const byTree = new Map<string, Map<string, Set<string>>>();
  for (const id of ctx.store.runIds().slice(-RECENT_RUNS)) {
    let run: Run | null;
    try {
      run = ctx.store.readRun<Run>(id);
    } catch {
      continue; // an unreadable old run says nothing about flakiness
    }
    if (!run?.snapshot || run.stale || run.interrupted) continue;
    const statuses = byTree.get(run.snapshot) ?? new Map<string, Set<string>>();
    byTree.set(run.snapshot, statuses);
    for (const test of run.tests) {
      if (test.status === 'skipped') continue;
      const seen = statuses.get(test.id) ?? new Set<string>();
      seen.add(test.status);
      statuses.set(test.id, seen);
    }
  }
  const flaky = new Set<string>();
  for (const statuses of byTree.values()) {
    for (const [id, seen] of statuses) if (seen.size > 1) flaky.add(id);
  }
  return flaky;
}
