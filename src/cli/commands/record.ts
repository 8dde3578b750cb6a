import { messages } from '../../output/messages.js';
import { defineCommand } from '../commandModule.js';

export const recordCommand = defineCommand({
  command: 'record [paths..]',
  describe: 'Record edits to these paths; completes a batch at N edits',
  builder: (y) =>
    y
      .positional('paths', {
        type: 'string',
        array: true,
        default: [] as string[],
        describe: 'Files or folders that changed',
      })
      .option('description', { alias: 'd', type: 'string', describe: 'What this edit is about' })
      .option('from-commit', {
        type: 'string',
        describe: 'Record the paths this commit changed (its subject as description)',
      })
      .option('stdin-json', {
        type: 'boolean',
        default: false,
        describe:
          'Read one JSON payload on stdin: {"paths": [...]} or an agent hook payload (always exits 0)',
      })
      .option('agent', {
        type: 'string',
        describe: 'Answer in this agent hook protocol (claude, codex, cline)',
      })
      .option('source', {
        choices: ['manual', 'hook', 'watch', 'api', 'agent', 'shell'] as const,
        default: 'manual' as const,
        hidden: true,
      })
      .check((argv) => {
        if (argv['stdin-json']) return true;
        if ((argv.paths ?? []).length === 0 && !argv['from-commit']) throw new Error(messages.recordNothing);
        if ((argv.paths ?? []).length > 0 && argv['from-commit']) throw new Error(messages.recordBoth);
        return true;
      })
      .example('batch record src/app.ts -d "extract parser"', 'one edit with a description')
      .example('batch record --from-commit HEAD', 'the files the last commit changed')
      .example(`echo '{"paths":["src/app.ts"]}' | batch record --stdin-json`, 'from an agent or editor hook'),
  run: async (args, printer) => {
    if (args['stdin-json']) {
      const { recordFromStdin } = await import('../agentRecord.js');
      return recordFromStdin(args.agent, args.cwd, printer);
    }
    const [{ cliContext }, { recordEdits }] = await Promise.all([
      import('../cliContext.js'),
      import('../../core/record/recordEdits.js'),
    ]);
    const ctx = await cliContext(args, printer);
    const result = await recordEdits(ctx, {
      paths: args.paths ?? [],
      description: args.description ?? null,
      source: args.source,
      fromCommit: args['from-commit'],
    });
    for (const edit of result.edits) printer.info(messages.recordedEdit(edit.kind, edit.path, edit.seq));
    if (result.excluded.length) printer.info(messages.excludedPaths(result.excluded));
    if (result.edits.length === 0) {
      printer.info(messages.noChange(result.unchanged.length ? result.unchanged : (args.paths ?? [])));
      return 0;
    }
    const batch = result.completed ?? result.current;
    printer.info(messages.recordSummary(result.edits.length, batch.id, batch.edits.length, result.batchSize));
    if (!result.completed) return 0;
    const { afterBatchComplete } = await import('../afterBatch.js');
    return afterBatchComplete(ctx, printer, result.completed);
  },
});
