import type { Comparison, TestRef } from '../core/model/comparisonModel.js';
import type { Context } from '../core/context/context.js';
import { ExitCode } from '../core/context/errors.js';
import { runCountsLine } from '../core/format/batchReportText.js';
import { firstLine, testLabel, testLocation } from '../core/format/testLabel.js';
import { referenceName } from '../core/format/verdict.js';
import type { RunProgress } from '../core/runs/progressCounter.js';
import { compareWithReferences, type RunComparisons } from '../core/compare/runComparisons.js';
import type { Run } from '../core/model/runModel.js';
import { runTests } from '../core/runs/runTests.js';
import { formatDuration } from '../output/describeRun.js';
import { messages } from '../output/messages.js';
import type { Printer } from '../output/printer.js';
import { ProgressLine } from './progressLine.js';
import { passRateGate } from '../core/history/passRateGate.js';

export interface RunFromCliOptions {
  batchId: number;
  runId?: number;
  pattern?: string;
  /** Print the run as one JSON document (and no test output on stdout). */
  json?: boolean;
  /** Aborting it ends the run like Ctrl-C does (watch's `q`). */
  signal?: AbortSignal;
}

function refLine(test: TestRef): string {
  const where = testLocation(test);
  return `${testLabel(test)}${where ? ` at ${where}` : ''}`;
}

/** `✓ 12 passed` / `✗ 2 failed (1 new since batch 3: math > subtracts at src/math.test.ts:12)`. */
function verdictLine(printer: Printer, run: Run, comparisons: RunComparisons): string {
  const { c } = printer;
  if (run.interrupted) return `${c.yellow('!')} ${messages.runInterrupted(run.id)}`;
  const skipped = run.skipped ? `, ${run.skipped} skipped` : '';
  if (run.failed === 0 && run.success) return `${c.green('✓')} ${run.passed} passed${skipped}`;
  const newOnes = comparisons.previous?.newFailures ?? [];
  const since =
    newOnes.length > 0 && comparisons.previous
      ? ` (${newOnes.length} new since ${referenceName(comparisons.previous.reference)}: ${newOnes
          .slice(0, 3)
          .map(refLine)
          .join('; ')}${newOnes.length > 3 ? '; …' : ''})`
      : '';
  const failed = run.failed > 0 ? `${run.failed} failed` : `failed (exit ${run.exitCode ?? 'none'})`;
  return `${c.red('✗')} ${failed}${since}, ${run.passed} passed${skipped}`;
}

/** The few lines a comparison adds under the verdict: new failures, fixed, slowdowns, removed. */
function comparisonLines(comparison: Comparison, title: string): string[] {
  const lines: string[] = [];
  const counts = [
    comparison.newFailures.length ? `${comparison.newFailures.length} newly failing` : null,
    comparison.fixed.length ? `${comparison.fixed.length} fixed` : null,
    comparison.slowdowns.length ? `${comparison.slowdowns.length} slower` : null,
    comparison.removed.length ? `${comparison.removed.length} removed` : null,
    comparison.added.length ? `${comparison.added.length} added` : null,
  ].filter(Boolean);
  lines.push(`${title}: ${counts.length ? counts.join(', ') : 'no change in results'}`);
  for (const test of comparison.newFailures.slice(0, 10)) {
    const message = firstLine(test.message, 160);
    lines.push(`  ✗ ${refLine(test)}${message ? ` — ${message}` : ''}`);
  }
  for (const slow of comparison.slowdowns.slice(0, 10)) {
    lines.push(`  ! ${slow.name}: ${Math.round(slow.baselineMs)} ms → ${Math.round(slow.currentMs)} ms`);
  }
  for (const test of comparison.removed.slice(0, 5)) lines.push(`  - ${refLine(test)} (no longer ran)`);
  return lines;
}

/**
 * The exit code of a command that ran the tests. DESIGN.md "Exit codes": 2 only against the
 * baseline (a test that passed in it fails now, or a confirmed slowdown); without a baseline a failing
 * run is 1 even when the previous batch's run passed the test: that regression is reported (verdict
 * line, report) but "no baseline to compare with" is exit 1 by the table. 130 when interrupted.
 */
export function runExitCode(run: Run, comparisons: RunComparisons): number {
  if (run.interrupted) return ExitCode.interrupted;
  if (comparisons.baseline) return comparisons.baseline.exitCode;
  return run.success && run.failed === 0 ? ExitCode.ok : ExitCode.failed;
}

/** Prints what a finished run means: verdict, comparisons, notes, where the report is, the counts line. */
export function printRunVerdict(printer: Printer, run: Run, comparisons: RunComparisons): void {
  printer.result(verdictLine(printer, run, comparisons));
  const failures = run.tests.filter((t) => t.status === 'failed');
  const known = new Set((comparisons.previous?.newFailures ?? []).map((t) => t.id));
  for (const test of failures.filter((t) => !known.has(t.id)).slice(0, 10)) {
    const message = firstLine(test.message, 160);
    printer.info(`  ✗ ${refLine(test)}${message ? ` — ${message}` : ''}`);
  }
  if (failures.length > 10) printer.info(`  … and ${failures.length - 10} more (batch report)`);
  if (comparisons.previous) {
    for (const line of comparisonLines(
      comparisons.previous,
      `against ${referenceName(comparisons.previous.reference)}`,
    ))
      printer.info(line);
  }
  if (comparisons.baseline) {
    for (const line of comparisonLines(comparisons.baseline, 'against the baseline')) printer.result(line);
  }
  for (const note of run.notes) printer.info(`note: ${note}`);
  const where = run.batchId !== null ? messages.runReportAt(run.batchId) : '';
  printer.info(`${messages.runDone(run.id, formatDuration(run.durationMs))}${where}`);
  printer.result(runCountsLine(run));
}

/** Resolves when a stream takes writes again, or can take none any more (closed, or failed). */
function drained(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      for (const event of ['drain', 'close', 'error']) stream.off(event, done);
      resolve();
    };
    for (const event of ['drain', 'close', 'error']) stream.once(event, done);
  });
}

/**
 * Runs the tests from the CLI and returns the run: live output and a progress line on a terminal
 * (plain lines otherwise); Ctrl-C and SIGTERM end the test process tree and record the run as
 * interrupted. Prints nothing about the result: callers decide how to judge it.
 */
export async function executeRunFromCli(
  ctx: Context,
  printer: Printer,
  options: RunFromCliOptions,
): Promise<Run> {
  const json = options.json === true;
  const streaming = !json && !printer.options.quiet;
  const terminal = process.stderr.isTTY === true && !json;
  const progress = terminal ? new ProgressLine(process.stderr, `batch ${options.batchId}`) : null;
  const abort = new AbortController();
  const onSignal = () => abort.abort();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  if (options.signal?.aborted) abort.abort();
  else options.signal?.addEventListener('abort', onSignal, { once: true });
  try {
    return await runTests(ctx, {
      batchId: options.batchId,
      ...(options.runId !== undefined ? { runId: options.runId } : {}),
      ...(options.pattern ? { pattern: options.pattern } : {}),
      signal: abort.signal,
      color: streaming && printer.options.color,
      onStart: ({ runId, via }) => {
        printer.info(messages.runStarting(options.batchId, runId, via));
        progress?.start();
      },
      ...(progress ? { onProgress: (p: RunProgress) => progress.update(p) } : {}),
      ...(streaming
        ? {
            onOutput: (chunk: Buffer) => {
              // the reader of a pipe went away (`batch test | head`): the run goes on unseen
              if (process.stdout.destroyed) return true;
              let flowing = true;
              const write = () => (flowing = process.stdout.write(chunk));
              if (progress) progress.around(write, chunk[chunk.length - 1] === 10);
              else write();
              return flowing;
            },
            whenDrained: () => drained(process.stdout),
          }
        : {}),
    });
  } finally {
    progress?.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    options.signal?.removeEventListener('abort', onSignal);
  }
}

/** The pass-rate gate (`gate` in .batchrc): `block` turns a run under the rate into exit 1 at least; `warn` says so. */
function gatedExitCode(ctx: Context, printer: Printer, run: Run, code: number): number {
  const verdict = run.interrupted ? null : passRateGate(run, ctx.config.gate);
  if (!verdict || verdict.action === 'pass') return code;
  const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
  if (verdict.action === 'warn') {
    printer.warn(messages.gateWarn(pct(verdict.passRate), pct(verdict.minPassRate)));
    return code;
  }
  printer.warn(messages.gateBlocked(pct(verdict.passRate), pct(verdict.minPassRate)));
  return Math.max(code, 1);
}

/**
 * Runs the tests from the CLI (see executeRunFromCli), then prints the verdict with the comparisons
 * against the previous batch and the baseline. Returns the exit code (0/1/2 per DESIGN.md, 130 when
 * interrupted).
 */
export async function runTestsFromCli(
  ctx: Context,
  printer: Printer,
  options: RunFromCliOptions,
): Promise<number> {
  const run = await executeRunFromCli(ctx, printer, options);
  const comparisons = run.interrupted
    ? { previous: null, baseline: null }
    : await compareWithReferences(ctx, run);
  const code = gatedExitCode(ctx, printer, run, runExitCode(run, comparisons));
  if (options.json === true) {
    printer.json(run);
    printer.result(runCountsLine(run));
    return code;
  }
  printRunVerdict(printer, run, comparisons);
  return code;
}
