/** The comparison model of DESIGN.md: a run set against a reference run. */
import type { TestResult } from './runModel.js';

export interface TestRef {
  id: string;
  name: string;
  suite: string;
  file: string | null;
  line: number | null;
  message: string | null;
}

export interface Slowdown {
  id: string;
  name: string;
  baselineMs: number;
  currentMs: number;
  ratio: number;
}

export interface Comparison {
  /** 0 all passed, 1 failures none of them new, 2 regressions (new failures or confirmed slowdowns). */
  exitCode: 0 | 1 | 2;
  /** What the current run was compared with: `baseline`, `previous-batch`, or a file path. */
  reference: { kind: 'baseline' | 'previous-batch' | 'file'; runId: number | null; label: string };
  newFailures: TestRef[];
  stillFailing: TestRef[];
  fixed: TestRef[];
  added: TestRef[];
  removed: TestRef[];
  slowdowns: Slowdown[];
  /** Failed in the current run but passed on a retry, or known to be flaky: never a regression. */
  flaky: TestRef[];
  /** The whole run's duration compared by the same rule; null when it is no slowdown. */
  runSlowdown: Omit<Slowdown, 'id' | 'name'> | null;
  totals: { total: number; passed: number; failed: number; skipped: number; durationMs: number };
}

export function toTestRef(test: TestResult): TestRef {
  return {
    id: test.id,
    name: test.name,
    suite: test.suite,
    file: test.file,
    line: test.line,
    message: test.message,
  };
}
