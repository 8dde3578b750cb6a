/** A run as JUnit XML (the Jenkins `junit` step's dialect): one testsuite per file, times in seconds. */
import stripAnsi from 'strip-ansi';
import type { Run, TestResult } from '../model/runModel.js';
import { firstLine } from './testLabel.js';

// Characters XML 1.0 cannot hold at all (control characters, lone surrogates, U+FFFE/U+FFFF): dropped.
const invalidXml = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Escapes text content. */
export function xmlText(text: string): string {
  return stripAnsi(text)
    .replace(invalidXml, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
}

/** Escapes an attribute value; line breaks and tabs become character references so parsers keep them. */
export function xmlAttribute(text: string): string {
  return xmlText(text)
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;')
    .replaceAll('\n', '&#10;')
    .replaceAll('\r', '&#13;')
    .replaceAll('\t', '&#9;');
}

function seconds(ms: number | null): string | null {
  return ms === null || !Number.isFinite(ms) ? null : (ms / 1000).toFixed(3);
}

function attributes(pairs: Array<[string, string | number | null]>): string {
  return pairs
    .filter((pair): pair is [string, string | number] => pair[1] !== null)
    .map(([key, value]) => ` ${key}="${xmlAttribute(String(value))}"`)
    .join('');
}

function testcase(test: TestResult): string {
  const head = `    <testcase${attributes([
    ['classname', test.suite || test.file || 'tests'],
    ['name', test.name],
    ['file', test.file],
    ['line', test.line],
    ['time', seconds(test.durationMs)],
  ])}`;
  if (test.status === 'passed') return `${head}/>`;
  if (test.status === 'skipped') return `${head}>\n      <skipped/>\n    </testcase>`;
  const tag = test.kind === 'error' ? 'error' : 'failure';
  const body = test.stack ?? test.message ?? '';
  const message = firstLine(test.message, 1000);
  return `${head}>\n      <${tag}${attributes([['message', message]])}>${xmlText(body)}</${tag}>\n    </testcase>`;
}

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  ms: number;
}

function countsOf(tests: readonly TestResult[]): Counts {
  const counts: Counts = { tests: tests.length, failures: 0, errors: 0, skipped: 0, ms: 0 };
  for (const test of tests) {
    if (test.status === 'skipped') counts.skipped++;
    else if (test.status === 'failed' && test.kind === 'error') counts.errors++;
    else if (test.status === 'failed') counts.failures++;
    counts.ms += test.durationMs ?? 0;
  }
  return counts;
}

function countAttributes(counts: Counts, ms: number): Array<[string, string | number]> {
  return [
    ['tests', counts.tests],
    ['failures', counts.failures],
    ['errors', counts.errors],
    ['skipped', counts.skipped],
    ['time', (ms / 1000).toFixed(3)],
  ];
}

/** A failed run with no test results still shows as one failing case, so Jenkins does not call it green. */
function withoutResults(run: Run): TestResult[] {
  if (run.tests.length > 0 || run.success) return run.tests;
  const exit = run.exitCode === null ? '' : ` (exit code ${run.exitCode})`;
  return [
    {
      id: 'batch::run',
      name: 'test command',
      suite: 'batch',
      file: null,
      line: null,
      status: 'failed',
      kind: 'error',
      durationMs: run.durationMs,
      message: `the test command failed${exit} and reported no test results`,
      stack: null,
    },
  ];
}

/** Writes the run as JUnit XML: failures with message and stack, errors, skipped, time in seconds. */
export function junitReport(run: Run): string {
  const tests = withoutResults(run);
  const groups = new Map<string, TestResult[]>();
  for (const test of tests) {
    const key = test.file ?? (test.suite || 'tests');
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [test]);
    else group.push(test);
  }
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  lines.push(
    `<testsuites${attributes([['name', 'batch'], ...countAttributes(countsOf(tests), run.durationMs)])}>`,
  );
  for (const [name, group] of groups) {
    const counts = countsOf(group);
    lines.push(`  <testsuite${attributes([['name', name], ...countAttributes(counts, counts.ms)])}>`);
    for (const test of group) lines.push(testcase(test));
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}
