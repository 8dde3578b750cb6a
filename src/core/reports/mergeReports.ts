import type { ParsedReport, TestResult } from '../model/runModel.js';
import { foldDuplicates } from './combineResults.js';

function counted(report: ParsedReport): { passed: number; failed: number; skipped: number } {
  if (report.counts !== null) return report.counts;
  const count = (status: TestResult['status']) => report.tests.filter((t) => t.status === status).length;
  return { passed: count('passed'), failed: count('failed'), skipped: count('skipped') };
}

/**
 * One report from several (CI shards, one file per test class): tests concatenated in order; a test
 * in two files is kept once, a failure anywhere winning, with a note. Counts are summed when any
 * report gives only counts; the duration is the longest (shards run side by side); formats are
 * joined with `+` when they differ.
 */
export function mergeReports(reports: ParsedReport[]): ParsedReport {
  if (reports.length === 1) return reports[0] as ParsedReport;
  const notes = reports.flatMap((r) => r.notes);
  const tests = foldDuplicates(
    reports.flatMap((r) => r.tests),
    'shard',
    notes,
  );
  const formats = [...new Set(reports.map((r) => r.format))];
  const durations = reports.map((r) => r.durationMs).filter((d): d is number => d !== null);
  let counts: ParsedReport['counts'] = null;
  if (reports.some((r) => r.counts !== null)) {
    counts = { passed: 0, failed: 0, skipped: 0 };
    for (const r of reports) {
      const c = counted(r);
      counts.passed += c.passed;
      counts.failed += c.failed;
      counts.skipped += c.skipped;
    }
  }
  return {
    format: formats.length === 0 ? 'none' : formats.join('+'),
    tests,
    durationMs: durations.length > 0 ? Math.max(...durations) : null,
    counts,
    notes,
  };
}
