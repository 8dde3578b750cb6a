import type { Run } from '../model/runModel.js';
import type { SlowdownRule } from '../compare/slowdownRule.js';
import type { DashboardSource } from './dashboardModel.js';

/**
 * What `batch compare --format html` shows: the baseline and the run compared with it, as two runs
 * (one when they are the same), no batches. Works outside a repository, on CI report files.
 */
export function comparisonSource(options: {
  title: string;
  generatedAt: string;
  run: Run;
  baseline: Run;
  rule: SlowdownRule;
}): DashboardSource {
  const { run, baseline } = options;
  const same = baseline.id > 0 && baseline.id === run.id;
  return {
    title: options.title,
    generatedAt: options.generatedAt,
    batches: [],
    runs: same ? [run] : [{ ...baseline, id: baseline.id > 0 ? baseline.id : 0 }, run],
    baseline,
    operations: [],
    rule: options.rule,
    focusBatch: null,
  };
}
