/** The human report of a batch's run: `.batch/reports/batch-<id>.txt` and `batch report`. */
import type { Batch } from '../model/batchModel.js';
import { describeOrigin } from './editAttribution.js';
import type { Run, TestResult } from '../model/runModel.js';
import type { RunComparisons } from '../compare/runComparisons.js';
import { comparisonText } from './comparisonText.js';
import { countsLine, formatMs, testLabel, testLocation } from './testLabel.js';

/** `N passed, N failed, N skipped`: the closing line of every run, read by CI log scrapers. */
export function runCountsLine(
  run: Pick<Run, 'passed' | 'failed' | 'skipped' | 'xfailed' | 'xpassed'>,
): string {
  return countsLine(run);
}

function short(id: string | null): string {
  return id ? id.slice(0, 12) : 'none';
}

function indent(text: string, prefix: string, maxLines = 40): string[] {
  const lines = text.replace(/\s+$/, '').split('\n');
  const shown = lines.slice(0, maxLines).map((l) => `${prefix}${l}`);
  if (lines.length > maxLines) shown.push(`${prefix}… ${lines.length - maxLines} more lines`);
  return shown;
}

function failureLines(test: TestResult): string[] {
  const where = testLocation(test);
  const lines = [
    `  ✗ ${testLabel(test)}${where ? `  ${where}` : ''}${test.kind === 'error' ? '  (error)' : ''}`,
  ];
  if (test.message) lines.push(...indent(test.message, '      ', 12));
  if (test.stack && test.stack !== test.message) lines.push(...indent(test.stack, '      | '));
  return lines;
}

function status(run: Run): string {
  const flags = [
    run.interrupted ? 'interrupted' : null,
    run.timedOut ? 'timed out' : null,
    run.stale ? 'stale: the working tree changed while it ran' : null,
  ].filter(Boolean);
  const verdict = run.success ? 'passed' : 'failed';
  return `${verdict}${flags.length ? ` (${flags.join('; ')})` : ''}`;
}

export interface BatchReportInput {
  run: Run;
  /** The batch the run belongs to, when it is known (its edits are listed). */
  batch: Batch | null;
  comparisons: RunComparisons;
}

/**
 * The batch's report: summary, duration, commit and snapshot, the batch's edits, each failure with
 * message, location and stack, the comparisons with the previous batch's run and the baseline, the
 * notes, and the closing `N passed, N failed, N skipped` line.
 */
export function batchReportText({ run, batch, comparisons }: BatchReportInput): string {
  const title = run.batchId === null ? `run ${run.id}` : `batch ${run.batchId} · run ${run.id}`;
  const source = run.source.files.length
    ? `${run.source.format} from ${run.source.files.join(', ')}`
    : run.source.format;
  const lines = [
    title,
    '',
    `result:    ${status(run)} · ${runCountsLine(run)} (${run.total} tests)`,
    `duration:  ${formatMs(run.durationMs)}`,
    `started:   ${run.timestamp}`,
    `command:   ${run.command ?? '(none)'}${run.exitCode === null ? '' : ` (exit ${run.exitCode})`}`,
    `results:   ${source}`,
    `commit:    ${short(run.commit)}   snapshot: ${short(run.snapshot)}`,
  ];
  if (batch) {
    lines.push('', `edits (${batch.edits.length}):`);
    for (const edit of batch.edits) {
      const description = edit.description ? `  ${edit.description}` : '';
      lines.push(
        `  ${edit.kind.padEnd(10)} ${edit.path}  (edit ${edit.seq}, ${describeOrigin(edit)})${description}`,
      );
    }
    if (batch.unrecordedCount > 0) {
      lines.push(
        `  and ${batch.unrecordedCount} path(s) changed without being recorded: ${batch.unrecorded.slice(0, 10).join(', ')}`,
      );
    }
  }
  const failures = run.tests.filter((t) => t.status === 'failed');
  if (failures.length > 0) {
    lines.push('', `failures (${failures.length}):`);
    for (const test of failures) lines.push(...failureLines(test));
  }
  if (comparisons.previous)
    lines.push('', 'against the previous batch:', ...indent(comparisonText(comparisons.previous), '  ', 200));
  if (comparisons.baseline)
    lines.push('', 'against the baseline:', ...indent(comparisonText(comparisons.baseline), '  ', 200));
  if (run.notes.length > 0) lines.push('', 'notes:', ...run.notes.map((n) => `  - ${n}`));
  lines.push('', runCountsLine(run));
  return `${lines.join('\n')}\n`;
}
