import type { Context } from '../core/context/context.js';
import { catchUpCommits } from '../core/hooks/catchUp.js';
import { takeVerdict } from '../core/hooks/hookMarkers.js';
import { messages } from '../output/messages.js';
import type { Printer } from '../output/printer.js';

/**
 * What `batch status` says about the hook first: a background run's verdict not yet seen, and the
 * commits it records now because the hook missed them (their batch's tests are left to `batch test`).
 */
export async function printHookNews(ctx: Context, printer: Printer): Promise<void> {
  for (const line of takeVerdict(ctx) ?? []) printer.result(line);
  const sync = await catchUpCommits(ctx, `status-${process.pid}-${Date.now()}`);
  if (!sync) return;
  if (sync.deferred && sync.sequence) printer.info(messages.hookDeferred(sync.sequence));
  if (sync.records.some((r) => r.edits.length > 0)) printer.info(messages.hookCaughtUp(sync.commits.length));
  const completed = sync.completed[sync.completed.length - 1];
  if (completed) printer.info(messages.hookTestsNotRun(completed.id));
}
