import type { TestStatus } from '../../model/runModel.js';
import { suiteSeparator } from '../testResult.js';
import { indentOf, type ScrapedTest } from './scraped.js';

/** ` ❯ test/a.test.js (8 tests | 1 failed) 359ms`: a test file, then its tests below it. */
const moduleLine = /^ [✓❯×↓·] (?:\|[^|]+\| )?(.+?) \(\d+ tests?(?: \|[^)]*)?\)/;
/** A test or suite line of the tree, two spaces deeper per level. */
const treeLine = /^( {3,})([✓×↓□❯]) (.*)$/;
/** The verbose reporter: ` ✓ test/a.test.js[:4:5] > suite > name 1ms`. */
const verboseLine = /^ ([✓×↓□]) (?:\|[^|]+\| )?(\S[^>]*?)(?::\d+:\d+)? > (.*)$/;

const statusOf: Record<string, TestStatus> = { '✓': 'passed', '×': 'failed', '↓': 'skipped', '□': 'skipped' };

/** `name 12ms`, `name  600ms` (slow), with retry, repeat, heap and a skip's `[note]` after it. */
function nameAndDuration(text: string, skipped: boolean): { name: string; durationMs: number | null } {
  const m = /^(.*?)(?: +(\d+)ms)?(?: \((?:retry|repeat) x\d+\))*(?: \d+ MB heap used)?$/.exec(
    skipped ? text.replace(/ \[[^\]]*\]$/, '') : text,
  );
  const name = m?.[1] ?? text;
  return { name, durationMs: m?.[2] === undefined ? null : Number(m[2]) };
}

/**
 * The tests vitest's default reporter prints under each file (every test of a failing file, or of a
 * single file on a terminal; only slow ones otherwise), or the verbose reporter's one line per test.
 * A suite line (`❯ outer (5)`, printed on a terminal only) gives the tests below it their suite;
 * without one the suite is unknown and left empty. Null when no test line is found.
 */
export function vitestTests(lines: string[]): ScrapedTest[] | null {
  const tests: ScrapedTest[] = [];
  let file: string | null = null;
  const suites: Array<{ indent: number; name: string }> = [];
  lines.forEach((line, i) => {
    const mod = moduleLine.exec(line);
    const verbose = mod ? null : verboseLine.exec(line);
    if (mod) {
      file = mod[1] as string;
      suites.length = 0;
      return;
    }
    if (verbose) {
      const [, mark = '', path = '', rest = ''] = verbose;
      const parts = rest.split(suiteSeparator);
      const { name, durationMs } = nameAndDuration(parts.pop() ?? rest, statusOf[mark] === 'skipped');
      const suite = parts.join(suiteSeparator);
      tests.push({
        name,
        suite,
        file: path,
        line: null,
        message: null,
        status: statusOf[mark] ?? 'passed',
        durationMs,
      });
      return;
    }
    const m = file === null ? null : treeLine.exec(line);
    if (!m || file === null) {
      file = null;
      return;
    }
    const [, pad = '', mark = '', text = ''] = m;
    while ((suites.at(-1)?.indent ?? -1) >= pad.length) suites.pop();
    const deeper = indentOf(lines[i + 1] ?? '') > pad.length;
    const suite = /^(.*) \(\d+\)$/.exec(text);
    if (suite && deeper) {
      suites.push({ indent: pad.length, name: suite[1] as string });
      return;
    }
    const status = statusOf[mark];
    if (status === undefined) return;
    const { name, durationMs } = nameAndDuration(text, status === 'skipped');
    const path = suites.map((s) => s.name).join(suiteSeparator);
    tests.push({ name, suite: path, file, line: null, message: null, status, durationMs });
  });
  return tests.length > 0 ? tests : null;
}
