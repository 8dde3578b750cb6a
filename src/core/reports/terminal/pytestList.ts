import type { TestStatus } from '../../model/runModel.js';
import { durationText, type Counts, type ScrapedFailure, type ScrapedTest } from './scraped.js';

/** One result line: a test's call, or its setup/teardown error (a test can have two). */
export interface PytestReport {
  nodeId: string;
  word: string;
  message: string | null;
  /** Where a folded skip happened (`-rA` gives no node id for it). */
  line?: number;
  /** Set on each skip of a fold, so that they stay apart (node ids are merged). */
  fold?: number;
}

const words = 'PASSED|FAILED|SKIPPED|XFAIL|XPASS|ERROR';
/** `-v`: `path::Class::test[param] PASSED   [ 11%]`, a skip's reason in parentheses. */
const verboseLine = new RegExp(
  `^(\\S.*?::.*?)(?: <- \\S+)? (${words})(?: \\(.*\\))?(?:\\s+\\[\\s*\\d+%\\])?\\s*$`,
);
/** pytest-xdist `-v`: `[gw0] [ 50%] PASSED path::test`. */
const xdistLine = new RegExp(`^\\[gw\\d+\\] \\[\\s*\\d+%\\] (${words}) (\\S.*?)\\s*$`);
/** The short summary (`-rA`): `PASSED path::test`, `FAILED path::test - message`. */
const shortLine = new RegExp(`^(${words}) (?!\\[\\d+\\] )(.+)$`);
/** `-rA` folds skips by place and reason: `SKIPPED [2] test_x.py:15: reason`. */
const foldedSkip = /^SKIPPED \[(\d+)\] (.+?):(\d+): (.*)$/;

/** `path::Class::test[params] - message` split at the first ` - ` after the node id's params. */
export function splitNodeId(rest: string): { nodeId: string; message: string | null } {
  const open = rest.indexOf('[');
  const firstDash = rest.indexOf(' - ');
  const from = open >= 0 && (firstDash < 0 || open < firstDash) ? rest.indexOf(']', open) : 0;
  const dash = rest.indexOf(' - ', Math.max(from, 0));
  return dash < 0
    ? { nodeId: rest.trim(), message: null }
    : { nodeId: rest.slice(0, dash), message: rest.slice(dash + 3) };
}

/** A node id's file, classes (the suite) and name; `::` inside `[params]` is part of the name. */
export function nodeParts(nodeId: string): Pick<ScrapedFailure, 'file' | 'suite' | 'name'> {
  const open = nodeId.indexOf('[');
  const parts = (open < 0 ? nodeId : nodeId.slice(0, open)).split('::');
  const name = `${parts.at(-1) ?? ''}${open < 0 ? '' : nodeId.slice(open)}`;
  return {
    name,
    suite: parts.slice(1, -1).join(' > '),
    file: parts.length > 1 ? (parts[0] as string) : null,
  };
}

/** Every `PASSED`/`FAILED`/… line of `-v` (or of xdist's `-v`); empty without -v. */
export function verboseReports(lines: string[]): PytestReport[] {
  const reports: PytestReport[] = [];
  for (const line of lines) {
    const v = verboseLine.exec(line);
    if (v) reports.push({ nodeId: v[1] as string, word: v[2] as string, message: null });
    const x = xdistLine.exec(line);
    if (x) reports.push({ nodeId: x[2] as string, word: x[1] as string, message: null });
  }
  return reports;
}

/** The short summary's lines, a folded skip once per test (named after its reason and place). */
export function shortReports(lines: string[]): PytestReport[] {
  const reports: PytestReport[] = [];
  for (const line of lines) {
    const skip = foldedSkip.exec(line);
    if (skip) {
      const nodeId = `${skip[2] as string}::(skipped) ${skip[4] as string}`;
      const line = Number(skip[3]);
      for (let n = Number(skip[1]); n > 0; n--) {
        reports.push({ nodeId, word: 'SKIPPED', message: null, line, fold: reports.length });
      }
      continue;
    }
    const m = shortLine.exec(line);
    if (m) reports.push({ word: m[1] as string, ...splitNodeId(m[2] as string) });
  }
  return reports;
}

function statusOf(word: string): TestStatus {
  if (word === 'PASSED' || word === 'XPASS') return 'passed';
  return word === 'SKIPPED' || word === 'XFAIL' ? 'skipped' : 'failed';
}

/**
 * One test per node id, in order of first report: failed when any report failed (an error only
 * when none was a plain failure). `counted` is how many results pytest's summary counts for them,
 * per status (a failure plus a teardown error counts twice there). Durations by node id.
 */
export function mergeReports(
  reports: PytestReport[],
  durations: ReadonlyMap<string, number> = new Map(),
): { tests: ScrapedTest[]; counted: Counts } {
  const byId = new Map<string, ScrapedTest>();
  const counted = { passed: 0, failed: 0, skipped: 0 };
  const plainFailure = new Set<string>();
  for (const report of reports) {
    const status = statusOf(report.word);
    counted[status]++;
    if (report.word === 'FAILED') plainFailure.add(report.nodeId);
    const key = report.fold === undefined ? report.nodeId : `${report.nodeId}\u0000${report.fold}`;
    const seen = byId.get(key);
    if (seen === undefined) {
      const test = {
        ...nodeParts(report.nodeId),
        line: report.line ?? null,
        message: report.message,
        status,
      };
      byId.set(key, { ...test, durationMs: durations.get(report.nodeId) ?? null });
    } else if (status === 'failed' && (seen.status !== 'failed' || report.word === 'FAILED')) {
      // a failure's own message wins over its teardown error's
      seen.status = 'failed';
      seen.message = report.message;
    }
  }
  for (const [key, test] of byId) {
    if (test.status === 'failed' && !plainFailure.has(key)) test.kind = 'error';
  }
  return { tests: [...byId.values()], counted };
}

/**
 * `--durations`: `0.60s call     path::test` lines, summed per node id over setup, call and
 * teardown (what pytest's JUnit report gives too). Tests pytest hid as too short are absent.
 */
export function reportedDurations(lines: string[]): Map<string, number> {
  const found = new Map<string, number>();
  for (const line of lines) {
    const m = /^([\d.]+s) +(?:setup|call|teardown) +(\S.*?)\s*$/.exec(line);
    const ms = durationText(m?.[1]);
    if (m && ms !== null) found.set(m[2] as string, (found.get(m[2] as string) ?? 0) + ms);
  }
  return found;
}
