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
} as const;
