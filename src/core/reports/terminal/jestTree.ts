import type { TestStatus } from '../../model/runModel.js';
import { suiteSeparator } from '../testResult.js';
import { durationText, indentOf, type ScrapedTest } from './scraped.js';

/** `PASS test/a.test.js (5.2 s)` / `FAIL …`: the file whose results follow. */
export const fileHeader = /^\s*(PASS|FAIL)\s+(\S.*?)(?:\s+\(\d.*\))?\s*$/;
const testLine = /^(\s+)([✓✕○✎√×*□]) (.*)$/;
const statusOf: Record<string, TestStatus> = {
  '✓': 'passed',
  '√': 'passed',
  '✕': 'failed',
  '×': 'failed',
  '○': 'skipped',
  '✎': 'skipped',
  '*': 'skipped',
  '□': 'skipped',
};

/** `name (5 ms)` or `name (1.2 s)`; pending and todo tests read `skipped name`, `todo name`. */
function nameAndDuration(text: string, status: TestStatus): { name: string; durationMs: number | null } {
  const m = /^(.*?)(?: \((\d+(?:\.\d+)? ?m?s)\))?$/.exec(text);
  const name = m?.[1] ?? text;
  return {
    name: status === 'skipped' ? name.replace(/^(?:skipped|todo) /, '') : name,
    durationMs: durationText(m?.[2]),
  };
}

/**
 * jest's verbose tree (the default when one test file runs, else `--verbose`): under each file's
 * `PASS`/`FAIL` line, describe blocks as indented titles and tests as `✓ name (5 ms)`, `✕`,
 * `○ skipped name`, `✎ todo name`. A title's suite is every title less indented above it (console
 * output printed before the tree is pushed out by the tree's own first line). Null: no tree.
 */
export function jestTests(lines: string[]): ScrapedTest[] | null {
  const tests: ScrapedTest[] = [];
  let file: string | null = null;
  const suites: Array<{ indent: number; name: string }> = [];
  for (const line of lines) {
    const header = fileHeader.exec(line);
    if (header) {
      file = header[2] as string;
      suites.length = 0;
      continue;
    }
    // a file's failure blocks (`  ● suite › test`) follow its tree
    if (/^\s*● /.test(line)) file = null;
    if (file === null || line.trim() === '' || indentOf(line) < 2) continue;
    const indent = indentOf(line);
    while ((suites.at(-1)?.indent ?? -1) >= indent) suites.pop();
    const m = testLine.exec(line);
    if (!m) {
      suites.push({ indent, name: line.trim() });
      continue;
    }
    const status = statusOf[m[2] as string] ?? 'passed';
    const { name, durationMs } = nameAndDuration(m[3] as string, status);
    const suite = suites.map((s) => s.name).join(suiteSeparator);
    tests.push({ name, suite, file, line: null, message: null, status, durationMs });
  }
  return tests.length > 0 ? tests : null;
}
