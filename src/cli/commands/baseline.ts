import { acquireRun } from '../../core/acquireRun.js';
import { toBaseline, writeBaselineFile } from '../../core/baselineFile.js';
import { systemClock } from '../../core/clock.js';
import { countsLine } from '../../core/format/testLabel.js';
import { messages } from '../../output/messages.js';
import { defineCommand } from '../commandModule.js';
import { projectPaths } from '../projectPaths.js';

/** `batch baseline`: stores a run (from report files for now) as the portable baseline file. */
export const baselineCommand = defineCommand({
  command: 'baseline',
  describe: 'Set the baseline: from report files (--results), else from the last run',
  builder: (yargs) =>
    yargs
      .option('results', {
        type: 'string',
        array: true,
        describe: 'Report files or globs to read (one per CI shard, merged), e.g. "reports/*.xml"',
      })
      .option('baseline-file', {
        type: 'string',
        describe:
          'Where to write the baseline (default .batch/baseline.json; required outside a git repository)',
      })
      .example(
        'batch baseline --results "reports/*.xml" --baseline-file baseline.json',
        'baseline from CI reports',
      ),
  run: async (args, printer) => {
    const paths = await projectPaths(args.cwd, args['baseline-file'], 'baseline');
    const run = await acquireRun({
      results: args.results ?? [],
      mode: 'last-run-or-run-now',
      command: 'baseline',
      cwd: paths.cwd,
      worktreeRoot: paths.worktreeRoot,
      clock: systemClock,
      logger: printer,
    });
    await writeBaselineFile(paths.baselineFile, toBaseline(run, paths.worktreeRoot ?? paths.cwd));
    if (run.total === 0) printer.warn(messages.baselineEmpty);
    if (run.failed > 0) printer.warn(messages.baselineHoldsFailures(run.failed));
    if (run.source.granularity === 'summary') printer.warn(messages.baselinePartial);
    printer.info(messages.baselineWritten(paths.baselineShownAs, run.total, countsLine(run)));
    return 0;
  },
});
