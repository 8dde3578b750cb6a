import { mkdirSync } from 'node:fs';
import { testEnvironment } from '../../adapters/testEnvironment.js';
import { verdictOf } from '../compare/compareRuns.js';
import { measureSlowdown, type SlowdownRule } from '../compare/slowdownRule.js';
import type { Context } from '../context/context.js';
import type { Comparison } from '../model/comparisonModel.js';
import type { Run } from '../model/runModel.js';
import { readRunResults } from './readRunResults.js';
import { reporterOptions } from './reporterPaths.js';
import { runFromReport } from './runFromReport.js';
import { planRun } from './runPlan.js';

/** Runs the test command once more, narrowed to `files`, and returns each test's duration by id (nothing stored). */
async function durationsOfRerun(
  ctx: Context,
  run: Run,
  files: string[],
): Promise<Map<string, number | null>> {
  const rawDir = ctx.store.path('reports', 'raw');
  mkdirSync(rawDir, { recursive: true });
  const plan = planRun(ctx.config.testCommand ?? '', {
    root: ctx.ws.root,
    reportBase: `${rawDir}/run-${run.id}.confirm`,
    ...reporterOptions(ctx.env),
    inject: ctx.config.report === null,
    files,
  });
  const { runTestProcess } = await import('../../adapters/testProcess.js');
  const startedAt = Date.now() - 1000;
  const result = await runTestProcess({
    command: plan.command,
    cwd: ctx.ws.root,
    env: { ...testEnvironment(ctx.env, { color: false }), ...plan.env },
    timeoutMs: ctx.config.testTimeout,
    logFile: ctx.store.path('logs', `run-${run.id}.confirm.log`),
    ...(plan.stdoutIsReport && plan.report ? { stdoutFile: plan.report.path } : {}),
  });
  const results = await readRunResults({
    plan,
    configured: ctx.config.report,
    root: ctx.ws.root,
    startedAt,
    output: result.output,
    exitCode: result.exitCode,
  });
  const rerun = runFromReport(results.report, {
    root: ctx.ws.root,
    timestamp: new Date(result.startedAt).toISOString(),
    files: results.files,
    command: plan.command,
    exitCode: result.exitCode,
  });
  return new Map(rerun.tests.map((t) => [t.id, t.status === 'passed' ? t.durationMs : null]));
}

/**
 * DESIGN.md's "confirmed slowdown": the tests a comparison found slower run once more (narrowed to
 * their files, nothing stored, the tree untouched), and a slowdown is confirmed only when the test is
 * slower than the reference by the same rule again. The rest stay reported as unconfirmed, never an
 * exit 2. The exit code is worked out again from what is confirmed.
 */
export async function confirmSlowdowns(
  ctx: Context,
  run: Run,
  comparison: Comparison,
  rule: SlowdownRule,
): Promise<Comparison> {
  if (comparison.slowdowns.length === 0) return comparison;
  const fileOf = new Map(run.tests.map((t) => [t.id, t.file]));
  const files = [
    ...new Set(comparison.slowdowns.map((s) => fileOf.get(s.id)).filter((f): f is string => !!f)),
  ];
  if (files.length === 0 || run.pattern !== undefined) return comparison;
  ctx.logger.info(`re-running ${files.length} file(s) to confirm ${comparison.slowdowns.length} slowdown(s)`);
  const again = await durationsOfRerun(ctx, run, files);
  const slowdowns = comparison.slowdowns.map((slow) => {
    const ms = again.get(slow.id) ?? null;
    return { ...slow, confirmed: measureSlowdown(ms, slow.baselineMs, rule) !== null };
  });
  const exitCode = verdictOf({ newFailures: comparison.newFailures, slowdowns }, run);
  return { ...comparison, slowdowns, exitCode };
}
