import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { testEnvironment } from '../../adapters/testEnvironment.js';
import type { Context } from '../context/context.js';
import { BatchError } from '../context/errors.js';
import type { TestResult, TestStatus } from '../model/runModel.js';
import { readRunResults } from './readRunResults.js';
import { planRun } from './runPlan.js';
import { reporterOptions } from './reporterPaths.js';
import type { NamedTest } from './testSelection.js';

/** A test a probe asks about: its id (as runs store it), name, suite and file. */
export type ProbeTest = NamedTest & { id: string };

export interface ProbeRequest {
  /** The folder the tests run in (the scratch worktree, or the user's tree for `batch probe`). */
  root: string;
  /** Another path to `root` outside git's directory (the scratch worktree's), for jest's discovery. */
  rootAlias?: string;
  tests: readonly ProbeTest[];
  /** Extra files to narrow to (test files `-p` named); the tests' own files are always passed. */
  files?: readonly string[];
  /** Where the probe's report and log go (under git's own directory). */
  workDir: string;
  signal?: AbortSignal;
}

/** What one probe run said: each asked test's status, or null when the run did not report it. */
export interface ProbeOutcome {
  statuses: Map<string, TestStatus | null>;
  /** The asked tests the run reported, with their status (missing ones are absent). */
  found: Map<string, TestStatus>;
  /** How many tests failed in the whole run. */
  failedTotal: number;
  /** How many tests the runner ran (what the narrowing left). */
  ran: number;
  /** `name` (files and names), `file` (files only) or `none` (the whole suite ran). */
  narrowing: 'name' | 'file' | 'none';
  /** The run produced per-test results at all. */
  reported: boolean;
  interrupted: boolean;
  command: string;
}

let probeCount = 0;

/**
 * Runs the test command on `root`, narrowed to the asked tests by the runner's own selection (their
 * files, and their names where it takes names), and reads each asked test's status. Stores no run
 * and takes no snapshot: a probe writes only its report and log under `workDir`.
 */
export async function probeRun(ctx: Context, request: ProbeRequest): Promise<ProbeOutcome> {
  const testCommand = ctx.config.testCommand;
  if (!testCommand) {
    throw new BatchError('no test command is configured', {
      hint: 'set one with `batch init --test-command "npm test"` (or testCommand in .batchrc)',
    });
  }
  mkdirSync(request.workDir, { recursive: true });
  const base = join(request.workDir, `probe-${randomBytes(4).toString('hex')}-${++probeCount}`);
  const files = [
    ...new Set([...request.tests.flatMap((t) => (t.file ? [t.file] : [])), ...(request.files ?? [])]),
  ];
  const plan = planRun(testCommand, {
    root: request.root,
    ...(request.rootAlias ? { rootAlias: request.rootAlias } : {}),
    reportBase: base,
    ...reporterOptions(ctx.env),
    inject: ctx.config.report === null,
    files: request.tests.some((t) => t.file === null) ? [...(request.files ?? [])] : files,
    names: request.tests,
  });
  writeFileSync(`${base}.start`, '');
  const notBefore = statSync(`${base}.start`).mtimeMs;
  const { runTestProcess } = await import('../../adapters/testProcess.js');
  const result = await runTestProcess({
    command: plan.command,
    cwd: request.root,
    env: { ...testEnvironment(ctx.env, { color: false }), ...plan.env },
    timeoutMs: ctx.config.testTimeout,
    logFile: `${base}.log`,
    ...(request.signal ? { signal: request.signal } : {}),
    ...(plan.stdoutIsReport && plan.report ? { stdoutFile: plan.report.path } : {}),
  });
  if (result.spawnError !== null || result.exitCode === 127) {
    throw new BatchError(`the test command could not start: ${result.spawnError ?? 'command not found'}`, {
      hint: `check testCommand in .batchrc (now \`${testCommand}\`)`,
    });
  }
  const { report } = await readRunResults({
    plan,
    configured: ctx.config.report,
    // jest found the tests through the alias (see runPlan's jestRoots): its report names them so.
    root: plan.runner === 'jest' && request.rootAlias ? request.rootAlias : request.root,
    startedAt: Math.min(notBefore, result.startedAt),
    output: result.output,
    exitCode: result.exitCode,
  });
  for (const suffix of ['.start', '.log']) rmSync(`${base}${suffix}`, { force: true });
  if (plan.report) rmSync(plan.report.path, { force: true });
  const asked = new Set(request.tests.map((t) => t.id));
  return {
    statuses: statusesOf(request.tests, report.tests, report.format !== 'exit-code'),
    found: new Map(report.tests.filter((t) => asked.has(t.id)).map((t) => [t.id, t.status])),
    failedTotal: report.counts
      ? report.counts.failed
      : report.tests.filter((t) => t.status === 'failed').length,
    // Tests a name filter left out are reported as skipped by some runners: they did not run.
    ran: report.counts
      ? report.counts.passed + report.counts.failed
      : report.tests.filter((t) => t.status !== 'skipped').length,
    narrowing: plan.namesNarrowed ? 'name' : files.length > 0 && plan.narrowed ? 'file' : 'none',
    reported: report.format !== 'exit-code',
    interrupted: result.interrupted,
    command: plan.command,
  };
}

function statusesOf(
  asked: readonly ProbeTest[],
  found: readonly TestResult[],
  reported: boolean,
): Map<string, TestStatus | null> {
  const byId = new Map(found.map((t) => [t.id, t.status]));
  const statuses = new Map<string, TestStatus | null>();
  for (const test of asked) {
    const status = byId.get(test.id);
    // A test missing from a complete report did not pass here (its file or the test is gone).
    statuses.set(test.id, status ?? (reported && found.length > 0 ? 'failed' : null));
  }
  return statuses;
}
