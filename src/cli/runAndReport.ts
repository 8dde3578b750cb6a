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
import { writeRegressionsFile } from '../core/compare/regressionsFile.js';
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
  /**
   * Re-run the tests found slower than the baseline before a slowdown can make exit 2 (default true).
   * A rollback does not: its verdict is 0 or 1, and a slowdown there is reported as unconfirmed.
   */
  confirmSlowdowns?: boolean;
}

function refLine(test: TestRef): string {
  const where = testLocation(test);
  return `${testLabel(test)}${where ? ` at ${where}` : ''}`;
}

/** `✓ 12 passed` / `✗ 2 failed (1 new since batch 3), 10 passed`. */
function verdictLine(printer: Printer, run: Run, comparisons: RunComparisons): string {
  const { c } = printer;
  if (run.interrupted) return `${c.yellow('!')} ${messages.runInterrupted(run.id)}`;
  // As the runner counts them: pytest's xfails and xpasses on their own.
  const xfailed = run.xfailed ?? 0;
  const xpassed = run.xpassed ?? 0;
  const passed = run.passed - xpassed;
  const skipped = [
    run.skipped - xfailed ? `, ${run.skipped - xfailed} skipped` : '',
    xfailed ? `, ${xfailed} xfailed` : '',
    xpassed ? `, ${xpassed} xpassed` : '',
  ].join('');
  if (run.failed === 0 && run.success) return `${c.green('✓')} ${passed} passed${skipped}`;
  const newOnes = comparisons.previous?.newFailures ?? [];
  const since =
    newOnes.length > 0 && comparisons.previous
      ? ` (${newOnes.length} new since ${referenceName(comparisons.previous.reference)})`
      : '';
  const failed = run.failed > 0 ? `${run.failed} failed` : `failed (exit ${run.exitCode ?? 'none'})`;
  return `${c.red('✗')} ${failed}${since}, ${passed} passed${skipped}`;
}

/** `… and 4 more failing tests (`batch report 3`)`: what was left out, and where it is. */
function moreLine(count: number, what: string, run: Run): string {
  const where = run.batchId !== null ? ` (\`batch report ${run.batchId}\`)` : '';
  return `  … and ${count} more ${what}${where}`;
}

/**
 * The summary a comparison adds under the failure list: its counts, then the slowdowns and removed
 * tests. The failing tests themselves are listed once, above it, whatever they are compared with.
 */
function comparisonLines(comparison: Comparison, title: string, run: Run): string[] {
  const lines: string[] = [];
  const unconfirmed = comparison.slowdowns.filter((s) => !s.confirmed).length;
  const slower =
    comparison.slowdowns.length === 0
      ? null
      : `${comparison.slowdowns.length} slower${unconfirmed > 0 ? ` (${unconfirmed === comparison.slowdowns.length ? '' : `${unconfirmed} `}unconfirmed)` : ''}`;
  const counts = [
    comparison.newFailures.length ? `${comparison.newFailures.length} newly failing` : null,
    comparison.fixed.length ? `${comparison.fixed.length} fixed` : null,
    slower,
    comparison.removed.length ? `${comparison.removed.length} removed` : null,
    comparison.added.length ? `${comparison.added.length} added` : null,
  ].filter(Boolean);
  lines.push(`${title}: ${counts.length ? counts.join(', ') : 'no change in results'}`);
  for (const slow of comparison.slowdowns.slice(0, 10)) {
    const state = slow.confirmed ? 'confirmed' : 'unconfirmed';
    lines.push(
      `  ! ${slow.name}: ${Math.round(slow.baselineMs)} ms → ${Math.round(slow.currentMs)} ms (${state})`,
    );
  }
  if (comparison.slowdowns.length > 10)
    lines.push(moreLine(comparison.slowdowns.length - 10, 'slower tests', run));
  for (const test of comparison.removed.slice(0, 5)) lines.push(`  - ${refLine(test)} (no longer ran)`);
  if (comparison.removed.length > 5)
    lines.push(moreLine(comparison.removed.length - 5, 'removed tests', run));
  return lines;
}

/** Failing tests, those new against the baseline first, then those new since the previous batch. */
function failuresInOrder(run: Run, comparisons: RunComparisons): Run['tests'] {
  const rank = (ids: TestRef[] | undefined) => new Set((ids ?? []).map((t) => t.id));
  const againstBaseline = rank(comparisons.baseline?.newFailures);
  const sincePrevious = rank(comparisons.previous?.newFailures);
  const order = (id: string) => (againstBaseline.has(id) ? 0 : sincePrevious.has(id) ? 1 : 2);
  return run.tests
    .filter((t) => t.status === 'failed')
    .map((test, index) => ({ test, index }))
    .sort((a, b) => order(a.test.id) - order(b.test.id) || a.index - b.index)
    .map((entry) => entry.test);
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

/** Prints what a finished run means: verdict, each failing test once, comparisons, notes, the counts line. */
export function printRunVerdict(printer: Printer, run: Run, comparisons: RunComparisons): void {
  printer.result(verdictLine(printer, run, comparisons));
  const failures = failuresInOrder(run, comparisons);
  for (const test of failures.slice(0, 10)) {
    const message = firstLine(test.message, 160);
    printer.info(`  ✗ ${refLine(test)}${message ? ` — ${message}` : ''}`);
  }
  if (failures.length > 10) printer.info(moreLine(failures.length - 10, 'failing tests', run));
  if (comparisons.previous) {
    const title = `against ${referenceName(comparisons.previous.reference)}`;
    for (const line of comparisonLines(comparisons.previous, title, run)) printer.info(line);
  }
  if (comparisons.baseline) {
    for (const line of comparisonLines(comparisons.baseline, 'against the baseline', run))
      printer.result(line);
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
  return (await judgeTestsFromCli(ctx, printer, options)).code;
}

/** runTestsFromCli with the run and its comparisons too, for what the caller does next (culprit: auto). */
export async function judgeTestsFromCli(
  ctx: Context,
  printer: Printer,
  options: RunFromCliOptions,
): Promise<{ code: number; run: Run; comparisons: RunComparisons }> {
  const run = await executeRunFromCli(ctx, printer, options);
  const comparisons = run.interrupted
    ? { previous: null, baseline: null }
    : await compareWithReferences(ctx, run);
  if (
    comparisons.baseline &&
    comparisons.baseline.slowdowns.length > 0 &&
    options.confirmSlowdowns !== false
  ) {
    const [{ confirmSlowdowns }, { readStoredBaseline }, { referenceTreeOf, scratchReference }] =
      await Promise.all([
        import('../core/runs/confirmSlowdowns.js'),
        import('../core/compare/runComparisons.js'),
        import('./referenceCheckout.js'),
      ]);
    const rule = { threshold: ctx.config.slowdownThreshold, minMs: ctx.config.slowdownMinMs };
    const reference = { tree: referenceTreeOf(await readStoredBaseline(ctx)), open: scratchReference(ctx) };
    comparisons.baseline = await confirmSlowdowns(ctx, run, comparisons.baseline, rule, reference);
    await writeRegressionsFile(ctx.ws.batchDir, comparisons.baseline);
  }
  const code = gatedExitCode(ctx, printer, run, runExitCode(run, comparisons));
  if (options.json === true) {
    printer.json(run);
    printer.result(runCountsLine(run));
    return { code, run, comparisons };
  }
  printRunVerdict(printer, run, comparisons);
  return { code, run, comparisons };
}
