import { blockMessage } from '../errorText.js';
import { attachFailures } from './failureDetails.js';
import { nodeSpecTitle, nodeSpecTree } from './nodeSpecTree.js';
import { failuresOf, type Scraped, type ScrapedFailure } from './scraped.js';

const ambiguousNote =
  "node's spec output does not tell which blocks are suites and which are tests with subtests here: read as counts and the failing tests it names";
const stat = /^(?:ℹ|#) (tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) ([\d.]+)\s*$/;

/** The `✖ failing tests:` list: `test at file:line:col`, then `✖ name (1ms)` and the error. */
function failingTests(lines: string[], start: number): Array<ScrapedFailure & { todo: boolean }> {
  const failures: Array<ScrapedFailure & { todo: boolean }> = [];
  for (let i = start + 1; start >= 0 && i < lines.length; i++) {
    const at = /^test at (.+?):(\d+):\d+\s*$/.exec(lines[i] as string);
    const title = /^✖ (.+?)\s*$/.exec(lines[i + 1] ?? '');
    if (!at || !title) continue;
    const { name, directive } = nodeSpecTitle(title[1] as string);
    const next = lines.findIndex((l, k) => k > i + 1 && /^test at /.test(l));
    const body = lines.slice(i + 2, next < 0 ? undefined : next);
    failures.push({
      name,
      suite: '',
      file: at[1] as string,
      line: Number(at[2]),
      message: blockMessage(body),
      // a failing todo is listed too, but is not a failure
      todo: directive,
    });
  }
  return failures;
}

/**
 * node's TAP on the terminal (its default off a TTY on node 20): each `not ok N - name` with the
 * `location:` and `error:` of its YAML block. Parents that failed only through their subtests, and
 * suites, are not failures of their own; todos are not failures.
 */
function tapFailures(lines: string[]): ScrapedFailure[] {
  const failures: ScrapedFailure[] = [];
  lines.forEach((line, i) => {
    const m = /^(\s*)not ok \d+ - (.*?)\s*$/.exec(line);
    if (!m) return;
    const title = m[2] as string;
    if (/ # TODO\b/.test(title)) return;
    const indent = (m[1] as string).length;
    const block: string[] = [];
    for (let k = i + 1; k < lines.length; k++) {
      const next = lines[k] as string;
      if (next.trim() === '...') break;
      if (next.trim() !== '---' && !next.startsWith(' '.repeat(indent + 2))) break;
      block.push(next.trim());
    }
    if (block.some((l) => /^failureType: '?subtestsFailed'?$/.test(l) || /^type: '?suite'?$/.test(l))) return;
    const at = block.map((l) => /^location: '(.+?):(\d+):\d+'$/.exec(l)).find((x) => x !== null);
    const errorAt = block.findIndex((l) => l.startsWith('error:'));
    const inline = errorAt >= 0 ? /^error: '?(.*?)'?$/.exec(block[errorAt] as string)?.[1] : undefined;
    const message =
      inline && inline !== '|-' && inline !== '|'
        ? inline
        : errorAt >= 0
          ? (block[errorAt + 1] ?? null)
          : null;
    failures.push({
      name: title.replace(/\\#/g, '#'),
      suite: '',
      file: at ? (at[1] as string) : null,
      line: at ? Number(at[2]) : null,
      message,
    });
  });
  return failures;
}

/**
 * node --test's spec reporter: the tree of tests (`▶ suite`, `✔ name (0.6ms)`, `✖`, `﹣ … # SKIP`,
 * `… # TODO`), the `ℹ pass 5` summary (TAP's `# pass 5` too) and the `✖ failing tests:` list with
 * each failure's `test at file:line`. Ids are `suite > name`: the output names no file per test.
 */
export function scrapeNodeSpec(lines: string[]): Scraped | null {
  const stats = new Map<string, number>();
  let summaryAt = -1;
  lines.forEach((line, i) => {
    const m = stat.exec(line);
    if (!m) return;
    if (summaryAt < 0) summaryAt = i;
    stats.set(m[1] as string, Number(m[2]));
  });
  if (!stats.has('pass') || !stats.has('fail')) return null;
  const get = (key: string) => stats.get(key) ?? 0;
  const counts = {
    passed: get('pass'),
    failed: get('fail') + get('cancelled'),
    skipped: get('skipped') + get('todo'),
  };
  const start = lines.findIndex((l) => /^✖ failing tests:/.test(l));
  const fromList = failingTests(lines, start)
    .filter((f) => !f.todo)
    .map(({ todo: _todo, ...f }) => f);
  // TAP has no `✖ failing tests:` list: its `not ok` lines name the failures.
  const listed = fromList.length === 0 && counts.failed > 0 ? tapFailures(lines) : fromList;
  const tree = nodeSpecTree(lines.slice(0, summaryAt), counts, stats.get('suites') ?? null);
  let tests = null;
  let named = listed;
  const notes: string[] = [];
  if (tree?.ambiguous) notes.push(ambiguousNote);
  if (tree !== null) {
    const { tests: detailed, unmatched } = attachFailures(tree.tests, listed, (t) => t.name);
    // a suite in the failing list failed by itself (a hook): the summary does not count it
    const own = unmatched.filter((f) => tree.suites.has(f.name));
    tests = [
      ...detailed,
      ...own.map((f) => ({ ...f, status: 'failed' as const, durationMs: null, uncounted: true })),
    ];
    // the tree gives a failure its suite: its id is then the same whether the listing is used or not
    named = failuresOf(tests);
  }
  return {
    runner: 'node',
    counts,
    failures: named,
    tests: tree?.ambiguous ? null : tests,
    fileInId: false,
    durationMs: stats.get('duration_ms') ?? null,
    notes,
  };
}
