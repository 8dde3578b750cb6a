import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import type { Comparison } from '../../src/core/model/comparisonModel.js';
import { compareRuns, type CompareOptions } from '../../src/core/compare/compareRuns.js';
import { comparisonMarkdown, escapeMarkdown } from '../../src/core/format/comparisonMarkdown.js';
import { comparisonText } from '../../src/core/format/comparisonText.js';
import { escapeData, escapeProperty, githubAnnotations } from '../../src/core/format/githubAnnotations.js';
import { junitReport } from '../../src/core/format/junitReport.js';
import { makeRun, makeTest } from './runBuilder.js';

const nasty = 'escapes <tags> & "quotes" \'apos\' | *stars* `tick` [link](x) ünïcödé 🚀';

const reference = makeRun([
  makeTest('subtracts', { durationMs: 2 }),
  makeTest('known bug', { status: 'failed', message: 'expected 0.3' }),
  makeTest('slow path', { suite: 'perf', durationMs: 150 }),
  makeTest('removed later'),
  makeTest(nasty),
]);
const current = makeRun(
  [
    makeTest('subtracts', {
      status: 'failed',
      line: 9,
      message: 'expected 7 to be 3\n\n- Expected\n+ Received',
    }),
    makeTest('known bug', { status: 'failed', message: 'expected 0.3' }),
    makeTest('slow path', { suite: 'perf', durationMs: 600 }),
    makeTest('added test'),
    makeTest(nasty, { status: 'failed', message: 'a, b: 100% broken\r\nsecond line' }),
  ],
  { durationMs: 3000 },
);
const options: CompareOptions = {
  threshold: 0.5,
  minMs: 100,
  reference: { kind: 'file', runId: null, label: 'baseline.json' },
};
const comparison: Comparison = compareRuns(current, reference, options);

/** Parses XML with a conforming parser and returns every element with its attributes and text. */
function parseXml(xml: string): Array<{ name: string; attributes: Record<string, string>; text: string }> {
  const parser = new SaxesParser();
  const elements: Array<{ name: string; attributes: Record<string, string>; text: string }> = [];
  const open: Array<(typeof elements)[number]> = [];
  parser.on('opentag', (tag) => {
    const element = { name: tag.name, attributes: tag.attributes as Record<string, string>, text: '' };
    elements.push(element);
    open.push(element);
  });
  parser.on('text', (text) => {
    const top = open[open.length - 1];
    if (top) top.text += text;
  });
  parser.on('closetag', () => open.pop());
  parser.write(xml).close();
  return elements;
}

describe('comparisonText', () => {
  const text = comparisonText(comparison);

  it('shows each section with counts, the new failure with file:line and message', () => {
    expect(text).toContain('new failures (2)');
    expect(text).toContain('  ✗ math > subtracts  math.test.ts:9\n      expected 7 to be 3\n');
    expect(text).toContain('still failing (1)');
    expect(text).toContain('added (1)\n  + math > added test');
    expect(text).toContain('removed (1)\n  - math > removed later');
    expect(text).not.toContain('fixed (');
  });

  it('shows a slowdown with both durations, the ratio and the difference', () => {
    expect(text).toContain('slowdowns (1)\n  ! slow path  150 ms → 600 ms (×4.00, +450 ms)');
    expect(text).toContain('whole run slower: 1.00 s → 3.00 s (×3.00, +2.00 s)');
  });

  it('ends with the counts line and the verdict with its exit code', () => {
    expect(text.trimEnd().split('\n').slice(-2)).toEqual([
      'batch: 2 passed, 3 failed, 0 skipped',
      'regressed: 2 new failures and 1 slowdown against baseline baseline.json (exit 2)',
    ]);
  });
});

describe('comparisonMarkdown', () => {
  const markdown = comparisonMarkdown(comparison);

  it('escapes HTML and Markdown in names and messages', () => {
    expect(escapeMarkdown('<b>&</b> | *x* `y` [z]')).toBe(
      '&lt;b&gt;&amp;&lt;/b&gt; \\| \\*x\\* \\`y\\` \\[z\\]',
    );
    expect(markdown).toContain(escapeMarkdown(`math > ${nasty}`));
    expect(markdown).not.toContain('<tags>');
  });

  it('has a headline verdict, new failures in the open, a slowdown table, the rest folded', () => {
    expect(markdown.split('\n')[0]).toBe(
      '### ❌ batch: regressed: 2 new failures and 1 slowdown against baseline baseline.json (exit 2)',
    );
    expect(markdown).toContain('#### New failures (2)');
    expect(markdown).toContain('| slow path | 150 ms | 600 ms | ×4.00 |');
    expect(markdown).toContain('<details><summary>Still failing (1)</summary>');
  });

  it('cuts long lists so a broken suite cannot outgrow a PR comment', () => {
    const many = Array.from({ length: 120 }, (_, i) => makeTest(`t${String(i).padStart(3, '0')}`));
    const broken = compareRuns(
      makeRun(many.map((t) => ({ ...t, status: 'failed' as const }))),
      makeRun(many),
      options,
    );
    const md = comparisonMarkdown(broken);
    expect(md).toContain('- … and 70 more');
    expect(md).not.toContain('t119');
  });
});

describe('junitReport', () => {
  const elements = parseXml(junitReport(current));
  const cases = elements.filter((e) => e.name === 'testcase');

  it('writes well-formed XML whose attributes read back exactly', () => {
    expect(cases.map((c) => c.attributes.name)).toEqual(current.tests.map((t) => t.name));
    expect(cases.map((c) => c.attributes.classname)).toContain('math');
  });

  it('gives counts and times in seconds', () => {
    expect(elements[0]).toMatchObject({
      name: 'testsuites',
      attributes: { tests: '5', failures: '3', errors: '0', skipped: '0', time: '3.000' },
    });
    expect(cases.find((c) => c.attributes.name === 'slow path')?.attributes.time).toBe('0.600');
  });

  it('writes failures with their message and body, errors and skipped tests', () => {
    const run = makeRun([
      makeTest('f', {
        status: 'failed',
        message: 'line one\nline two',
        stack: 'Error: x\n    at <anonymous>',
      }),
      makeTest('e', { status: 'failed', kind: 'error', message: 'boom' }),
      makeTest('s', { status: 'skipped', durationMs: null }),
    ]);
    const parsed = parseXml(junitReport(run));
    const failure = parsed.find((e) => e.name === 'failure');
    expect(failure).toMatchObject({
      attributes: { message: 'line one' },
      text: 'Error: x\n    at <anonymous>',
    });
    expect(parsed.find((e) => e.name === 'error')?.attributes.message).toBe('boom');
    expect(parsed.some((e) => e.name === 'skipped')).toBe(true);
    expect(parsed.find((e) => e.attributes.name === 's')?.attributes.time).toBeUndefined();
  });

  it('drops characters XML cannot hold and colour codes', () => {
    const run = makeRun([
      makeTest('ctrl', { status: 'failed', message: 'bad\u0000\u001b[31mred\u001b[39m \uD800 end' }),
    ]);
    const xml = junitReport(run);
    expect(parseXml(xml).find((e) => e.name === 'failure')?.text).toBe('badred  end');
  });

  it('shows a failed run without results as one failing case', () => {
    const parsed = parseXml(junitReport(makeRun([], { success: false, exitCode: 1 })));
    expect(parsed[0]?.attributes).toMatchObject({ tests: '1', errors: '1' });
    expect(parsed.find((e) => e.name === 'error')?.attributes.message).toContain('exit code 1');
  });
});

describe('githubAnnotations', () => {
  it('escapes data and properties as the Actions toolkit does', () => {
    expect(escapeData('100% a\r\nb')).toBe('100%25 a%0D%0Ab');
    expect(escapeProperty('a: b, c%')).toBe('a%3A b%2C c%25');
  });

  it('writes one ::error per new failure with file and line, then one per slowdown', () => {
    const lines = githubAnnotations(comparison);
    expect(lines).toEqual([
      `::error file=math.test.ts,title=new failure%3A ${escapeProperty(`math > ${nasty}`)}::a, b: 100%25 broken%0D%0Asecond line`,
      '::error file=math.test.ts,line=9,title=new failure%3A math > subtracts::expected 7 to be 3%0A%0A- Expected%0A+ Received',
      '::error title=slowdown%3A slow path::150 ms → 600 ms (×4.00), passed in both runs',
    ]);
  });

  it('leaves out file and line when the report has none', () => {
    const noFile = compareRuns(
      makeRun([makeTest('x', { file: null, status: 'failed', line: 3 })]),
      makeRun([makeTest('x', { file: null })]),
      options,
    );
    expect(githubAnnotations(noFile)).toEqual([
      '::error title=new failure%3A math > x::failed (passed in the baseline)',
    ]);
  });
});
