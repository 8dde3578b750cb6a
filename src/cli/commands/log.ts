import { describeOrigin } from '../../core/format/editAttribution.js';
import { messages } from '../../output/messages.js';
import { defineCommand } from '../commandModule.js';

export const logCommand = defineCommand({
  command: 'log',
  describe: 'Batches and their edits, oldest first',
  builder: (y) =>
    y
      .option('json', { type: 'boolean', default: false, describe: 'Print one JSON document' })
      .example('batch log --json | jq ".batches[-1].edits"', 'the edits of the open batch'),
  run: async (args, printer) => {
    const [{ cliContext }, { readBatchLog }] = await Promise.all([
      import('../cliContext.js'),
      import('../../core/record/batchLog.js'),
    ]);
    const ctx = await cliContext(args, printer);
    const batches = await readBatchLog(ctx);
    if (args.json) {
      printer.json({ batches });
      return 0;
    }
    if (batches.every((b) => b.edits.length === 0 && !b.markers?.length) && batches.length === 1) {
      printer.info(messages.logEmpty);
      return 0;
    }
    const { c } = printer;
    for (const batch of batches) {
      const label =
        batch.status === 'open'
          ? c.cyan('open')
          : batch.status === 'rolled-back'
            ? c.yellow('rolled back')
            : 'complete';
      // a reserved run id without a stored run: still running, or it never got to the end
      const stored = batch.runId !== null && ctx.store.hasRun(batch.runId);
      const run = batch.runId === null ? '' : ` · run ${batch.runId}${stored ? '' : ', no results'}`;
      printer.result(
        c.bold(`batch ${batch.id}`) +
          ` (${label}, ${batch.edits.length} edits${run}) · before ${batch.before.commit.slice(0, 10)}`,
      );
      const markers = [...(batch.markers ?? [])];
      const printMarkers = (upTo: number | null) => {
        while (markers[0] && (upTo === null || (markers[0].afterSeq ?? 0) < upTo)) {
          const marker = markers.shift();
          if (marker)
            printer.result(c.dim(`     ·  ${messages.watchGitMarker(marker.description, marker.files)}`));
        }
      };
      for (const edit of batch.edits) {
        printMarkers(edit.seq);
        const what = edit.description ? `  ${c.dim(edit.description)}` : '';
        const who = c.dim(`  [${describeOrigin(edit)}]`);
        printer.result(
          `  ${String(edit.seq).padStart(4)}  ${edit.kind.padEnd(10)} ${edit.path}${what}${who}`,
        );
      }
      printMarkers(null);
      for (const culprit of batch.culprits) {
        const seqs = culprit.edits.map((e) => e.seq).join(' + ');
        printer.result(
          c.red(`        ${messages.culpritVerdict(seqs)} (${culprit.tests.map((t) => t.name).join(', ')})`),
        );
      }
      if (batch.unrecordedCount > 0) {
        const more =
          batch.unrecordedCount > batch.unrecorded.length
            ? ` and ${batch.unrecordedCount - batch.unrecorded.length} more`
            : '';
        printer.result(c.dim(`        unrecorded: ${batch.unrecorded.join(', ')}${more}`));
      }
    }
    return 0;
  },
});
