import { mkdirSync, readdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { testEnvironment } from '../../adapters/testEnvironment.js';
import type { TestProcessResult } from '../../adapters/testProcess.js';
import type { Batch, SnapshotInfo } from '../model/batchModel.js';
import type { State } from '../model/state.js';
import type { Context } from '../context/context.js';
import { BatchError } from '../context/errors.js';
import { batchReportText } from '../format/batchReportText.js';
import { ProgressCounter, type RunProgress } from './progressCounter.js';
import { loadReportParsers, readRunResults } from './readRunResults.js';
import { writeRegressionsFile } from '../compare/regressionsFile.js';
import { locationFromStack } from '../reports/locationFromStack.js';
import { normalizeMessage } from '../reports/normalizeMessage.js';
import { compareWithReferences } from '../compare/runComparisons.js';
import { runFromReport } from './runFromReport.js';
import type { Run, TestResult } from '../model/runModel.js';
import { detectRunner } from './runnerDetect.js';
import { planRun, type RunPlan } from './runPlan.js';
import { reporterOptions } from './reporterPaths.js';
import { saveState, withState } from '../state/session.js';
import { stageSnapshot, takeSnapshot } from '../snapshot/snapshot.js';
import { treeChanges } from '../snapshot/treeChanges.js';
import { notifyRunStored } from './runStoredHook.js';

export interface RunTestsOptions {
  /** The batch the run is attributed to. */
  batchId: number;
  /** The run id reserved when the batch completed; a new one is taken otherwise. */
  runId?: number;
  /** `-p GLOB`: narrow the run to matching test files. */
  pattern?: string;
  /** Aborting ends the test process tree; the run is recorded as interrupted. */
  signal?: AbortSignal;
  /** Every chunk of the command's output, as it arrives; false pauses it until `whenDrained`. */
  onOutput?: (chunk: Buffer) => boolean | void;
  whenDrained?: () => Promise<void>;
  /** Called as tests finish (where the output shows them). */
  onProgress?: (progress: RunProgress) => void;
  /** Called once the command is planned, before it starts. */
  onStart?: (info: { runId: number; command: string; via: string }) => void;
  /** Whether the output ends on a terminal (the runner is then asked for colour). */
  color?: boolean;
}

/** Removes what an earlier run with the same id left in `.batch/reports/raw/` (after a reset). */
function clearRawReports(dir: string, runId: number): void {
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(dir)) {
    if (name.startsWith(`run-${runId}.`)) unlinkSync(`${dir}/${name}`);
  }
}

/** go test -json on stdout: the person sees the text inside its `output` events. */
function goDisplayLine(line: string): string | null {
  if (!line.startsWith('{')) return `${line}\n`;
  try {
    const event = JSON.parse(line) as { Action?: string; Output?: string };
    if (event.Action === 'output' || event.Action === 'build-output') return event.Output ?? null;
    return null;
  } catch {
    return `${line}\n`;
  }
}

interface Prepared {
  runId: number;
  snapshot: SnapshotInfo;
  /** State as saved before the run, and the file of the batch under test: put back if the run deletes `.batch/`. */
  state: State;
  batch: Batch | null;
}

/**
 * Takes the run id and a snapshot of the tree the tests will see (lock held briefly, not during the
 * run). It is all done before the test process starts: runners that walk the tree for test files
 * (node 20's `node --test` goes into `.batch/` too) fail on a file that vanishes under them, and the
 * lock, the state's temp file and git's index lock all do.
 */
function prepare(ctx: Context, options: RunTestsOptions): Promise<Prepared> {
  return withState(ctx, 'test', async (state) => {
    let runId = options.runId;
    if (runId === undefined) runId = state.nextRunId++;
    else if (runId >= state.nextRunId) state.nextRunId = runId + 1;
    const snapshot = await takeSnapshot(
      ctx.git,
      ctx.ws,
      state.lastSnapshot,
      { op: 'test', batch: options.batchId, note: `tree tested by run ${runId}` },
      ctx.clock.now(),
    );
    state.lastSnapshot = snapshot;
    await saveState(ctx, state);
    const batch = options.batchId === null ? null : ctx.store.readBatch<Batch>(options.batchId);
    return { runId, snapshot, state: structuredClone(state), batch };
  });
}

function cannotStart(command: string, result: TestProcessResult): BatchError | null {
  if (result.timedOut || result.interrupted) return null;
  if (result.spawnError !== null) {
    return new BatchError(`the test command could not start: ${result.spawnError}`, {
      hint: 'check testCommand in .batchrc and that a shell (/bin/sh) is available',
    });
  }
  const tail = result.output.slice(-2000);
  if (
    (result.exitCode === 127 && /not found|No such file/i.test(tail)) ||
    (result.exitCode === 126 && /permission denied|cannot execute/i.test(tail))
  ) {
    const said = tail.trim().split('\n').pop() ?? '';
    return new BatchError(`the test command could not start: ${said}`, {
      hint: `check testCommand in .batchrc (now \`${command}\`): is the program installed and on PATH, or should it be \`npx …\`? Try it by hand in the worktree root`,
    });
  }
  return null;
}

function timeoutFailure(ms: number): TestResult {
  const seconds = Math.round(ms / 100) / 10;
  return {
    id: 'batch::timeout',
    name: `timed out after ${seconds} s`,
    suite: '',
    file: null,
    line: null,
    status: 'failed',
    kind: 'error',
    durationMs: ms,
    message: `the test command ran longer than testTimeout (${seconds} s) and was ended with its whole process tree`,
    stack: null,
  };
}

function exitFailure(command: string, exitCode: number): TestResult {
  return {
    id: 'batch::exit-code',
    name: `${command} exited with code ${exitCode}`,
    suite: '',
    file: null,
    line: null,
    status: 'failed',
    kind: 'error',
    durationMs: null,
    message: `the report lists no failing test, but the command exited with code ${exitCode} (an error outside the tests, a hook, a coverage threshold…)`,
    stack: null,
  };
}

/**
 * One meaning for `file:line`, whatever the runner: a failed test's line is the frame of its stack in
 * its own file (the failing assertion), its declaration kept as `declaredAt`; where the format had
 * no location, the stack's. Messages with volatile parts normalised.
 */
function refine(test: TestResult, root: string): TestResult {
  let { file, line } = test;
  let declaredAt: number | undefined;
  if (test.status === 'failed') {
    const found = locationFromStack(`${test.stack ?? ''}\n${test.message ?? ''}`, root, file);
    if (found && line === null && (file === null || found.file === file)) ({ file, line } = found);
    else if (found && line !== null && found.file === file && found.line !== line) {
      declaredAt = line;
      line = found.line;
    }
  }
  const message = test.message === null ? null : normalizeMessage(test.message, root) || test.message;
  return { ...test, file, line, ...(declaredAt !== undefined ? { declaredAt } : {}), message };
}

function buildRun(
  ctx: Context,
  plan: RunPlan,
  prepared: Prepared,
  options: RunTestsOptions,
  result: TestProcessResult,
  results: Awaited<ReturnType<typeof readRunResults>>,
): Run {
  const command = ctx.config.testCommand ?? '';
  const report = { ...results.report, tests: results.report.tests.map((t) => refine(t, ctx.ws.root)) };
  if (report.counts) report.counts = { ...report.counts };
  const partial = report.format === 'exit-code' || result.timedOut || result.interrupted;
  if (result.timedOut) {
    report.tests.push(timeoutFailure(ctx.config.testTimeout));
    if (report.counts) report.counts.failed += 1;
  } else if (!result.interrupted && result.exitCode !== 0 && report.format !== 'exit-code') {
    const anyFailed = report.tests.some((t) => t.status === 'failed') || (report.counts?.failed ?? 0) > 0;
    if (!anyFailed && result.exitCode !== null) {
      report.tests.push(exitFailure(command, result.exitCode));
      if (report.counts) report.counts.failed += 1;
    }
  }
  const run = runFromReport(report, {
    root: ctx.ws.root,
    timestamp: new Date(result.startedAt).toISOString(),
    files: results.files,
    id: prepared.runId,
    batchId: options.batchId,
    commit: prepared.snapshot.head,
    snapshot: prepared.snapshot.commit,
    command,
    exitCode: result.exitCode,
  });
  // Without every test's result, tests missing from this run must not read as removed.
  if (partial) run.source.granularity = 'summary';
  if (options.pattern && plan.narrowed) run.pattern = options.pattern;
  run.durationMs = Math.round(result.durationMs);
  run.timedOut = result.timedOut;
  run.interrupted = result.interrupted;
  if (result.interrupted || result.timedOut) run.success = false;
  const notes = [...results.notes, ...run.notes];
  if (plan.noReportReason && run.source.format !== 'exit-code') notes.unshift(plan.noReportReason);
  if (!plan.narrowed)
    notes.push(`-p ${options.pattern ?? ''} could not be passed to the runner: all tests ran`);
  if (result.outputCut > 0)
    notes.push(`the output was ${result.outputBytes} bytes; the log keeps its head and tail`);
  if (result.interrupted) notes.push('interrupted: the run was stopped before it finished (Ctrl-C)');
  run.notes = [...new Set(notes)];
  return run;
}

/**
 * A test command that deleted `.batch/` (or its state.json) would leave a fresh state that `status` and
 * `log` disagree with: the state and the tested batch's file are put back from before the run, and
 * what is gone for good is said.
 */
async function putBackDeletedState(ctx: Context, prepared: Prepared): Promise<void> {
  if (ctx.store.exists()) return;
  ctx.store.ensureDirs();
  await ctx.store.writeState(prepared.state);
  if (prepared.batch) ctx.store.writeBatch(prepared.batch);
  ctx.logger.warn(
    `the test command deleted ${ctx.store.path('state.json')}: batch put back its state${prepared.batch ? ` and batch ${prepared.batch.id}'s file` : ''}; other files it deleted in .batch/ (earlier batches, runs, the baseline) are gone, their snapshots are still under refs/batch/. Keep .batch/ out of what the tests clean up`,
  );
}

/** After the run: staleness, then the run, the last-run documents, the batch report (lock held briefly). */
async function store(ctx: Context, run: Run, prepared: Prepared): Promise<Run> {
  await putBackDeletedState(ctx, prepared);
  const before = prepared.snapshot;
  return withState(ctx, 'test', async (state) => {
    const after = await stageSnapshot(ctx.git, ctx.ws);
    const report = ctx.config.report;
    const reportFile = report
      ? relative(ctx.ws.root, resolve(ctx.ws.root, report.path)).split(sep).join('/')
      : null;
    const changes = await treeChanges(ctx.git, before.tree, after, reportFile ? [reportFile] : []);
    if (changes.changed.length > 0) {
      run.stale = true;
      const shown = changes.changed.slice(0, 5).join(', ');
      const more = changes.changed.length > 5 ? ` and ${changes.changed.length - 5} more` : '';
      run.notes.push(`stale: the working tree changed while the tests ran (${shown}${more})`);
    }
    ctx.store.writeRun(run);
    ctx.store.writeDocument('ci_test_results.json', run);
    await notifyRunStored(ctx, run);
    if (state.lastRunId === null || run.id >= state.lastRunId) state.lastRunId = run.id;
    await saveState(ctx, state);
    const batch =
      ctx.store.readBatch<Batch>(run.batchId ?? 0) ??
      (state.currentBatch.id === run.batchId ? state.currentBatch : null);
    const comparisons = await compareWithReferences(ctx, run);
    const regression = comparisons.baseline ?? comparisons.previous;
    if (regression && !run.interrupted) await writeRegressionsFile(ctx.ws.batchDir, regression);
    if (run.batchId !== null) {
      ctx.store.writeText(`reports/batch-${run.batchId}.txt`, batchReportText({ run, batch, comparisons }));
    }
    return run;
  });
}

/** A test process started for a run: its plan, the earliest date its report files may have, its end. */
interface Launched {
  plan: RunPlan;
  notBefore: number;
  running: Promise<TestProcessResult>;
}

/** Plans the command for run `runId` (runner, report file) and starts it in its own process group. */
async function launch(
  ctx: Context,
  options: RunTestsOptions,
  how: { testCommand: string; files: string[]; debug: (message: string) => void },
  runId: number,
  processModule: Promise<typeof import('../../adapters/testProcess.js')>,
): Promise<Launched> {
  const rawDir = ctx.store.path('reports', 'raw');
  clearRawReports(rawDir, runId);
  const plan = planRun(how.testCommand, {
    root: ctx.ws.root,
    reportBase: `${rawDir}/run-${runId}`,
    ...reporterOptions(ctx.env),
    inject: ctx.config.report === null,
    files: how.files,
  });
  how.debug(`run ${runId}: starting`);
  ctx.logger.debug(`running ${plan.command} (runner: ${plan.runner ?? 'unknown'}, via ${plan.via})`);
  options.onStart?.({ runId, command: plan.command, via: plan.via });
  // The file system's own clock dates report files: a marker written now is what they must not predate.
  const marker = `${rawDir}/run-${runId}.start`;
  writeFileSync(marker, '');
  const notBefore = statSync(marker).mtimeMs;
  const { runTestProcess } = await processModule;
  const counter = new ProgressCounter();
  const started = ctx.clock.monotonicMs();
  const running = runTestProcess({
    command: plan.command,
    cwd: ctx.ws.root,
    env: { ...testEnvironment(ctx.env, { color: options.color === true }), ...plan.env },
    timeoutMs: ctx.config.testTimeout,
    logFile: ctx.store.path('logs', `run-${runId}.log`),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(plan.stdoutIsReport && plan.report
      ? { stdoutFile: plan.report.path, displayLine: goDisplayLine }
      : {}),
    ...(options.whenDrained ? { whenDrained: options.whenDrained } : {}),
    onOutput: (chunk) => {
      if (options.onProgress) {
        counter.push(chunk.toString('utf8'));
        options.onProgress(counter.progress(ctx.clock.monotonicMs() - started));
      }
      return options.onOutput?.(chunk);
    },
  });
  return { plan, notBefore, running };
}

/**
 * Runs the test command for a batch: plans it (runner recognised, a report asked for), runs it in
 * its own process group with the timeout, reads per-test results from the best source, and stores
 * `runs/<id>.json`, `ci_test_results.json`, `state.lastRunId` and `reports/batch-<id>.txt`. The lock
 * is held only before and after the run. Throws BatchError (exit 3) when no test command is set or
 * the command cannot start; an interrupted run is stored with `interrupted: true` and returned.
 */
/** How many times a run that the runner's file walk stopped (lostInTheWalk) is started again. */
const WALK_RETRIES = 2;

/**
 * node 20's `node --test`, given no paths, walks the whole worktree (every folder but node_modules,
 * `.git` included) and stops before any test when a file it listed is gone by the time it looks at
 * it: "Could not find '<path>'", exit 1. batch's lock and agent queue under git's folder, and git's own
 * object and lock files, come and go there while tests run beside a recording. Such a run says
 * nothing about the tests; the path is returned when that is what ended it (null otherwise).
 */
export function lostInTheWalk(
  output: string,
  exitCode: number | null,
  ws: { gitDir: string; commonDir: string; transientDir: string; batchDir: string },
): string | null {
  if (exitCode !== 1) return null;
  const path = /^Could not find '(.+)'$/m.exec(output)?.[1];
  if (path === undefined) return null;
  const inside = (dir: string) => path === dir || path.startsWith(`${dir.replace(/\/+$/, '')}/`);
  return [ws.gitDir, ws.commonDir, ws.transientDir, ws.batchDir].some(inside) ? path : null;
}

export async function runTests(ctx: Context, options: RunTestsOptions): Promise<Run> {
  const testCommand = ctx.config.testCommand;
  if (!testCommand) {
    throw new BatchError('no test command is configured', {
      hint: 'set one with `batch init --test-command "npm test"` (or testCommand in .batchrc)',
    });
  }
  // execa loads while the lock is taken and the tree snapshotted.
  const processModule = import('../../adapters/testProcess.js');
  const t0 = ctx.clock.monotonicMs();
  const elapsed = () => `${Math.round(ctx.clock.monotonicMs() - t0)} ms`;
  const runner = detectRunner(testCommand, ctx.ws.root).runner;
  const files = options.pattern
    ? await (await import('./testFiles.js')).testFilesFor(options.pattern, ctx.ws.root, runner)
    : [];
  const prepared = await prepare(ctx, options);
  ctx.logger.debug(`run ${prepared.runId}: tree snapshotted at ${elapsed()}`);
  const how = { testCommand, files, debug: (m: string) => ctx.logger.debug(`${m} at ${elapsed()}`) };
  let launched = await launch(ctx, options, how, prepared.runId, processModule);
  // The parsers load while the tests run, once the runner is past its own start-up: on two cores
  // compiling them at once would slow that start-up down. A run that ends sooner loads them then.
  const preload = setTimeout(() => void loadReportParsers(), 300);
  preload.unref();
  let result = await launched.running;
  for (let again = 1; again <= WALK_RETRIES; again++) {
    const lost = lostInTheWalk(result.output, result.exitCode, ctx.ws);
    if (lost === null || options.signal?.aborted) break;
    ctx.logger.info(
      `the test runner stopped before any test: ${lost} was removed while it listed the tree; running it again`,
    );
    launched = await launch(ctx, options, how, prepared.runId, processModule);
    result = await launched.running;
  }
  clearTimeout(preload);
  const { plan: runPlan, notBefore } = launched;
  ctx.logger.debug(`test command ended at ${elapsed()} (exit ${result.exitCode ?? result.signal ?? '?'})`);
  const refused = cannotStart(testCommand, result);
  if (refused) throw refused;
  const results = await readRunResults({
    plan: runPlan,
    configured: ctx.config.report,
    root: ctx.ws.root,
    startedAt: Math.min(notBefore, result.startedAt),
    output: result.output,
    exitCode: result.exitCode,
  });
  const run = buildRun(ctx, runPlan, prepared, options, result, results);
  ctx.logger.debug(`results read at ${elapsed()}`);
  const stored = await store(ctx, run, prepared);
  ctx.logger.debug(`run ${run.id} stored at ${elapsed()}`);
  return stored;
}
