/** How far a run has got, from the runner's output where it prints one line per test. */
export interface RunProgress {
  elapsedMs: number;
  /** Tests seen finishing so far; null when the output does not show them. */
  tests: number | null;
  failed: number;
}

// node spec (✔/✖), vitest (✓/×), jest verbose (✓/✕), mocha spec (✓/N)), TAP (ok/not ok), go -v
// (--- PASS/FAIL), cargo (test x ... ok/FAILED), pytest -v (PASSED/FAILED).
const PASS = /^\s*(?:✔|✓|√|ok \d+\b|--- PASS:|test \S+ \.\.\. ok$|\S+::\S+ PASSED\b)/;
const FAIL = /^\s*(?:✖|×|✕|✗|not ok \d+\b|--- FAIL:|test \S+ \.\.\. FAILED$|\S+::\S+ FAILED\b|\d+\) )/;

/** Counts finished tests in streamed output, line by line (a partial line is kept between chunks). */
export class ProgressCounter {
  passed = 0;
  failed = 0;
  private partial = '';

  push(chunk: string): void {
    const lines = (this.partial + chunk).split('\n');
    this.partial = (lines.pop() ?? '').slice(-4096);
    for (const raw of lines) {
      // eslint-disable-next-line no-control-regex -- colour codes are stripped before matching
      const line = raw.replace(/\u001b\[[0-9;]*m/g, '');
      if (FAIL.test(line)) this.failed++;
      else if (PASS.test(line)) this.passed++;
    }
  }

  progress(elapsedMs: number): RunProgress {
    const seen = this.passed + this.failed;
    return { elapsedMs, tests: seen > 0 ? seen : null, failed: this.failed };
  }
}
