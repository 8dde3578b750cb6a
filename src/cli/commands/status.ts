import { relative } from 'node:path';
import { messages } from '../../output/messages.js';
import { describeRun } from '../../output/describeRun.js';
import { defineCommand } from '../commandModule.js';

export const statusCommand = defineCommand({
  command: 'status',
  describe: 'The current batch, the last run and the baseline',
  builder: (y) =>
    y
      .option('json', { type: 'boolean', default: false, describe: 'Print one JSON document' })
      .example('batch status --json', 'machine-readable status for scripts and agents'),
  run: async (args, printer) => {
    const [{ cliContext }, { readStatus }, { printHookNews }, { lastOperation }] = await Promise.all([
      import('../cliContext.js'),
      import('../../core/record/status.js'),
      import('../hookNews.js'),
      import('../../core/rollback/operationLog.js'),
    ]);
    const ctx = await cliContext(args, printer);
    await printHookNews(ctx, printer);
    const status = await readStatus(ctx);
    if (args.json) {
      printer.json(status);
      return 0;
    }
    printer.result(
      messages.statusBatch(
        status.currentBatch.id,
        status.currentBatch.edits,
        status.batchSize,
        status.completedBatches,
      ),
    );
    // After an undo the last run tested the tree the undo replaced (a rollback's green run): not current.
    const operation = lastOperation(ctx.store);
    const replaced =
      status.lastRun !== null &&
      operation?.kind === 'undo' &&
      Date.parse(status.lastRun.timestamp) < Date.parse(operation.startedAt);
    printer.result(
      status.lastRun
        ? `last run: ${describeRun(printer, status.lastRun)}${replaced ? messages.statusRunBeforeUndo : ''}`
        : messages.statusNoRun,
    );
    printer.result(
      status.baseline ? `baseline: ${describeRun(printer, status.baseline)}` : messages.statusNoBaseline,
    );
    const file = status.configFile ? relative(ctx.ws.root, status.configFile) : null;
    printer.info(messages.statusConfig(file, status.testCommand));
    return 0;
  },
});
