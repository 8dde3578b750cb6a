import { relative } from 'node:path';
import { messages } from '../../output/messages.js';
import { defineCommand } from '../commandModule.js';

export const initCommand = defineCommand({
  command: 'init',
  describe: 'Set batch up in this repository: .batchrc, .batch/, git exclude',
  builder: (y) =>
    y
      .option('batch-size', { type: 'number', describe: 'Edits per batch (default 5)' })
      .option('test-command', { type: 'string', describe: 'Shell command that runs the tests' })
      .option('hook', { type: 'boolean', default: false, describe: 'Also install the post-commit hook' })
      .check((argv) => {
        const size = argv['batch-size'];
        if (size !== undefined && (!Number.isInteger(size) || size < 1))
          throw new Error(messages.badWholeNumber('--batch-size', size, 1));
        return true;
      })
      .example('batch init --test-command "npm test"', 'set up with the tests run by npm test')
      .example('batch init --batch-size 3', 'batches of 3 edits')
      .example('batch init --hook', 'set up, and record every commit from now on'),
  run: async (args, printer) => {
    const [{ cliContext }, { initProject }] = await Promise.all([
      import('../cliContext.js'),
      import('../../core/state/initProject.js'),
    ]);
    const ctx = await cliContext(args, printer);
    const result = await initProject(ctx, {
      batchSize: args['batch-size'],
      testCommand: args['test-command'],
    });
    const file = relative(ctx.ws.root, result.configFile) || result.configFile;
    printer.info(messages.initConfig(file, result.configAction));
    printer.info(messages.initTestCommand(result.testCommand, result.testCommandSource));
    printer.info(messages.initReady(result.batchSize, result.excludeAdded));
    if (args.hook) {
      const [{ installHooks }, { printInstallReport }, { shimPathsOfThisCli }] = await Promise.all([
        import('../../core/hooks/installHooks.js'),
        import('../../output/describeHooks.js'),
        import('../shimPaths.js'),
      ]);
      printInstallReport(printer, ctx, await installHooks(ctx, { paths: shimPathsOfThisCli() }));
    }
    return 0;
  },
});
