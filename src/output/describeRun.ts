import type { RunSummary } from '../core/model/runModel.js';
import { symbols, type Printer } from './printer.js';

/** Formats milliseconds for people: `840 ms`, `2.3 s`, `1 m 05 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} m ${String(Math.round((ms % 60_000) / 1000)).padStart(2, '0')} s`;
}

/** One line for a run: `✓ 12 passed · 1 skipped (run 3, batch 2, 2.3 s)`, marked stale when it is. */
export function describeRun(printer: Printer, run: RunSummary): string {
  const { c } = printer;
  const mark = run.success ? c.green(symbols.ok) : c.red(symbols.fail);
  // As the runner counts them: pytest's xfails and xpasses on their own.
  const xfailed = run.xfailed ?? 0;
  const xpassed = run.xpassed ?? 0;
  const parts = [`${run.passed - xpassed} passed`];
  if (run.failed) parts.push(c.red(`${run.failed} failed`));
  if (run.skipped - xfailed) parts.push(`${run.skipped - xfailed} skipped`);
  if (xfailed) parts.push(`${xfailed} xfailed`);
  if (xpassed) parts.push(`${xpassed} xpassed`);
  const where = [
    `run ${run.id}`,
    run.batchId !== null ? `batch ${run.batchId}` : null,
    formatDuration(run.durationMs),
  ]
    .filter(Boolean)
    .join(', ');
  const flags = [
    run.stale ? c.yellow('stale: the tree changed while it ran') : null,
    run.interrupted ? 'interrupted' : null,
    run.timedOut ? 'timed out' : null,
  ]
    .filter(Boolean)
    .join(', ');
  return `${mark} ${parts.join(' · ')} (${where})${flags ? ` ${symbols.dot} ${flags}` : ''}`;
}
