import { ExitCode } from '../../core/context/errors.js';
import { diagnoseHooks } from '../../core/hooks/diagnoseHooks.js';
import { printDiagnosis } from '../../output/describeDoctor.js';
import { cliContext } from '../cliContext.js';
import { defineCommand } from '../commandModule.js';

export const doctorCommand = defineCommand({
  command: 'doctor',
  describe: 'Check the hooks: who owns them, whether batch’s run (also from a GUI client), what lags',
  builder: (y) =>
    y
      .option('json', { type: 'boolean', default: false, describe: 'Print one JSON document' })
      .example('batch doctor', 'why are my commits not recorded?'),
  run: async (args, printer) => {
    const ctx = await cliContext(args, printer);
    const diagnosis = await diagnoseHooks(ctx);
    if (args.json) {
      printer.json(diagnosis);
      return ExitCode.ok;
    }
    return printDiagnosis(printer, ctx, diagnosis) > 0 ? ExitCode.unusable : ExitCode.ok;
  },
});
