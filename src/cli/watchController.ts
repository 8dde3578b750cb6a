import { relative } from 'node:path';
import type { Batch } from '../core/model/batchModel.js';
import type { Context } from '../core/context/context.js';
import { ExitCode, type BatchError } from '../core/context/errors.js';
import { TestQueue } from '../core/watch/testQueue.js';
import { WatchSession, type WatchReporter } from '../core/watch/watchSession.js';
import { messages } from '../output/messages.js';
import type { Printer } from '../output/printer.js';
import { listenToKeys } from './watchKeys.js';
import { runWatchTests } from './watchTests.js';
import type { WatchView } from './watchView.js';

export interface WatchControllerOptions {
  polling: boolean;
  /** Run the tests when a batch completes (and on `r`). */
  tests: boolean;
  /** Keys and a live status line (stdin and stdout are a terminal). */
  interactive: boolean;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Wires `batch watch` together: the session that records, the queue that runs tests one at a time,
 * the view, keys and signals. `run` resolves with the exit code: 130 for Ctrl-C or SIGTERM, 0 for `q`.
 */
export class WatchController {
  private readonly ctx: Context;
  private readonly printer: Printer;
  private readonly view: WatchView;
  private readonly options: WatchControllerOptions;
  private readonly completed = new Map<number, Batch>();
  private readonly tests: TestQueue;
  private readonly session: WatchSession;
  private fatalError: BatchError | null = null;
  private stop: (code: number) => void = () => undefined;
  private readonly stopped = new Promise<number>((resolve) => (this.stop = resolve));

  constructor(ctx: Context, printer: Printer, view: WatchView, options: WatchControllerOptions) {
    this.ctx = ctx;
    this.printer = printer;
    this.view = view;
    this.options = options;
    this.tests = new TestQueue(
      // `q` (TestQueue.stop) aborts the signal: the run going on ends like on Ctrl-C, recorded as interrupted
      async (request, signal) => {
        view.runStarted(request.batchId);
        const batch = this.completed.get(request.batchId) ?? null;
        this.completed.delete(request.batchId);
        view.runFinished(await runWatchTests(ctx, printer, request, batch, signal));
      },
      (error) => printer.warn(messages.watchProblem(describe(error))),
    );
    this.session = new WatchSession(ctx, { polling: options.polling, reporter: this.reporter() });
  }

  /** Watches until stopped; records what is pending, ends a running test run, and returns the exit code. */
  async run(): Promise<number> {
    const interrupt = () => this.stop(ExitCode.interrupted);
    process.on('SIGINT', interrupt);
    process.on('SIGTERM', interrupt);
    const releaseKeys = this.options.interactive
      ? listenToKeys(process.stdin, {
          runNow: () => this.runNow(),
          quit: () => this.stop(ExitCode.ok),
          interrupt,
        })
      : () => undefined;
    let code: number;
    try {
      await Promise.race([this.session.start(), this.stopped]);
      code = await this.stopped;
    } finally {
      await this.session.stop();
      await this.tests.stop();
      releaseKeys();
      process.off('SIGINT', interrupt);
      process.off('SIGTERM', interrupt);
      this.view.close();
    }
    if (this.fatalError) throw this.fatalError;
    this.view.stopped(this.ctx.config.batchSize);
    return code;
  }

  private get testsWanted(): boolean {
    return this.options.tests && this.ctx.config.testCommand !== null;
  }

  private runNow(): void {
    if (!this.testsWanted) return this.printer.info(messages.watchNoTests);
    const batchId = this.view.batch.id;
    if (this.tests.request({ batchId, runId: null, reason: 'manual' }) === 'queued')
      this.printer.info(messages.watchTestsQueued(batchId));
  }

  private reporter(): WatchReporter {
    const { ctx, printer, view } = this;
    return {
      ready: (info) => {
        if (info.batch) view.batch = info.batch;
        const where = relative(ctx.cwd, ctx.ws.root) || '.';
        printer.info(messages.watchReady(where, info.polling, ctx.config.watch.quietMs));
        if (this.options.interactive) printer.info(messages.watchKeys);
        if (!ctx.config.testCommand) printer.info(messages.watchNoTests);
        view.refresh();
      },
      recorded: (outcome, offline) => view.recorded(outcome, offline),
      batchComplete: (batch) => {
        if (!this.testsWanted) return view.batchComplete(batch);
        this.completed.set(batch.id, batch);
        if (this.tests.request({ batchId: batch.id, runId: batch.runId, reason: 'batch' }) === 'queued')
          printer.info(messages.watchTestsQueued(batch.id));
      },
      degraded: (code) => printer.error(messages.watchLimit(code), messages.watchLimitHint(code)),
      problem: (error) => printer.warn(messages.watchProblem(describe(error))),
      fatal: (error) => {
        this.fatalError = error;
        this.stop(error.exitCode);
      },
    };
  }
}
