import type { TestStatus } from '../../model/runModel.js';
import { suiteSeparator } from '../testResult.js';
import { indentOf, type ScrapedTest } from './scraped.js';

/** `✔ name`, `✔ name (151ms)` (slow ones only), `3) name` (a failure, numbered), `- name` (pending). */
const testLine = /^ +(?:([✔✓√]) (.*?)(?: \((\d+)ms\))?|(\d+)\) (.*)|- (.*))$/;

/** A listed test, with the number mocha gives a failure (the same number heads its details). */
export type MochaTest = ScrapedTest & { failure: number | null };

/**
 * mocha's spec tree, up to the `N passing` line: suite titles indented two spaces per level, tests
 * two deeper than their suite. A title's suite is every title less indented above it. Null when
 * no test line is found.
 */
export function mochaTests(lines: string[]): MochaTest[] | null {
  const tests: MochaTest[] = [];
  const suites: Array<{ indent: number; name: string }> = [];
  for (const raw of lines) {
    const line = raw.trimEnd();
    if (line === '') continue;
    const indent = indentOf(line);
    while ((suites.at(-1)?.indent ?? -1) >= indent) suites.pop();
    const m = testLine.exec(line);
    if (!m) {
      if (indent >= 2) suites.push({ indent, name: line.trim() });
      continue;
    }
    const [, ok, passed, ms, n, failed, pending] = m;
    const status: TestStatus = ok ? 'passed' : n ? 'failed' : 'skipped';
    tests.push({
      name: (passed ?? failed ?? pending ?? '').trim(),
      suite: suites.map((s) => s.name).join(suiteSeparator),
      file: null,
      line: null,
      message: null,
      status,
      durationMs: ms === undefined ? null : Number(ms),
      failure: n === undefined ? null : Number(n),
    });
  }
  return tests.length > 0 ? tests : null;
}
