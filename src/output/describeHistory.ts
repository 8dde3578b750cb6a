import type { HistoryRun } from '../adapters/history/historyStore.js';
import type { FlakyScore } from '../core/history/flakyScores.js';
import type { TestHistory } from '../core/history/historyReader.js';
import type { HistoryTrend } from '../core/history/historyTrend.js';
import { passRate } from '../core/history/passRateGate.js';
import { formatDuration } from './describeRun.js';
import { symbols, type Printer } from './printer.js';
import { historyRunSummary } from '../core/history/historyRunSummary.js';

const percent = (n: number) => `${(n * 100).toFixed(n === 1 ? 0 : 1)}%`;

/** A history run as `history --json` shows it: the run fields without tests, plus where it came from. */
export function historyRunJson(run: HistoryRun): Record<string, unknown> {
  return {
    ...historyRunSummary(run),
    trigger: run.trigger,
    branch: run.branch,
    ciProvider: run.ciProvider,
    ciRunId: run.ciRunId,
    host: run.host,
    complete: run.complete,
    stale: run.stale,
    runKey: run.runKey,
  };
}

/** One line per run: mark, pass rate, counts, duration, where and when. */
export function describeHistoryRun(printer: Printer, run: HistoryRun): string {
  const { c } = printer;
  const mark = run.success ? c.green(symbols.ok) : c.red(symbols.fail);
  const where = [
    `run ${run.localId}`,
    run.batchId !== null ? `batch ${run.batchId}` : null,
    run.branch,
    run.commit ? run.commit.slice(0, 8) : null,
    run.trigger,
    run.ciRunId ? `ci ${run.ciRunId}` : null,
    run.stale ? c.yellow('stale: the tree changed while it ran') : null,
  ]
    .filter(Boolean)
    .join(', ');
  const counts = `${run.passed}/${run.passed + run.failed} passed${run.skipped ? `, ${run.skipped} skipped` : ''}`;
  return `${mark} ${percent(passRate(run))} · ${counts} · ${formatDuration(run.durationMs)} (${where}) · ${run.timestamp}`;
}

/** The trend line over the shown runs. */
export function describeTrend(trend: HistoryTrend): string {
  return (
    `trend over ${trend.runs} runs: pass rate ${percent(trend.firstPassRate)} → ${percent(trend.lastPassRate)} ` +
    `(mean ${percent(trend.meanPassRate)}), duration ${formatDuration(trend.firstDurationMs)} → ` +
    `${formatDuration(trend.lastDurationMs)} (mean ${formatDuration(trend.meanDurationMs)})`
  );
}

/** A test's runs: a header, then one line per run. */
export function describeTestHistory(printer: Printer, test: TestHistory): string[] {
  const { c } = printer;
  const lines = [`${test.id} (${test.runs.length} run${test.runs.length === 1 ? '' : 's'})`];
  for (const run of test.runs) {
    const mark =
      run.status === 'passed' ? c.green(symbols.ok) : run.status === 'failed' ? c.red(symbols.fail) : '-';
    const where = [
      `run ${run.runId}`,
      run.batchId !== null ? `batch ${run.batchId}` : null,
      run.commit ? run.commit.slice(0, 8) : null,
    ]
      .filter(Boolean)
      .join(', ');
    const duration = run.durationMs !== null ? ` ${formatDuration(run.durationMs)}` : '';
    lines.push(`  ${mark} ${run.status}${duration} (${where}) · ${run.timestamp}`);
  }
  return lines;
}

/** One line per flaky test. */
export function describeFlaky(score: FlakyScore): string {
  const tree = score.sameTreeFlips > 0 ? `, passed and failed on ${score.sameTreeFlips} same tree(s)` : '';
  return `${score.id}: flip rate ${percent(score.flipRate)}, pass rate ${percent(score.passRate)} over ${score.runs} runs${tree}`;
}
