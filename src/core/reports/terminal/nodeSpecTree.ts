import type { TestStatus } from '../../model/runModel.js';
import { suiteSeparator } from '../testResult.js';
import { indentOf, type Counts, type ScrapedTest } from './scraped.js';

const marked = /^(▶|✔|✖|﹣) (.*)$/;

/**
 * A spec reporter title: `name (0.6ms)`, then ` # SKIP`, ` # TODO` or the skip/todo reason. The
 * duration is the last `(Nms)`, so a ` # ` inside the name stays in it.
 */
export function nodeSpecTitle(text: string): { name: string; durationMs: number | null; directive: boolean } {
  const timed = /^(.*) \(([\d.]+)ms\)(?: # .*)?$/.exec(text);
  if (timed) {
    const durationMs = Number(timed[2]);
    return {
      name: timed[1] as string,
      durationMs: Number.isFinite(durationMs) ? durationMs : null,
      directive: / # .*$/.test(text.slice((timed[1] as string).length)),
    };
  }
  const plain = /^(.*?)(?: # (?:SKIP|TODO))?$/.exec(text);
  return { name: plain?.[1] ?? text, durationMs: null, directive: plain?.[1] !== text };
}

interface Open {
  indent: number;
  name: string;
  failed: boolean;
}

/**
 * Which parents (`▶ name` blocks) are tests: node counts a test with subtests, never a suite, and
 * the text does not say which is which. As many parents as `ℹ suites`: none; no suites: all; else,
 * per status, the parents make up what the leaves lack, all of them or none; any other split cannot
 * be told apart (null).
 */
function countedParents(
  leaves: ScrapedTest[],
  parents: ScrapedTest[],
  counts: Counts,
  suites: number | null,
): Set<ScrapedTest> | null {
  if (suites === parents.length) return new Set();
  if (suites === 0) return new Set(parents);
  const chosen = new Set<ScrapedTest>();
  for (const status of ['passed', 'failed', 'skipped'] as const) {
    const lacking = counts[status] - leaves.filter((t) => t.status === status).length;
    const candidates = parents.filter((p) => p.status === status);
    if (lacking === 0) continue;
    if (lacking !== candidates.length) return null;
    for (const p of candidates) chosen.add(p);
  }
  return chosen;
}

/**
 * Every test of node's spec tree, nested by indentation (`▶ suite` opens a block, the line with the
 * same name and indent closes it); an error printed under a test is skipped. Suite names that are
 * not tests come back in `suites`; `ambiguous` when which parents are tests cannot be told. Null
 * when the output holds no tree.
 */
export function nodeSpecTree(
  lines: string[],
  counts: Counts,
  suites: number | null,
): { tests: ScrapedTest[]; suites: Set<string>; ambiguous: boolean } | null {
  const stack: Open[] = [];
  const entries: Array<{ test: ScrapedTest; parent: boolean }> = [];
  let errorBelow: number | null = null;
  for (const line of lines) {
    if (line.trim() === '') continue;
    const indent = indentOf(line);
    if (errorBelow !== null && indent > errorBelow) continue;
    errorBelow = null;
    const m = marked.exec(line.trimStart());
    if (!m) continue;
    const [, mark, text = ''] = m;
    if (mark === '▶' && !/\([\d.]+ms\)/.test(text)) {
      while ((stack.at(-1)?.indent ?? -1) >= indent) stack.pop();
      stack.push({ indent, name: text, failed: false });
      continue;
    }
    const title = nodeSpecTitle(text);
    while ((stack.at(-1)?.indent ?? -1) > indent) stack.pop();
    const top = stack.at(-1);
    const closes = top !== undefined && top.indent === indent && top.name === title.name;
    if (closes) stack.pop();
    else if (mark === '▶') continue;
    let status: TestStatus = mark === '✖' || (mark === '▶' && top?.failed) ? 'failed' : 'passed';
    if (mark === '﹣' || title.directive) status = 'skipped';
    if (status === 'failed') for (const open of stack) open.failed = true;
    const suite = stack.map((s) => s.name).join(suiteSeparator);
    const test = { name: title.name, suite, file: null, line: null, message: null, status };
    entries.push({ test: { ...test, durationMs: title.durationMs }, parent: closes });
    errorBelow = indent;
  }
  if (entries.length === 0) return null;
  const leaves = entries.filter((e) => !e.parent).map((e) => e.test);
  const parents = entries.filter((e) => e.parent).map((e) => e.test);
  const counted = countedParents(leaves, parents, counts, suites);
  const chosen = counted ?? new Set<ScrapedTest>();
  return {
    ambiguous: counted === null,
    tests: entries.filter((e) => !e.parent || chosen.has(e.test)).map((e) => e.test),
    suites: new Set(parents.filter((p) => !chosen.has(p)).map((p) => p.name)),
  };
}
