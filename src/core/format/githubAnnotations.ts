/** GitHub Actions workflow commands (`::error …::…`) that pin each regression to its file and line. */
import stripAnsi from 'strip-ansi';
import type { Comparison } from '../model/comparisonModel.js';
import { formatMs, formatRatio, testLabel } from './testLabel.js';

/** Escapes a command's message as GitHub's toolkit does (`escapeData`): `%`, CR and LF. */
export function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/** Escapes a command property (`escapeProperty`): also `:` and `,`, which delimit properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

/** Messages longer than this are cut: an annotation shows a few lines, the log has the rest. */
const maxMessage = 4000;

function command(properties: Array<[string, string | number | null]>, message: string): string {
  const props = properties
    .filter((p): p is [string, string | number] => p[1] !== null)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(',');
  const text = stripAnsi(message).trim();
  const cut = text.length > maxMessage ? `${text.slice(0, maxMessage - 1)}…` : text;
  return `::error ${props}::${escapeData(cut)}`;
}

/** One `::error` line per new failure (with file and line when known) and per slowdown. */
export function githubAnnotations(comparison: Comparison): string[] {
  const lines = comparison.newFailures.map((test) =>
    command(
      [
        ['file', test.file],
        ['line', test.file === null ? null : test.line],
        ['title', `new failure: ${testLabel(test)}`],
      ],
      test.message ?? 'failed (passed in the baseline)',
    ),
  );
  for (const slow of comparison.slowdowns) {
    const ratio = formatRatio(slow.ratio);
    lines.push(
      command(
        [['title', `slowdown: ${slow.name}`]],
        `${formatMs(slow.baselineMs)} → ${formatMs(slow.currentMs)} (${ratio}), passed in both runs`,
      ),
    );
  }
  return lines;
}
