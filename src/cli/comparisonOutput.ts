/** Prints a comparison in the chosen format, and speaks GitHub Actions' language when running there. */
import { appendFile } from 'node:fs/promises';
import type { Comparison } from '../core/model/comparisonModel.js';
import { comparisonMarkdown } from '../core/format/comparisonMarkdown.js';
import { comparisonText } from '../core/format/comparisonText.js';
import { githubAnnotations } from '../core/format/githubAnnotations.js';
import { junitReport } from '../core/format/junitReport.js';
import { verdictLine } from '../core/format/verdict.js';
import type { Run } from '../core/model/runModel.js';
import { messages } from '../output/messages.js';
import type { Printer } from '../output/printer.js';

export const comparisonFormats = ['text', 'json', 'junit', 'markdown', 'html'] as const;
export type ComparisonFormat = (typeof comparisonFormats)[number];

/**
 * Writes the comparison on stdout: the text report (only its verdict with --quiet), or exactly one
 * document (JSON, JUnit XML of the run, Markdown) with the verdict on stderr. The HTML page is
 * written by `writeComparisonPage` before this prints the verdict.
 */
export function printComparison(
  comparison: Comparison,
  run: Run,
  format: ComparisonFormat,
  printer: Printer,
): void {
  if (format === 'text') {
    if (printer.options.quiet) printer.result(verdictLine(comparison));
    else printer.raw(comparisonText(comparison));
    return;
  }
  if (format === 'json') printer.json(comparison);
  else if (format === 'junit') printer.raw(junitReport(run));
  else if (format === 'markdown') printer.raw(comparisonMarkdown(comparison));
  printer.result(verdictLine(comparison));
}

/**
 * Under GitHub Actions: one `::error` annotation per new failure and slowdown (on stdout with the text
 * format, on stderr when stdout carries a document; the runner reads both), and the Markdown report
 * appended to `$GITHUB_STEP_SUMMARY` when that is set.
 */
export async function reportToGitHub(
  comparison: Comparison,
  env: NodeJS.ProcessEnv,
  format: ComparisonFormat,
  printer: Printer,
): Promise<void> {
  if (env.GITHUB_ACTIONS !== 'true') return;
  const annotations = githubAnnotations(comparison);
  if (annotations.length > 0) {
    const text = `${annotations.join('\n')}\n`;
    if (format === 'text') printer.raw(text);
    else process.stderr.write(text);
  }
  const summaryFile = env.GITHUB_STEP_SUMMARY;
  if (summaryFile === undefined || summaryFile === '') return;
  try {
    await appendFile(summaryFile, `${comparisonMarkdown(comparison)}\n`);
  } catch (error) {
    printer.warn(messages.stepSummaryFailed(summaryFile, (error as Error).message));
  }
}
