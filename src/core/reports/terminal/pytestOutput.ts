import { durationText, type Scraped, type ScrapedFailure } from './scraped.js';

const summary = /^=*\s*((?:\d+ [\w ]+?(?:, |(?= in )))+) in ([\d.]+s)(?: \([\d:]+\))?\s*=*$/;
const noTests = /^=*\s*no tests ran in [\d.]+s\s*=*$/;
const shortLine = /^(FAILED|ERROR) (.+)$/;

/** `path::Class::test[params] - message` split at the first ` - ` after the node id's params. */
function splitNodeId(rest: string): { nodeId: string; message: string | null } {
  const open = rest.indexOf('[');
  const firstDash = rest.indexOf(' - ');
  const from = open >= 0 && (firstDash < 0 || open < firstDash) ? rest.indexOf(']', open) : 0;
  const dash = rest.indexOf(' - ', Math.max(from, 0));
  return dash < 0
    ? { nodeId: rest.trim(), message: null }
    : { nodeId: rest.slice(0, dash), message: rest.slice(dash + 3) };
}

/**
 * The first `file.py:12: …` line in each test's section (`___ Class.test ___`) of the failures
 * listing; a failure's own section wins over its `ERROR at setup/teardown of …` one.
 */
function locations(lines: string[]): Map<string, number> {
  const found = new Map<string, number>();
  const fromErrors = new Map<string, number>();
  let current: string | null = null;
  let inError = false;
  for (const line of lines) {
    const head = /^_{3,} (.+?) _{3,}$/.exec(line);
    if (head) {
      const title = head[1] as string;
      inError = /^ERROR at (?:setup|teardown) of /.test(title);
      current = title.replace(/^ERROR at (?:setup|teardown) of /, '');
      continue;
    }
    const m = /^([^\s:]+\.py):(\d+): /.exec(line);
    const target = inError ? fromErrors : found;
    if (current !== null && m && !target.has(current)) target.set(current, Number(m[2]));
    if (/^=+ /.test(line)) current = null;
  }
  for (const [name, at] of fromErrors) if (!found.has(name)) found.set(name, at);
  return found;
}

/**
 * pytest's closing line (`3 failed, 5 passed, 1 skipped in 1.30s`, with `=` padding or not under -q)
 * and the short summary's `FAILED path::Class::test - message` / `ERROR …` lines. Errors count as
 * failures; a test listed both as FAILED and ERROR (failure plus teardown error) counts once.
 */
export function scrapePytest(lines: string[]): Scraped | null {
  const at = lines.findLastIndex((l) => summary.test(l) || noTests.test(l));
  if (at < 0) return null;
  const m = summary.exec(lines[at] as string);
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const part of (m?.[1] ?? '').matchAll(/(\d+) (\w+)/g)) {
    const n = Number(part[1]);
    const kind = part[2] as string;
    if (kind === 'failed' || kind === 'error' || kind === 'errors') counts.failed += n;
    else if (kind === 'passed' || kind === 'xpassed') counts.passed += n;
    else if (kind === 'skipped' || kind === 'xfailed') counts.skipped += n;
  }
  const lineOf = locations(lines);
  const byId = new Map<string, ScrapedFailure>();
  for (const text of lines) {
    const s = shortLine.exec(text);
    if (!s) continue;
    const { nodeId, message } = splitNodeId(s[2] as string);
    const parts = nodeId.split('::');
    if (byId.has(nodeId)) {
      counts.failed--;
      continue;
    }
    const name = parts.at(-1) as string;
    const suite = parts.slice(1, -1).join(' > ');
    const line = lineOf.get([...parts.slice(1, -1), name].join('.')) ?? null;
    byId.set(nodeId, { name, suite, file: parts.length > 1 ? (parts[0] as string) : null, line, message });
  }
  return {
    runner: 'pytest',
    counts,
    failures: [...byId.values()],
    fileInId: true,
    durationMs: durationText(m?.[2]),
    notes: [],
  };
}
