/** Exit codes, as DESIGN.md fixes them. */
export const ExitCode = {
  ok: 0,
  failed: 1,
  regressed: 2,
  unusable: 3,
  interrupted: 130,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** The one error type for expected failures: printed as `error: …` / `hint: …`, never with a stack. */
export class BatchError extends Error {
  readonly exitCode: ExitCodeValue;
  readonly hint: string | undefined;
  /** Extra lines printed under the message (one per config problem, for instance). */
  readonly details: readonly string[];

  constructor(
    message: string,
    options: { hint?: string; exitCode?: ExitCodeValue; details?: string[] } = {},
  ) {
    super(message);
    this.name = 'BatchError';
    this.exitCode = options.exitCode ?? ExitCode.unusable;
    this.hint = options.hint;
    this.details = options.details ?? [];
  }
}

/** Thrown when the user pressed Ctrl-C (or the process got SIGTERM) and the work stopped cleanly. */
export class InterruptedError extends BatchError {
  constructor(message = 'interrupted') {
    super(message, { exitCode: ExitCode.interrupted });
    this.name = 'InterruptedError';
  }
}
