/**
 * The sentences core's comparison, baseline and report-reading code says (errors it throws, notes it
 * attaches). They live here because core may not import src/output; the CLI's own sentences are in
 * src/output/messages.ts.
 */
export const compareMessages = {
  referenceNamesFailuresOnly:
    'the reference report names only its failing tests: a test failing now that it does not name counts as a new failure, and added tests cannot be told',
  noTestResults: 'the current run reported no test results: its verdict rests on its exit status alone',
  currentNamesFailuresOnly:
    'the current report names only its failing tests: removed tests cannot be told, and a test it does not name counts as not failing',
  slowdownsFromFiles:
    'slowdowns are unconfirmed: from result files there is no tree to run the slow tests on again, so they never make exit 2 (run `batch compare` without --results in the repository to confirm them)',
  slowdownsInterleaved: (rounds: number) =>
    `slowdowns re-run ${rounds} times each, alternately on the reference's tree (in a scratch worktree) and on this one: confirmed only when slower every time`,
  slowdownsAgainstRecorded: (why: string) =>
    `slowdowns re-run once on this tree and measured against the reference's recorded times (${why})`,

  noBaselineFile: (path: string) => `no baseline file at ${path}`,
  noBaselineHint:
    'create one first: `batch baseline --results <report files> --baseline-file <file>` (in a git repository, `batch baseline`)',
  baselineUnreadable: (path: string, reason: string) => `cannot read the baseline file ${path}: ${reason}`,
  baselineNotJson: (path: string, reason: string) =>
    `the baseline file ${path} is not valid JSON (${reason})`,
  baselineNotJsonHint:
    'it may be truncated or not a baseline at all; recreate it with `batch baseline` (a test report is turned into a baseline with `batch baseline --results <report> --baseline-file <file>`)',
  baselineWrongShape: (path: string) => `the baseline file ${path} is not a batch baseline:`,
  baselineWrongShapeHint: 'recreate it with `batch baseline`',
  baselineTooNew: (path: string, version: number, known: number) =>
    `the baseline file ${path} has schemaVersion ${version}; this batch reads up to ${known}`,
  baselineTooNewHint:
    'upgrade batch (`npm install --save-dev @batch-tool/batch@latest`), or recreate the baseline with this version',
  baselineTooManyProblems: (more: number) => `… and ${more} more`,

  resultsNotFound: (path: string) => `test report ${path} does not exist`,
  resultsGlobEmpty: (pattern: string) => `no file matches ${pattern}`,
  resultsHint:
    'check the path given to --results (quote globs so that batch expands them: --results "reports/*.xml")',
  reportUnreadable: (path: string, reason: string) => `cannot read test report ${path}: ${reason}`,
  reportRejected: (path: string, reason: string) => `cannot use test report ${path}: ${reason}`,
  reportRejectedHint:
    'pass report files written by a test runner (JUnit XML, TAP, jest/vitest JSON, node --test events, or a runner’s terminal output)',
  reportCrashed: (path: string, reason: string) => `could not read test report ${path}: ${reason}`,
  reportCrashedHint:
    'if the file is a valid report, this is a bug in batch; please report it with the file (run with --verbose for the stack)',

  needResults: (command: string) =>
    `\`batch ${command}\` without --results runs the tests, which needs a git repository, and this is not one`,
  needResultsHint:
    'outside a repository, pass the report files your test runner wrote: `batch ' +
    'compare --results <file...> --baseline-file <baseline.json>`',
} as const;
