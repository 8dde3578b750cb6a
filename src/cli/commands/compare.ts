import { acquireRun } from '../../core/acquireRun.js';
import { readBaselineFile } from '../../core/baselineFile.js';
import { systemClock } from '../../core/clock.js';
import { compareRuns } from '../../core/compareRuns.js';
import { BatchError } from '../../core/errors.js';
import { writeRegressionsFile } from '../../core/regressionsFile.js';
import { defaultSlowdownRule } from '../../core/slowdownRule.js';
import { messages } from '../../output/messages.js';
import { Printer } from '../../output/printer.js';
import { comparisonFormats, printComparison, reportToGitHub } from '../comparisonOutput.js';
import { defineCommand } from '../commandModule.js';
import { projectPaths, shownPath } from '../projectPaths.js';

function nonNegative(flag: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) {
    throw new BatchError(messages.badNumberOption(flag, value), { hint: messages.badNumberOptionHint });
  }
  return value;
}

/** `batch compare`: sets a run (report files for now) against the baseline and exits 0, 1 or 2. */
export const compareCommand = defineCommand({
  command: 'compare',
  describe: 'Compare a run with the baseline: new failures, fixed, added, removed, slowdowns (exit 0/1/2)',
  builder: (yargs) =>
    yargs
      .option('results', {
        type: 'string',
        array: true,
        describe: 'Report files or globs to read instead of running the tests (one per CI shard, merged)',
      })
      .option('baseline-file', {
        type: 'string',
        describe:
          'The baseline to compare with (default .batch/baseline.json; required outside a git repository)',
      })
      .option('threshold', {
        type: 'number',
        describe: 'A slowdown is more than this fraction slower (default 0.5)',
      })
      .option('min-ms', { type: 'number', describe: 'and at least this many ms slower (default 100)' })
      .option('json', {
        type: 'boolean',
        default: false,
        describe: 'Print the comparison as one JSON document',
      })
      .option('format', {
        choices: comparisonFormats,
        describe: 'Output: text, json, junit (the run, for Jenkins) or markdown',
      })
      .example(
        'batch compare --results "reports/*.xml" --baseline-file baseline.json',
        'compare CI shard reports',
      ),
  run: async (args, printer) => {
    const format = args.json ? 'json' : (args.format ?? 'text');
    const out = format === 'text' ? printer : new Printer({ ...printer.options, json: true });
    const rule = {
      threshold: nonNegative('threshold', args.threshold, defaultSlowdownRule.threshold),
      minMs: nonNegative('min-ms', args['min-ms'], defaultSlowdownRule.minMs),
    };
    const paths = await projectPaths(args.cwd, args['baseline-file'], 'compare');
    const baseline = await readBaselineFile(paths.baselineFile, paths.baselineShownAs);
    const run = await acquireRun({
      results: args.results ?? [],
      mode: 'run-now',
      command: 'compare',
      cwd: paths.cwd,
      worktreeRoot: paths.worktreeRoot,
      clock: systemClock,
      logger: out,
    });
    const comparison = compareRuns(run, baseline, {
      ...rule,
      reference: {
        kind: args['baseline-file'] === undefined ? 'baseline' : 'file',
        runId: baseline.id > 0 ? baseline.id : null,
        label: paths.baselineShownAs,
      },
    });
    if (paths.stateDir !== null) {
      const written = await writeRegressionsFile(paths.stateDir, comparison);
      out.debug(messages.regressionsWritten(shownPath(written, paths.cwd)));
    }
    printComparison(comparison, run, format, out);
    await reportToGitHub(comparison, process.env, format, out);
    return comparison.exitCode;
  },
});
