/** A comparison as GitHub-flavoured Markdown, for a PR comment or `$GITHUB_STEP_SUMMARY`. */
import stripAnsi from 'strip-ansi';
import type { Comparison, Slowdown, TestRef } from '../model/comparisonModel.js';
import { countsLine, firstLine, formatMs, formatRatio, testLabel, testLocation } from './testLabel.js';
import { referenceName, verdictLine } from './verdict.js';

/** Lists longer than this are cut, so a broken suite cannot outgrow a comment (GitHub caps them at 64 KiB). */
const maxItems = 50;

/** Text safe inside Markdown and GitHub's HTML: entities for `& < >`, backslashes for Markdown punctuation. */
export function escapeMarkdown(text: string): string {
  return stripAnsi(text)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replace(/[\\`*_[\]#|~]/g, '\\$&')
    .replace(/\r?\n/g, ' ');
}

function item(test: TestRef, withMessage: boolean): string {
  const location = testLocation(test);
  let line = `- **${escapeMarkdown(testLabel(test))}**${location === null ? '' : ` — ${escapeMarkdown(location)}`}`;
  const message = withMessage ? firstLine(test.message) : null;
  if (message !== null) line += `<br>\n  ${escapeMarkdown(message)}`;
  return line;
}

function capped<T>(items: readonly T[], render: (item: T) => string): string[] {
  const lines = items.slice(0, maxItems).map(render);
  if (items.length > maxItems) lines.push(`- … and ${items.length - maxItems} more`);
  return lines;
}

function openSection(title: string, tests: readonly TestRef[], withMessage: boolean): string[] {
  if (tests.length === 0) return [];
  return [`#### ${title} (${tests.length})`, '', ...capped(tests, (t) => item(t, withMessage)), ''];
}

function foldedSection(title: string, tests: readonly TestRef[], withMessage = false): string[] {
  if (tests.length === 0) return [];
  return [
    `<details><summary>${title} (${tests.length})</summary>`,
    '',
    ...capped(tests, (t) => item(t, withMessage)),
    '',
    '</details>',
    '',
  ];
}

function slowdownTable(slowdowns: readonly Slowdown[]): string[] {
  if (slowdowns.length === 0) return [];
  const rows = capped(
    slowdowns,
    (s) =>
      `| ${escapeMarkdown(s.name)} | ${formatMs(s.baselineMs)} | ${formatMs(s.currentMs)} | ${formatRatio(s.ratio)} |`,
  ).map((row) => (row.startsWith('- …') ? `| ${row.slice(2)} | | | |` : row));
  return [
    `#### Slowdowns (${slowdowns.length})`,
    '',
    '| test | before | now | ratio |',
    '| --- | --: | --: | --: |',
    ...rows,
    '',
  ];
}

/** Headline with the verdict, counts against the reference, then one section per non-empty list. */
export function comparisonMarkdown(comparison: Comparison): string {
  const icon = comparison.exitCode === 2 ? '❌' : comparison.exitCode === 1 ? '⚠️' : '✅';
  const lines = [
    `### ${icon} batch: ${escapeMarkdown(verdictLine(comparison))}`,
    '',
    `**${countsLine(comparison.totals)}** now; ${countsLine(comparison.referenceTotals)} in ${escapeMarkdown(referenceName(comparison.reference))}.`,
    '',
    ...openSection('New failures', comparison.newFailures, true),
    ...slowdownTable(comparison.slowdowns),
    ...foldedSection('Still failing', comparison.stillFailing, true),
    ...foldedSection('Failing, skipped in the reference', comparison.unskippedFailures, true),
    ...foldedSection('Fixed', comparison.fixed),
    ...foldedSection('Added', comparison.added),
    ...foldedSection('Removed', comparison.removed),
    ...foldedSection('Now skipped', comparison.nowSkipped),
    ...foldedSection('Flaky, not counted', comparison.flaky),
  ];
  if (comparison.runSlowdown !== null) {
    const { baselineMs, currentMs, ratio } = comparison.runSlowdown;
    lines.push(
      `Whole run slower: ${formatMs(baselineMs)} → ${formatMs(currentMs)} (${formatRatio(ratio)}); reported, not counted as a regression.`,
      '',
    );
  }
  for (const note of comparison.notes) lines.push(`> ${escapeMarkdown(note)}`, '');
  return `${lines.join('\n').trimEnd()}\n`;
}
