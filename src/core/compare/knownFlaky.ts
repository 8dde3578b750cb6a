import type { Context } from '../context/context.js';
import type { Run } from '../model/runModel.js';

/** How many recent runs are searched for flaky tests: bounded, so the cost does not grow with history. */
const RECENT_RUNS = 50;

/** Which runs the list is made from. */
export interface KnownFlakyOptions {
  /**
   * The run being judged (its local id): left out, so a test it breaks for the first time is not
   * flaky because of that very failure.
   */
  leaveOut?: number;
}

/** Where the known-flaky list comes from: the history store's flaky scores; null when it cannot say. */
export type KnownFlakySource = (
  ctx: Context,
  options: KnownFlakyOptions,
) => Promise<ReadonlySet<string> | null>;

let load: (() => Promise<KnownFlakySource>) | null = null;

/**
 * Names the code that lists known-flaky tests (history/runHistoryProvider.ts fills it with `batch
 * flaky`'s scores), loaded on first use, so compare never imports the rooms above it.
 */
export function provideKnownFlaky(loader: () => Promise<KnownFlakySource>): void {
  load = loader;
}

/**
 * Tests known to be flaky, listed apart and never counted as regressions: the tests `batch flaky`
 * lists (the history store's flaky scores). When no store is provided or it cannot be opened, the
 * recent run files stand in: tests that both passed and failed on the same snapshot.
 */
export async function knownFlakyTests(
  ctx: Context,
  options: KnownFlakyOptions = {},
): Promise<ReadonlySet<string>> {
  if (load) {
    try {
      const fromHistory = await (await load())(ctx, options);
      if (fromHistory) return fromHistory;
    } catch (error) {
      ctx.logger.debug(
        `known-flaky: history store unavailable (${(error as Error).message}), using run files`,
      );
    }
  }
  return flakyInRunFiles(ctx, options);
}

/** The fallback: among the recent run files, tests that both passed and failed on the same snapshot. */
export function flakyInRunFiles(ctx: Context, options: KnownFlakyOptions = {}): Set<string> {
  const byTree = new Map<string, Map<string, Set<string>>>();
  const ids = ctx.store.runIds().filter((id) => id !== options.leaveOut);
  for (const id of ids.slice(-RECENT_RUNS)) {
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
