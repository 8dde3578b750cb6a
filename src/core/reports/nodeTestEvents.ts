import type { ParsedReport, TestResult, TestStatus } from '../model/runModel.js';
import { errorText } from './errorText.js';
import { roundMs } from './duration.js';
import { jsonLines, num, record, str } from './jsonDocument.js';
import { projectPath } from './projectPath.js';
import type { ParseOptions } from './reportFormat.js';
import { makeTest, suiteSeparator } from './testResult.js';
import { uniqueIds } from './uniqueIds.js';

/** One finished test or suite, with the tests that finished inside it. */
interface Node {
  name: string;
  nesting: number;
  file: string | null;
  line: number | null;
  status: TestStatus;
  suite: boolean;
  failureType: string | null;
  durationMs: number | null;
  error: Record<string, unknown>;
  children: Node[];
}

function toNode(type: string, data: Record<string, unknown>, root: string): Node {
  const details = record(data.details);
  const error = record(details.error);
  const todo = data.todo !== undefined && data.todo !== false;
  const skip = data.skip !== undefined && data.skip !== false;
  const status: TestStatus = todo || skip ? 'skipped' : type === 'test:fail' ? 'failed' : 'passed';
  return {
    name: str(data.name) ?? '',
    nesting: num(data.nesting) ?? 0,
    file: projectPath(str(data.file), root),
    line: num(data.line),
    status,
    suite: details.type === 'suite',
    failureType: str(error.failureType),
    durationMs: roundMs(num(details.duration_ms)),
    error,
    children: [],
  };
}

/** `Caused by: …` lines for the causes of the test's own error, which its stack does not show. */
function causes(error: Record<string, unknown>): string {
  const lines: string[] = [];
  for (let c = record(error.cause); Object.keys(c).length > 0; c = record(c.cause)) {
    lines.push(`Caused by: ${str(c.stack) ?? str(c.message) ?? ''}`);
  }
  return lines.length > 0 ? `\n${lines.join('\n')}` : '';
}

function toTest(node: Node, ancestors: string[], root: string): TestResult {
  // node wraps the test's own error as the cause of an ERR_TEST_FAILURE
  const cause = record(node.error.cause);
  const failed = node.status === 'failed';
  const own = str(cause.stack) ?? str(node.error.stack) ?? str(cause.message);
  const { message, stack } = errorText(
    own === null ? null : own + causes(Object.keys(cause).length > 0 ? cause : {}),
  );
  const fields = {
    name: node.name,
    suite: ancestors.join(suiteSeparator),
    file: node.file,
    line: node.line,
    status: node.status,
    durationMs: node.durationMs,
    message: failed ? (errorText(str(cause.message) ?? str(node.error.message)).message ?? message) : null,
    stack: failed ? stack : null,
  };
  return makeTest(fields, root);
}

function hasFailure(node: Node): boolean {
  return node.children.some((c) => c.status === 'failed' || hasFailure(c));
}

/** Leaves become tests; a parent counts only when it failed by itself (a hook), not through a child. */
function flatten(node: Node, ancestors: string[], root: string, out: TestResult[]): void {
  if (node.children.length === 0) {
    if (!node.suite || node.status === 'failed') out.push(toTest(node, ancestors, root));
    return;
  }
  if (node.status === 'failed' && node.failureType !== 'subtestsFailed' && !hasFailure(node)) {
    out.push(toTest(node, ancestors, root));
  }
  for (const child of node.children) flatten(child, [...ancestors, node.name], root, out);
}

/**
 * Parses the JSON lines batch's node:test reporter writes (src/reporters/nodeTestReporter.ts):
 * `{type, data}` per test:pass / test:fail, with name, nesting, file, line, skip/todo and details
 * (duration_ms, type 'suite', error with its cause). Events arrive children first, so each result
 * adopts the finished results of deeper nesting in its file as its children.
 */
export function parseNodeTestEvents(text: string, options: ParseOptions): ParsedReport {
  const pending = new Map<string, Node[]>();
  const notes: string[] = [];
  let durationMs: number | null = null;
  const { events, unreadable } = jsonLines(text);
  for (const event of events) {
    const type = str(event.type) ?? '';
    const data = event.data === undefined ? event : record(event.data);
    if (type === 'test:diagnostic') {
      const match = /^duration_ms ([\d.]+)$/.exec(str(data.message) ?? '');
      if (match && (num(data.nesting) ?? 0) === 0) durationMs = roundMs(Number(match[1]));
      continue;
    }
    if (type !== 'test:pass' && type !== 'test:fail') continue;
    const node = toNode(type, data, options.root);
    const list = pending.get(node.file ?? '') ?? [];
    let first = list.length;
    while (first > 0 && (list[first - 1] as Node).nesting > node.nesting) first--;
    node.children = list.splice(first);
    list.push(node);
    pending.set(node.file ?? '', list);
  }
  if (unreadable > 0) notes.push(`${unreadable} lines of the event file were not JSON and were skipped`);
  const tests: TestResult[] = [];
  for (const roots of pending.values()) for (const node of roots) flatten(node, [], options.root, tests);
  return { format: 'node-test', tests: uniqueIds(tests), durationMs, counts: null, notes };
}
