import type { Batch } from '../core/model/batchModel.js';
import type { BurstOutcome } from '../core/watch/recordBurst.js';
import { messages } from '../output/messages.js';
import type { Printer } from '../output/printer.js';
import type { LiveStatus } from './liveStatus.js';

/** The last test run, as the status line shows it. */
export interface LastRunView {
  passed: number;
  failed: number;
  /** Names of tests that passed in the reference run and fail now (empty when unknown or none). */
  newFailures: string[];
}

/**
 * What `batch watch` shows: log lines for what happened (recorded edits, git markers, completed
 * batches) and, on a terminal, one live line with the current batch and the last run.
 */
export class WatchView {
  batch = { id: 0, edits: 0 };
  testing: number | null = null;
  private lastRun: LastRunView | null = null;
  private readonly printer: Printer;
  private readonly live: LiveStatus;
  private readonly batchSize: number;

  constructor(printer: Printer, live: LiveStatus, batchSize: number) {
    this.printer = printer;
    this.live = live;
    this.batchSize = batchSize;
  }

  /** Prints what one quiet point recorded. */
  recorded(outcome: BurstOutcome, offline: boolean): void {
    const { printer } = this;
    if (outcome.marker)
      printer.info(messages.watchGitMarker(outcome.marker.description, outcome.marker.files));
    if (outcome.unreadable.length) printer.warn(messages.watchUnreadable(outcome.unreadable));
    const record = outcome.record;
    if (!record) return this.refresh();
    if (offline && record.edits.length) printer.info(messages.watchOffline(record.edits.length));
    for (const edit of record.edits) printer.info(messages.recordedEdit(edit.kind, edit.path, edit.seq));
    const batch = record.completed ?? record.current;
    if (record.edits.length) {
      printer.info(messages.recordSummary(record.edits.length, batch.id, batch.edits.length, this.batchSize));
    }
    this.batch = { id: record.current.id, edits: record.current.edits.length };
    this.refresh();
  }

  batchComplete(batch: Batch): void {
    this.printer.result(messages.batchComplete(batch.id, batch.edits.length));
  }

  /** A test run starts: the runner's output and progress line own the terminal until it ends. */
  runStarted(batchId: number): void {
    this.testing = batchId;
    this.refresh();
    this.live.suspend();
  }

  runFinished(run: LastRunView | null): void {
    this.testing = null;
    if (run) this.lastRun = run;
    this.live.resume();
    this.refresh();
  }

  /** The status line's text. */
  statusText(): string {
    const run = this.lastRun;
    const last = !run
      ? messages.watchRunNone
      : run.newFailures.length
        ? messages.watchRunNewFailures(run.newFailures)
        : run.failed > 0
          ? messages.watchRunFailed(run.failed)
          : messages.watchRunPassed(run.passed);
    const activity = this.testing !== null ? messages.watchRunning(this.testing) : '';
    return messages.watchStatus(this.batch.id, this.batch.edits, this.batchSize, last, activity);
  }

  /** Takes the status line away for good. */
  close(): void {
    this.live.clear();
  }

  /** Says where the batch stands once watching stopped (state is saved by then). */
  stopped(batchSize: number): void {
    this.printer.result(messages.watchStopped(this.batch.id, this.batch.edits, batchSize));
  }

  refresh(): void {
    this.live.set(this.statusText());
  }
}
