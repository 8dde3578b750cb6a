/** What core code may say to the user; the CLI decides how (colour, quiet, verbose, JSON mode). */
export interface Logger {
  /** A normal progress line (suppressed by --quiet and in --json mode). */
  info(message: string): void;
  /** Something the user should know even when quiet (written to stderr). */
  warn(message: string): void;
  /** Tracing for --verbose / BATCH_DEBUG=1. */
  debug(message: string): void;
}

/** A logger that says nothing: for the programmatic API and for tests that do not care. */
export const silentLogger: Logger = {
  info: () => undefined,
  warn: () => undefined,
  debug: () => undefined,
};
