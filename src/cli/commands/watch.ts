import { relative } from 'node:path';
import type { Batch } from '../../core/batchModel.js';
import { ExitCode } from '../../core/errors.js';
import { TestQueue } from '../../core/watch/testQueue.js';
import { WatchSession } from '../../core/watch/watchSession.js';
import { messages } from '../../output/messages.js';
import { Printer } from '../../output/printer.js';
import { cliContext } from '../cliContext.js';
import { defineCommand } from '../commandModule.js';
import { LiveStatus } from '../liveStatus.js';
import { listenToKeys } from '../watchKeys.js';
import { runWatchTests } from '../watchTests.js';
import { WatchView } from '../watchView.js';

/** Resolves with the exit code once the user stops watching: 130 for a signal, 0 for `q`. */
function untilStopped(onStop: (code: number) => void): () => void {
  const interrupt = () => onStop(ExitCode.interrupted);
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);
  return () => {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
  };
}

export const watchCommand = defineCommand({
  command: 'watch',
  describe: 'Record edits as they happen; run the tests when a batch completes',
  builder: (y) =>
    y
      .option('poll', {
        type: 'boolean',
        default: false,
        describe: 'Poll instead of native watching (network drives, WSL /mnt paths, Docker mounts)',
      })
      .option('tests', {
        type: 'boolean',
        default: true,
        describe: 'Run the tests when a batch completes (--no-tests only records)',
      })
      .example('batch watch', 'record every save; batches complete and get tested by themselves'),
  run: async (args, basePrinter) => {
    const interactive = process.stdout.isTTY === true && process.stdin.isTTY === true;
    const live = new LiveStatus(process.stdout, interactive && !basePrinter.options.quiet);
    const printer = new Printer({
      ...basePrinter.options,
      stdout: live.stream(process.stdout),
      stderr: live.stream(process.stderr),
    });
    const ctx = await cliContext(args, printer);
    const view = new WatchView(printer, live, ctx.config.batchSize);
    const testsWanted = args.tests && ctx.config.testCommand !== null;
    const completed = new Map<number, Batch>();
    const tests = new TestQueue(
      async (request) => {
        view.runStarted(request.batchId);
        const batch = completed.get(request.batchId) ?? null;
        completed.delete(request.batchId);
        view.runFinished(await runWatchTests(ctx, printer, request, batch));
      },
      (error) => printer.warn(messages.watchProblem(error instanceof Error ? error.message : String(error))),
    );

    let stop: (code: number) => void = () => undefined;
    const stopped = new Promise<number>((resolve) => (stop = resolve));
    const releaseSignals = untilStopped((code) => stop(code));
    const releaseKeys = listenToKeys(process.stdin, {
      runNow: () => {
        if (!ctx.config.testCommand) return printer.info(messages.watchNoTests);
        if (tests.request({ batchId: view.batch.id, runId: null, reason: 'manual' }) === 'queued')
          printer.info(messages.watchTestsQueued(view.batch.id));
      },
      quit: () => stop(ExitCode.ok),
      interrupt: () => stop(ExitCode.interrupted),
    });

    const session = new WatchSession(ctx, {
      polling: args.poll,
      reporter: {
        ready: (info) => {
          if (info.batch) view.batch = info.batch;
          printer.info(
            messages.watchReady(
              relative(ctx.cwd, ctx.ws.root) || '.',
              info.polling,
              ctx.config.watch.quietMs,
            ),
          );
          if (interactive) printer.info(messages.watchKeys);
          if (!ctx.config.testCommand) printer.info(messages.watchNoTests);
          view.refresh();
        },
        recorded: (outcome, offline) => view.recorded(outcome, offline),
        batchComplete: (batch) => {
          if (!testsWanted) return view.batchComplete(batch);
          completed.set(batch.id, batch);
          if (tests.request({ batchId: batch.id, runId: batch.runId, reason: 'batch' }) === 'queued')
            printer.info(messages.watchTestsQueued(batch.id));
        },
        degraded: (code) => printer.error(messages.watchLimit(code), messages.watchLimitHint(code)),
        problem: (error) =>
          printer.warn(messages.watchProblem(error instanceof Error ? error.message : String(error))),
      },
    });
    try {
      await Promise.race([session.start(), stopped]);
      const code = await stopped;
      await session.stop();
      await tests.stop();
      live.clear();
      printer.result(messages.watchStopped(view.batch.id, view.batch.edits, ctx.config.batchSize));
      return code;
    } catch (error) {
      await session.stop();
      await tests.stop();
      throw error;
    } finally {
      releaseKeys();
      releaseSignals();
      live.clear();
    }
  },
});
