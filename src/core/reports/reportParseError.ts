/** A report file that could not be read as test results: missing, not a report, or cut short. */
export class ReportParseError extends Error {
  /** The report file, as given (null when the text did not come from a file). */
  readonly path: string | null;
  /** Why, in a few words: `file not found`, `not a test report`, `truncated XML: …`. */
  readonly reason: string;

  constructor(path: string | null, reason: string, options?: { cause?: unknown }) {
    super(path === null ? reason : `${path}: ${reason}`, options);
    this.name = 'ReportParseError';
    this.path = path;
    this.reason = reason;
  }

  /** The same error, naming the file it came from. */
  withPath(path: string): ReportParseError {
    return new ReportParseError(path, this.reason, { cause: this.cause });
  }
}
