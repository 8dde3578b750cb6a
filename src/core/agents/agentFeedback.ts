import * as z from '../model/schema.js';
import type { Batch, Edit } from '../model/batchModel.js';
import type { TestRef } from '../model/comparisonModel.js';
import type { Run } from '../model/runModel.js';
import type { RunComparisons } from '../compare/runComparisons.js';
import { firstLine, plural, testLabel, testLocation } from '../format/testLabel.js';
import { describeOrigin } from '../format/editAttribution.js';

/**
 * A culprit as `batch bisect` stores it with the batch (DESIGN.md "bisect"): the edit or edits that
 * broke some tests. Read loosely, so a batch file written before the culprit search existed, or by a
 * newer one with more fields, still gives its feedback.
 */
const culpritSchema = z.looseObject({
  edits: z.array(z.looseObject({ seq: z.number(), path: z.string() })),
  tests: z.array(z.looseObject({ id: z.string() })),
});
const culpritsSchema = z.array(culpritSchema);
export type Culprit = z.infer<typeof culpritSchema>;

/** The culprits stored with a batch (`culprits` in its file), or [] when none were searched for. */
export function batchCulprits(batch: Batch | (Batch & { culprits?: unknown })): Culprit[] {
  const parsed = culpritsSchema.safeParse((batch as { culprits?: unknown }).culprits);
  return parsed.success ? parsed.data : [];
}

/** The most failing tests one feedback names; the report has the rest. */
const MAX_TESTS = 5;

function testLine(test: TestRef): string {
  const where = testLocation(test);
  const message = firstLine(test.message, 160);
  return `  ✗ ${testLabel(test)}${where ? ` at ${where}` : ''}${message ? ` — ${message}` : ''}`;
}

function culpritLine(culprit: Culprit, batch: Batch): string {
  const bySeq = new Map(batch.edits.map((e) => [e.seq, e]));
  const named = culprit.edits.map((e) => {
    const edit: Edit | undefined = bySeq.get(e.seq);
    const who = edit ? describeOrigin(edit) : '';
    return `edit ${e.seq} ${e.path}${who ? ` (${who})` : ''}`;
  });
  const seqs = culprit.edits.map((e) => e.seq).join(' ');
  return `  culprit of ${plural(culprit.tests.length, 'test')}: ${named.join(' + ')} → batch revert ${seqs}`;
}

/**
 * New failures against the previous batch's run, or else against the baseline; with neither (the
 * session's first run), every failing test: nothing says it failed before this batch.
 */
function newFailures(run: Run, comparisons: RunComparisons): TestRef[] {
  if (!comparisons.previous && !comparisons.baseline) return run.tests.filter((t) => t.status === 'failed');
  const previous = comparisons.previous?.newFailures ?? [];
  return previous.length > 0 ? previous : (comparisons.baseline?.newFailures ?? []);
}

/**
 * The few lines an agent hears after a batch's tests ran: which tests that batch newly broke, with
 * `file:line` and the first line of the message, the culprit edit when the culprit search found one,
 * and the exact command that takes it back. Empty when nothing new broke (silence when all is well).
 */
export function agentFeedback(
  batch: Batch,
  run: Run,
  comparisons: RunComparisons,
  culprits: Culprit[],
  testedUpTo: number | null = null,
): string[] {
  if (run.interrupted) return [];
  const broken = newFailures(run, comparisons);
  const first = batch.edits[0]?.seq;
  const batchEnd = batch.edits[batch.edits.length - 1]?.seq;
  // The tests ran on the live tree: edits recorded after the batch completed were in it too.
  const last = testedUpTo !== null && batchEnd !== undefined && testedUpTo > batchEnd ? testedUpTo : batchEnd;
  const after = last !== batchEnd ? ' and the edits after it' : '';
  const edits = first === undefined ? '' : first === last ? ` (edit ${first})` : ` (edits ${first}–${last})`;
  const span = `${after}${edits}`;
  if (broken.length === 0) {
    const previousPassed = comparisons.previous?.totals.failed === 0;
    if (run.success || run.tests.length > 0 || !previousPassed) return [];
    return [
      `batch: the tests fail after batch ${batch.id}${span} (exit ${run.exitCode ?? 'none'}, no per-test results): \`batch report ${batch.id}\``,
      `take it back: batch rollback ${batch.id} (\`batch undo\` reverses it)`,
    ];
  }
  const lines = [`batch: batch ${batch.id}${span} broke ${plural(broken.length, 'test')}:`];
  for (const test of broken.slice(0, MAX_TESTS)) lines.push(testLine(test));
  if (broken.length > MAX_TESTS)
    lines.push(`  … ${broken.length - MAX_TESTS} more: \`batch report ${batch.id}\``);
  for (const culprit of culprits) lines.push(culpritLine(culprit, batch));
  lines.push(
    `take it back: ${culprits.length ? 'the revert above keeps the rest of the batch; or ' : ''}batch rollback ${batch.id} (every edit since edit ${first ?? '?'}; \`batch undo\` reverses it)`,
  );
  return lines;
}

/**
 * The feedback in Claude Code's PostToolUse output (code.claude.com/docs/en/hooks, "PostToolUse
 * decision control"): `decision: "block"` with a `reason` is what Claude is prompted with (the tool
 * already ran; nothing is undone), and `additionalContext` adds the same lines to its context.
 */
/**
 * Cline's hook output (docs.cline.bot/features/hooks/hook-reference, "Output Format"): `cancel`
 * (false: the tool call stands) and `contextModification`, text added to the next request.
 */
export function clineHookOutput(lines: string[] | null): string {
  return `${JSON.stringify(lines ? { cancel: false, contextModification: lines.join('\n') } : { cancel: false })}\n`;
}

export function claudeHookOutput(lines: string[]): string {
  const text = lines.join('\n');
  return `${JSON.stringify({
    decision: 'block',
    reason: text,
    hookSpecificOutput: { hookEventName: 'PostToolUse', additionalContext: text },
  })}\n`;
}
