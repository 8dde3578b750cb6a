/** Sorts every test of a run against a reference run: the heart of `batch compare` and of each batch's report. */
import type { Comparison, ComparisonTotals, FlakyRef, TestRef } from '../model/comparisonModel.js';
import { toTestRef } from '../model/comparisonModel.js';
import { compareMessages } from './compareMessages.js';
import { matchTests } from './matchTests.js';
import type { Run, TestResult } from '../model/runModel.js';
import { measureSlowdown, type SlowdownRule } from './slowdownRule.js';

export interface CompareOptions extends SlowdownRule {
  /** Ids of tests known to be flaky: their new failures are listed as flaky, never as regressions. */
  knownFlaky?: ReadonlySet<string>;
  reference: Comparison['reference'];
}

type Lists = Omit<
  Comparison,
  'exitCode' | 'reference' | 'runSlowdown' | 'totals' | 'referenceTotals' | 'notes'
>;

function emptyLists(): Lists {
  return {
    newFailures: [],
    stillFailing: [],
    fixed: [],
    added: [],
    removed: [],
    slowdowns: [],
    flaky: [],
    nowSkipped: [],
    unskippedFailures: [],
  };
}

function flakyRef(test: TestResult, reason: FlakyRef['reason']): FlakyRef {
  return { ...toTestRef(test), reason };
}

/** Files one test present in both runs into its list. */
function classifyPair(
  current: TestResult,
  reference: TestResult,
  lists: Lists,
  options: CompareOptions,
): void {
  const was = reference.status;
  const now = current.status;
  if (now === 'failed') {
    if (was === 'passed' && options.knownFlaky?.has(current.id) === true) {
      lists.flaky.push(flakyRef(current, 'known-flaky'));
    } else if (was === 'passed') lists.newFailures.push(toTestRef(current));
    else if (was === 'failed') lists.stillFailing.push(toTestRef(current));
    else lists.unskippedFailures.push(toTestRef(current));
    return;
  }
  if (now === 'skipped') {
    if (was !== 'skipped') lists.nowSkipped.push(toTestRef(current));
    return;
  }
  if (current.kind === 'flaky') lists.flaky.push(flakyRef(current, 'runner-retried'));
  if (was === 'failed') lists.fixed.push(toTestRef(current));
  if (was !== 'passed') return;
  const slow = measureSlowdown(current.durationMs, reference.durationMs, options);
  if (slow !== null) lists.slowdowns.push({ id: current.id, name: current.name, ...slow, confirmed: false });
}

function totalsOf(run: Run): ComparisonTotals {
  const { total, passed, failed, skipped, xfailed, xpassed, durationMs } = run;
  return {
    total,
    passed,
    failed,
    skipped,
    ...(xfailed ? { xfailed } : {}),
    ...(xpassed ? { xpassed } : {}),
    durationMs,
  };
}

function byId<T extends { id: string }>(items: T[]): T[] {
  return items.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The exit code DESIGN.md gives a compared run: 2 for a new failure or a confirmed slowdown, else 1
 * when anything failed (or the command failed with no test to show for it), else 0. A slowdown is
 * confirmed only once its tests ran again and were slow again (runs/confirmSlowdowns.ts): one slow
 * run on a busy machine is reported, never a regression. A slowdown of the whole run alone never makes
 * 2: its duration also measures the machine (research/reports.md §5.4).
 */
export function verdictOf(
  lists: Pick<Comparison, 'newFailures' | 'slowdowns'>,
  current: Pick<Run, 'failed' | 'success'>,
): 0 | 1 | 2 {
  if (lists.newFailures.length > 0 || lists.slowdowns.some((s) => s.confirmed)) return 2;
  return current.failed > 0 || !current.success ? 1 : 0;
}

/**
 * Compares `current` with `reference`, matching tests by id: new failures (passed → failed), still
 * failing, fixed, added, removed, slowdowns, and the whole run's slowdown. Pure and deterministic: every
 * list is sorted by id. When a report named only its failing tests, the missing ones are not guessed at.
 */
export function compareRuns(current: Run, reference: Run, options: CompareOptions): Comparison {
  const lists = emptyLists();
  const notes: string[] = [];
  const currentPartial = current.source.granularity === 'summary';
  const referencePartial = reference.source.granularity === 'summary';
  const { matched, unmatchedCurrent, unmatchedReference } = matchTests(current.tests, reference.tests);
  for (const { current: test, reference: other } of matched) classifyPair(test, other, lists, options);
  for (const test of unmatchedCurrent) {
    if (!referencePartial) lists.added.push(toTestRef(test));
    // The reference named every test that failed there, so this one did not fail: count it as passed.
    else if (test.status === 'failed')
      classifyPair(test, { ...test, status: 'passed', durationMs: null }, lists, options);
  }
  for (const test of unmatchedReference) {
    if (!currentPartial) lists.removed.push(toTestRef(test));
    else if (test.status === 'failed') lists.fixed.push(toTestRef(test));
  }
  if (referencePartial) notes.push(compareMessages.referenceNamesFailuresOnly);
  if (currentPartial) notes.push(compareMessages.currentNamesFailuresOnly);
  if (current.total === 0) notes.push(compareMessages.noTestResults);
  for (const list of Object.values(lists) as Array<Array<{ id: string }>>) byId(list);
  const whole = measureSlowdown(
    current.durationMs,
    reference.durationMs > 0 ? reference.durationMs : null,
    options,
  );
  return {
    exitCode: verdictOf(lists, current),
    reference: options.reference,
    ...lists,
    runSlowdown: whole,
    totals: totalsOf(current),
    referenceTotals: totalsOf(reference),
    notes,
  };
}

/**
 * Moves the new failures that passed when run again (`passedOnRetry.get(id) === true`) to `flaky`:
 * a failure that does not reproduce on the same code is never a regression, so it never makes exit 2.
 */
export function applyRetries(
  comparison: Comparison,
  passedOnRetry: ReadonlyMap<string, boolean>,
): Comparison {
  const stillNew: TestRef[] = [];
  const flaky: FlakyRef[] = [...comparison.flaky];
  for (const test of comparison.newFailures) {
    if (passedOnRetry.get(test.id) === true) flaky.push({ ...test, reason: 'passed-on-retry' });
    else stillNew.push(test);
  }
  const lists = { newFailures: stillNew, slowdowns: comparison.slowdowns };
  const failedBefore = comparison.totals.failed > 0 || comparison.exitCode !== 0;
  const exitCode = verdictOf(lists, { failed: failedBefore ? 1 : 0, success: true });
  return { ...comparison, newFailures: stillNew, flaky: byId(flaky), exitCode };
}

/** `compareRuns`, then `applyRetries`: what `compare --retries N` reports once the new failures ran again. */
export function compareWithRetries(
  current: Run,
  reference: Run,
  options: CompareOptions,
  passedOnRetry: ReadonlyMap<string, boolean>,
): Comparison {
  return applyRetries(compareRuns(current, reference, options), passedOnRetry);
}
