import { Printer } from '../../output/printer.js';
import { cliContext } from '../cliContext.js';
import { defineCommand } from '../commandModule.js';
import { LiveStatus } from '../liveStatus.js';
import { WatchController } from '../watchController.js';
import { WatchView } from '../watchView.js';

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
    // On a terminal every line is printed above one live status line; otherwise plain log lines.
    const live = new LiveStatus(process.stdout, interactive && !basePrinter.options.quiet);
    const printer = new Printer({
      ...basePrinter.options,
      stdout: live.stream(process.stdout),
      stderr: live.stream(process.stderr),
    });
    const ctx = await cliContext(args, printer);
    const view = new WatchView(printer, live, ctx.config.batchSize);
    return new WatchController(ctx, printer, view, {
      polling: args.poll,
      tests: args.tests,
      interactive,
    }).run();
  },
});
