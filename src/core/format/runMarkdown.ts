/** A run as markdown when there is nothing to compare it with (no baseline, no earlier batch run). */
import type { Run } from '../model/runModel.js';
import { runCountsLine } from './batchReportText.js';
import { escapeMarkdown } from './comparisonMarkdown.js';
import { firstLine, testLabel, testLocation } from './testLabel.js';

/** Headline with the counts, then the failing tests with location and first message line. */
export function runMarkdown(run: Run): string {
  const icon = run.success ? '✅' : '❌';
  const title = run.batchId === null ? `run ${run.id}` : `batch ${run.batchId}, run ${run.id}`;
  const lines = [`### ${icon} batch: ${title}`, '', `**${runCountsLine(run)}**`, ''];
  const failures = run.tests.filter((t) => t.status === 'failed');
  if (failures.length > 0) {
    lines.push('#### Failures', '');
    for (const test of failures) {
      const where = testLocation(test);
      const message = firstLine(test.message);
      lines.push(
        `- **${escapeMarkdown(testLabel(test))}**${where ? ` \`${where}\`` : ''}${message ? ` — ${escapeMarkdown(message)}` : ''}`,
      );
    }
    lines.push('');
  }
  for (const note of run.notes) lines.push(`> ${escapeMarkdown(note)}`, '');
  return `${lines.join('\n').trimEnd()}\n`;
}
