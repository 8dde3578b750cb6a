import { basename } from 'node:path';
import { readBaselineFile } from '../../core/compare/baselineFile.js';
import { compareMessages } from '../../core/compare/compareMessages.js';
import { applyRetries, compareRuns } from '../../core/compare/compareRuns.js';
import { loadConfig } from '../../core/context/context.js';
import { BatchError } from '../../core/context/errors.js';
import { writeRegressionsFile } from '../../core/compare/regressionsFile.js';
import { defaultSlowdownRule } from '../../core/compare/slowdownRule.js';
import { comparisonSource } from '../../core/html/comparisonSource.js';
import { dashboardData } from '../../core/html/dashboardData.js';
import { messages } from '../../output/messages.js';
import { Printer } from '../../output/printer.js';
import { comparisonFormats, printComparison, reportToGitHub } from '../comparisonOutput.js';
import { defineCommand, type GlobalArgs } from '../commandModule.js';
import { writeHtmlPage } from '../htmlOutput.js';
import { projectPaths, shownPath } from '../projectPaths.js';
import { checkResultsGiven, retryNewFailures, runForComparison } from '../runForComparison.js';

function nonNegative(flag: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) {
    throw new BatchError(messages.badNumberOption(flag, value), { hint: messages.badNumberOptionHint });
  }
  return value;
}

/** The tests `batch flaky` lists (the history store's flaky scores; the run files without a store). */
async function knownFlakyIn(
  args: GlobalArgs,
  printer: Printer,
  leaveOut: number | undefined,
): Promise<ReadonlySet<string>> {
  const [{ cliContext }, { knownFlakyTests }] = await Promise.all([
    import('../cliContext.js'),
    import('../../core/compare/knownFlaky.js'),
  ]);
  return knownFlakyTests(await cliContext(args, printer), leaveOut !== undefined ? { leaveOut } : {});
}

/** `batch compare`: sets a run (the tests run now, or report files) against the baseline and exits 0, 1 or 2. */
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
      .option('retries', {
        type: 'number',
        default: 0,
        describe: 'Run new failures again up to N times; those that pass are flaky, never regressions',
      })
      .option('format', {
        choices: comparisonFormats,
        describe: 'Output: text, json, junit (the run, for Jenkins), markdown or html (a page, see --out)',
      })
      .option('out', { type: 'string', describe: 'With --format html: the file to write (default: stdout)' })
      .example('batch compare', 'run the tests now and compare them with .batch/baseline.json')
      .example(
        'batch compare --results "reports/*.xml" --baseline-file baseline.json',
        'compare CI shard reports',
      )
      .example('batch compare --format html --out report.html', 'the comparison as a page, for a CI artifact')
      .example('batch compare --retries 2', 'tell flaky tests from real regressions'),
  run: async (args, printer) => {
    const format = args.json ? 'json' : (args.format ?? 'text');
    const out = format === 'text' ? printer : new Printer({ ...printer.options, json: true });
    const paths = await projectPaths(args.cwd, args['baseline-file'], 'compare');
    // Inside a repository the .batchrc slowdown settings apply unless the flags say otherwise.
    const configured = paths.worktreeRoot
      ? (await loadConfig(paths.worktreeRoot)).config
      : { slowdownThreshold: defaultSlowdownRule.threshold, slowdownMinMs: defaultSlowdownRule.minMs };
    const rule = {
      threshold: nonNegative('threshold', args.threshold, configured.slowdownThreshold),
      minMs: nonNegative('min-ms', args['min-ms'], configured.slowdownMinMs),
    };
    if (args.out !== undefined && format !== 'html') {
      throw new BatchError(messages.outNeedsHtml(format), { hint: messages.outNeedsHtmlHint });
    }
    checkResultsGiven(args.results);
    const baseline = await readBaselineFile(paths.baselineFile, paths.baselineShownAs);
    const fromFiles = (args.results ?? []).length > 0;
    const run = await runForComparison({ ...args, json: format !== 'text' }, out, 'compare', paths);
    // the run being judged is left out: a test it breaks for the first time is not flaky for that
    const judged = fromFiles ? undefined : run.id;
    const knownFlaky = paths.worktreeRoot ? await knownFlakyIn(args, out, judged) : new Set<string>();
    let comparison = compareRuns(run, baseline, {
      ...rule,
      knownFlaky,
      reference: {
        kind: args['baseline-file'] === undefined ? 'baseline' : 'file',
        runId: baseline.id > 0 ? baseline.id : null,
        label: paths.baselineShownAs,
      },
    });
    const retries = nonNegative('retries', args.retries, 0);
    if (retries > 0 && fromFiles) out.warn(messages.retriesNeedRun);
    else if (retries > 0 && comparison.newFailures.length > 0) {
      const passed = await retryNewFailures(
        { ...args, json: format !== 'text' },
        out,
        comparison,
        Math.floor(retries),
      );
      comparison = applyRetries(comparison, passed);
    }
    if (fromFiles && comparison.slowdowns.length > 0) {
      comparison = { ...comparison, notes: [...comparison.notes, compareMessages.slowdownsFromFiles] };
    } else if (comparison.slowdowns.length > 0) {
      const [{ cliContext }, { confirmSlowdowns }, { referenceTreeOf, scratchReference }] = await Promise.all(
        [
          import('../cliContext.js'),
          import('../../core/runs/confirmSlowdowns.js'),
          import('../referenceCheckout.js'),
        ],
      );
      const ctx = await cliContext(args, out);
      const reference = { tree: referenceTreeOf(baseline), open: scratchReference(ctx) };
      comparison = await confirmSlowdowns(ctx, run, comparison, rule, reference);
    }
    if (paths.stateDir !== null) {
      const written = await writeRegressionsFile(paths.stateDir, comparison);
      out.debug(messages.regressionsWritten(shownPath(written, paths.cwd)));
    }
    if (format === 'html') {
      const source = comparisonSource({
        title: basename(paths.worktreeRoot ?? paths.cwd),
        generatedAt: new Date().toISOString(),
        run,
        baseline,
        rule,
      });
      await writeHtmlPage(dashboardData(source), { out: args.out, cwd: paths.cwd }, out);
    }
    printComparison(comparison, run, format, out);
    await reportToGitHub(comparison, process.env, format, out);
    return comparison.exitCode;
  },
});
