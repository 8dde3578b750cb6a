import type { TestResult } from '../model/runModel.js';
import { capText } from './capText.js';

/**
 * How two results with the same id are combined: `retry` when one report lists the same test twice
 * (a runner's rerun, pytest's failure plus teardown error): a pass after a failure is a flaky pass;
 * `shard` when two report files both ran it: a failure anywhere wins.
 */
export type CombineMode = 'retry' | 'shard';

function bothFailed(a: TestResult, b: TestResult): TestResult {
  const stack = a.message === b.message ? a.stack : [a.stack, b.stack].filter((s) => s !== null).join('\n\n');
  const durations = [a.durationMs, b.durationMs].filter((d): d is number => d !== null);
  const merged: TestResult = {
    ...a,
    stack: stack === null || stack === '' ? null : capText(stack),
    durationMs: durations.length > 0 ? Math.max(...durations) : null,
  };
  if (a.kind === 'error' && b.kind !== 'error') delete merged.kind;
  return merged;
}

/** One result for a test reported twice (`earlier` first in report order), per the mode. */
export function combineResults(earlier: TestResult, later: TestResult, mode: CombineMode): TestResult {
  const [a, b] = [earlier, later];
  if (a.status === 'failed' && b.status === 'failed') return bothFailed(a, b);
  if (a.status === 'failed' && b.status === 'passed' && mode === 'retry') return { ...b, kind: 'flaky' };
  if (a.status === 'failed') return a;
  if (b.status === 'failed') return b;
  if (a.status === 'skipped') return b;
  return a;
}

/**
 * Results with duplicate ids folded into one each (first position kept), per the mode; a note names
 * every test that was folded, with the statuses seen.
 */
export function foldDuplicates(tests: TestResult[], mode: CombineMode, notes: string[]): TestResult[] {
  // the usual case, checked with one hash lookup per test: no id repeats
  const ids = new Set<string>();
  for (const test of tests) ids.add(test.id);
  if (ids.size === tests.length) return tests;
  const index = new Map<string, number>();
  const seen = new Map<string, string[]>();
  const out: TestResult[] = [];
  for (const test of tests) {
    const at = index.get(test.id);
    if (at === undefined) {
      index.set(test.id, out.length);
      out.push(test);
      continue;
    }
    const previous = out[at] as TestResult;
    const statuses = seen.get(test.id) ?? [previous.status];
    statuses.push(test.status);
    seen.set(test.id, statuses);
    out[at] = combineResults(previous, test, mode);
  }
  const maxNotes = 20;
  let listed = 0;
  for (const [id, statuses] of seen) {
    if (listed++ === maxNotes) {
      notes.push(`… and ${seen.size - maxNotes} more tests reported more than once`);
      break;
    }
    const kept = out[index.get(id) as number] as TestResult;
    const why = mode === 'shard' ? 'reported by several files' : 'reported more than once';
    notes.push(
      `${id}: ${why} (${statuses.join(', ')}); counted once as ${kept.status}${kept.kind === 'flaky' ? ' (flaky)' : ''}`,
    );
  }
  return out;
}
