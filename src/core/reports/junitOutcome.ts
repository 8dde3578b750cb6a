import type { TestKind, TestResult } from '../model/runModel.js';
import { capText, firstLine } from './capText.js';
import { messageBeforeStack } from './errorText.js';

/** One `<failure>`, `<error>` or `<skipped>` child as read from the XML. */
/** An enclosing `<testsuite>` level: made once per suite, shared by its test cases. */
export interface JunitScope {
  /** Placements of this scope's test cases, by classname and file attribute (see JunitResults). */
  placements: Map<string, unknown>;
  /** Suite names from the outermost `<testsuite>` in. */
  names: string[];
  /** `file` attribute of the nearest suite that has one. */
  file: string | null;
}

/** Everything the streaming parser collected about one `<testcase>`. */
export interface JunitCase {
  attributes: Record<string, string>;
  scope: JunitScope;
  outcomes: JunitOutcome[];
  /** How many flakyFailure/flakyError children (failed attempts before a pass). */
  flakyAttempts: number;
  /** batch's pytest plugin marked it an unexpected pass (`batch.outcome` property). */
  xpass: boolean;
}

export interface JunitOutcome {
  kind: 'failure' | 'error' | 'skipped';
  message: string | null;
  type: string | null;
  text: string;
}

/** node:test and Bun escape names twice (`&amp;quot;`): undo the second layer. */
export function unescapeTwice(text: string): string {
  if (!text.includes('&') || !/&(?:quot|amp|lt|gt|apos|#\d+|#x[0-9a-f]+);/i.test(text)) return text;
  return text
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&amp;/g, '&');
}

/** A test case's status from its children: failure or error, skipped, or passed (flaky after reruns). */
export function status(c: JunitCase): { status: TestResult['status']; kind?: TestKind } {
  const failures = c.outcomes.filter((o) => o.kind !== 'skipped');
  const skipped = c.outcomes.find((o) => o.kind === 'skipped');
  // node:test writes a failing todo as <skipped type="todo"> plus <failure>: a todo is not a failure
  if (skipped && (failures.length === 0 || skipped.type === 'todo')) {
    return skipped.type === 'pytest.xfail' ? { status: 'skipped', kind: 'xfail' } : { status: 'skipped' };
  }
  // pytest's strict xfail that passed: a failure, still an xpass.
  if (failures.some((o) => o.message?.startsWith('[XPASS(strict)]') === true)) {
    return { status: 'failed', kind: 'xpass' };
  }
  if (failures.length > 0) {
    return failures.every((o) => o.kind === 'error')
      ? { status: 'failed', kind: 'error' }
      : { status: 'failed' };
  }
  return c.flakyAttempts > 0 ? { status: 'passed', kind: 'flaky' } : { status: 'passed' };
}

/** The message and stack of a failed test case (or the reason of a skipped one). */
export function failureText(c: JunitCase, failed: boolean): { message: string | null; stack: string | null } {
  const relevant = c.outcomes.filter((o) => (failed ? o.kind !== 'skipped' : o.kind === 'skipped'));
  const first = relevant[0];
  if (!first) return { message: null, stack: null };
  const attr = first.message !== null && first.message !== 'true' ? unescapeTwice(first.message).trim() : '';
  const text = relevant
    .map((o) => o.text.trim())
    .filter((t) => t !== '')
    .join('\n\n');
  // no message attribute (jest-junit, mocha's xunit): the text's lines before its stack
  const message = attr !== '' ? attr : ((failed ? messageBeforeStack(text) : null) ?? firstLine(text));
  // a skip's text is its reason again (pytest: `path:line: reason`), not a stack
  return { message, stack: text === '' || !failed ? null : capText(text) };
}
