/** A run as retention sees it. */
export interface RetainedRun {
  runKey: string;
  localId: number;
  timestamp: string;
}

export interface GcOptions {
  /** Keep the newest N runs. */
  keepRuns?: number;
  /** Drop runs older than this many milliseconds before `now`. */
  olderThanMs?: number;
  now: Date;
  /** Local run ids that must stay (the last run, the runs batches point at for their report). */
  protect: Set<number>;
}

/**
 * Which runs go (pure, what `gc --dry-run` prints): beyond the newest `keepRuns`, and (when given)
 * older than `olderThanMs`; with both, only runs matching both. Protected runs always stay.
 */
export function gcPlan(newestFirst: RetainedRun[], options: GcOptions): RetainedRun[] {
  const cutoff = options.olderThanMs !== undefined ? options.now.getTime() - options.olderThanMs : null;
  return newestFirst.filter((run, index) => {
    if (options.protect.has(run.localId)) return false;
    const beyondKeep = options.keepRuns === undefined || index >= options.keepRuns;
    const tooOld = cutoff === null || Date.parse(run.timestamp) < cutoff;
    return beyondKeep && tooOld;
  });
}
