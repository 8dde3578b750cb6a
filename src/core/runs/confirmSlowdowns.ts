import { mkdirSync } from 'node:fs';
import { testEnvironment } from '../../adapters/testEnvironment.js';
import { compareMessages } from '../compare/compareMessages.js';
import { verdictOf } from '../compare/compareRuns.js';
import { measureSlowdown, type SlowdownRule } from '../compare/slowdownRule.js';
import type { Context } from '../context/context.js';
import type { Comparison, Slowdown } from '../model/comparisonModel.js';
import type { Run } from '../model/runModel.js';
import { readRunResults } from './readRunResults.js';
import { reporterOptions } from './reporterPaths.js';
import { runFromReport } from './runFromReport.js';
import { planRun } from './runPlan.js';

/** A checkout of the reference run's tree that tests can run in, held until `release`. */
export interface ReferenceCheckout {
  /** The folder holding the reference tree (the culprit search's scratch worktree). */
  root: string;
  release(): void;
}

/**
 * Checks the reference tree out where tests can run without touching the user's tree, index or refs;
 * null when that tree is not at hand (not in this repository, or the scratch worktree is busy), with
 * the reason. Given by the caller: the scratch worktree is bisect's, a room above this one.
 */
export type OpenReference = (tree: string) => Promise<ReferenceCheckout | { unavailable: string }>;

/** How many times the slow tests run on each tree when the reference tree is at hand, alternately. */
export const INTERLEAVED_ROUNDS = 2;

/** Runs the test command once more in `root`, narrowed to `files`, and returns each test's duration by id (nothing stored). */
async function durationsOfRerun(
  ctx: Context,
  run: Run,
  files: string[],
  root: string,
  label: string,
): Promise<Map<string, number | null>> {
  const rawDir = ctx.store.path('reports', 'raw');
  mkdirSync(rawDir, { recursive: true });
  const plan = planRun(ctx.config.testCommand ?? '', {
    root,
    reportBase: `${rawDir}/run-${run.id}.${label}`,
    ...reporterOptions(ctx.env),
    inject: ctx.config.report === null,
    files,
  });
  const { runTestProcess } = await import('../../adapters/testProcess.js');
  const startedAt = Date.now() - 1000;
  const result = await runTestProcess({
    command: plan.command,
    cwd: root,
    env: { ...testEnvironment(ctx.env, { color: false }), ...plan.env },
    timeoutMs: ctx.config.testTimeout,
    logFile: ctx.store.path('logs', `run-${run.id}.${label}.log`),
    ...(plan.stdoutIsReport && plan.report ? { stdoutFile: plan.report.path } : {}),
  });
  const results = await readRunResults({
    plan,
    configured: ctx.config.report,
    root,
    startedAt,
    output: result.output,
    exitCode: result.exitCode,
  });
  const rerun = runFromReport(results.report, {
    root,
    timestamp: new Date(result.startedAt).toISOString(),
    files: results.files,
    command: plan.command,
    exitCode: result.exitCode,
  });
  return new Map(rerun.tests.map((t) => [t.id, t.status === 'passed' ? t.durationMs : null]));
}

/** What the re-runs said of each slowdown, and the note that says how it was confirmed. */
interface Confirmation {
  confirmed: (slow: Slowdown) => boolean;
  note: string;
}

/** The slow tests re-run on this tree only, measured against the reference run's recorded times. */
async function againstRecorded(
  ctx: Context,
  run: Run,
  files: string[],
  rule: SlowdownRule,
  why: string,
): Promise<Confirmation> {
  const again = await durationsOfRerun(ctx, run, files, ctx.ws.root, 'confirm');
  return {
    confirmed: (slow) => measureSlowdown(again.get(slow.id) ?? null, slow.baselineMs, rule) !== null,
    note: compareMessages.slowdownsAgainstRecorded(why),
  };
}

/**
 * The slow tests re-run alternately on the reference tree and on this one, INTERLEAVED_ROUNDS times
 * each: confirmed only when this tree is slower than the reference by the rule in every round, so a
 * machine that got slower for everyone confirms nothing.
 */
async function interleaved(
  ctx: Context,
  run: Run,
  files: string[],
  rule: SlowdownRule,
  reference: ReferenceCheckout,
): Promise<Confirmation> {
  const rounds: Array<{ reference: Map<string, number | null>; current: Map<string, number | null> }> = [];
  try {
    for (let round = 1; round <= INTERLEAVED_ROUNDS; round++) {
      const before = await durationsOfRerun(ctx, run, files, reference.root, `confirm-reference-${round}`);
      const now = await durationsOfRerun(ctx, run, files, ctx.ws.root, `confirm-${round}`);
      rounds.push({ reference: before, current: now });
    }
  } finally {
    reference.release();
  }
  return {
    confirmed: (slow) =>
      rounds.every(
        (r) =>
          measureSlowdown(r.current.get(slow.id) ?? null, r.reference.get(slow.id) ?? null, rule) !== null,
      ),
    note: compareMessages.slowdownsInterleaved(INTERLEAVED_ROUNDS),
  };
}

/**
 * DESIGN.md's "confirmed slowdown": the tests a comparison found slower run again (narrowed to their
 * files, nothing stored, the user's tree untouched). Where the reference run's tree is at hand
 * (`referenceTree`, checked out by `openReference` in a scratch worktree), they run alternately there
 * and here, and a slowdown is confirmed only when this tree is slower by the rule every time;
 * otherwise they run once here and must be slower than the reference's recorded time again. The rest
 * stay reported as unconfirmed, never an exit 2. The exit code is worked out again from what is confirmed.
 */
export async function confirmSlowdowns(
  ctx: Context,
  run: Run,
  comparison: Comparison,
  rule: SlowdownRule,
  reference: { tree: string | null; open: OpenReference } | null = null,
): Promise<Comparison> {
  if (comparison.slowdowns.length === 0) return comparison;
  const fileOf = new Map(run.tests.map((t) => [t.id, t.file]));
  const files = [
    ...new Set(comparison.slowdowns.map((s) => fileOf.get(s.id)).filter((f): f is string => !!f)),
  ];
  if (files.length === 0 || run.pattern !== undefined) return comparison;
  ctx.logger.info(`re-running ${files.length} file(s) to confirm ${comparison.slowdowns.length} slowdown(s)`);
  let confirmation: Confirmation;
  const checkout =
    reference === null
      ? { unavailable: 'no reference tree was given' }
      : reference.tree === null
        ? { unavailable: 'the reference run names no tree' }
        : await reference.open(reference.tree);
  if ('unavailable' in checkout) {
    confirmation = await againstRecorded(ctx, run, files, rule, checkout.unavailable);
  } else {
    confirmation = await interleaved(ctx, run, files, rule, checkout);
  }
  const slowdowns = comparison.slowdowns.map((slow) => ({
    ...slow,
    confirmed: confirmation.confirmed(slow),
  }));
  const exitCode = verdictOf({ newFailures: comparison.newFailures, slowdowns }, run);
  return { ...comparison, slowdowns, exitCode, notes: [...comparison.notes, confirmation.note] };
}
