/**
 * Every user-facing sentence batch prints, in one place, so wording stays consistent and every
 * destructive step names its way back. Functions take what varies; plain strings are fixed text.
 */
export const messages = {
  usage: 'batch <command> [options]\n\nRecord edits into batches, run the tests per batch, roll a batch back.',
  epilogue: 'Run `batch <command> --help` for a command\'s flags and an example. Docs: README.md',
  noCommand: 'Say which command to run, e.g. `batch status`.',
  usageHint: 'run `batch --help` for the list of commands, or `batch <command> --help` for one',
  unexpected: (message: string) => `unexpected failure: ${message}`,
  unexpectedHint: 'this is a bug in batch; please report it with the output above. Your files were not changed by this error.',
  // baseline and compare
  baselineFileRequired: (command: string) =>
    `\`batch ${command}\` outside a git repository needs --baseline-file (there is no .batch/ folder to use)`,
  baselineFileRequiredHint:
    'pass --baseline-file <file>, e.g. `--baseline-file baseline.json`, or run inside a git repository',
  baselineWritten: (path: string, total: number, counts: string) =>
    `baseline written to ${path}: ${total} tests (${counts})`,
  baselineHoldsFailures: (count: number) =>
    `the baseline holds ${count} failing test${count === 1 ? '' : 's'}: they will show as still failing, not as regressions`,
  baselineEmpty: 'the baseline holds no test results: every test will show as added',
  baselinePartial: 'the report names only failing tests, so the baseline cannot tell which tests passed',
  badNumberOption: (flag: string, value: number) => `--${flag} must be a number of 0 or more, not ${value}`,
  badNumberOptionHint: 'e.g. `--threshold 0.5` (50 % slower) and `--min-ms 100`',
  regressionsWritten: (path: string) => `comparison written to ${path}`,
  stepSummaryFailed: (path: string, reason: string) =>
    `could not append the job summary to ${path}: ${reason}`,
} as const;
