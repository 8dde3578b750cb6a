import type { KnownFlakyOptions } from '../compare/knownFlaky.js';
import type { Context } from '../context/context.js';
import { flakyTests } from './historyReader.js';
import { withHistory } from './historySession.js';

/**
 * compare's and bisect's known-flaky list: exactly the tests `batch flaky` lists (same window, same
 * minimum of runs, every clone's runs with a team database), leaving out the run being judged. Null when batch has no store here yet,
 * so the caller falls back to the run files; a store that cannot be opened throws, with the same result.
 */
export async function knownFlakyFromHistory(
  ctx: Context,
  options: KnownFlakyOptions,
): Promise<ReadonlySet<string> | null> {
  if (!ctx.store.exists()) return null;
  const leaveOut = options.leaveOut;
  const report = await withHistory(ctx, 'flaky', (session) =>
    flakyTests(session, leaveOut !== undefined ? { leaveOut } : {}),
  );
  return new Set(report.flaky.map((score) => score.id));
}
