import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseJunitXml, parseJunitXmlStream, ReportParseError } from '../../src/core/reports/index.js';
import { parseSeconds } from '../../src/core/reports/duration.js';

const root = '/home/dev/project';
const parse = (xml: string) => parseJunitXml(xml, { root });
const brief = (xml: string) =>
  parse(xml).tests.map((t) => ({ id: t.id, status: t.status, kind: t.kind ?? null, ms: t.durationMs }));

describe('parseSeconds (JUnit time attributes)', () => {
  it.each([
    ['0.151', 0.151],
    ['0,03', 0.03],
    ['1,234', 1.234],
    ['2,120.532', 2120.532],
    ['14,029.255', 14029.255],
    ['1,234,567', 1234567],
    ['1.234,5', 1234.5],
    ['1.0E-4', 0.0001],
    [' 3 ', 3],
    ['0.5s', 0.5],
  ])('reads %j as %d s', (text, seconds) => {
    expect(parseSeconds(text)).toBeCloseTo(seconds, 9);
  });

  it.each([undefined, '', '   ', 'NaN', '-1', 'abc', '1,2,3'])(
    'reads %j as unknown (null), never 0',
    (text) => {
      expect(parseSeconds(text)).toBeNull();
    },
  );
});

describe('parseJunitXml dialects', () => {
  it('reads a bare <testsuite> root (Surefire) with comma decimals, missing times and properties', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<testsuite xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="https://maven.apache.org/surefire/maven-surefire-plugin/xsd/surefire-test-report-3.0.xsd" name="com.acme.MathTest" time="2,120.532" tests="4">
  <properties><property name="line.separator" value="&#10;"/><property name="java.version" value="17"/></properties>
  <testcase name="adds" classname="com.acme.MathTest" time="0,03"/>
  <testcase name="slow" classname="com.acme.MathTest" time="1,234"/>
  <testcase name="untimed" classname="com.acme.MathTest"/>
  <testcase name="weird" classname="com.acme.MathTest" time="NaN"><system-out>noise &lt;not a failure&gt;</system-out></testcase>
</testsuite>`;
    expect(brief(xml)).toEqual([
      { id: 'com.acme.MathTest > adds', status: 'passed', kind: null, ms: 30 },
      { id: 'com.acme.MathTest > slow', status: 'passed', kind: null, ms: 1234 },
      { id: 'com.acme.MathTest > untimed', status: 'passed', kind: null, ms: null },
      { id: 'com.acme.MathTest > weird', status: 'passed', kind: null, ms: null },
    ]);
  });

  it('reads nested suites and test cases directly under <testsuites> (node:test, PHPUnit)', () => {
    const xml = `<testsuites>
  <testcase name="top level" time="0.001" classname="test"/>
  <testsuite name="outer">
    <testsuite name="inner">
      <testcase name="deep" time="0.002" classname="test"/>
    </testsuite>
    <testcase name="shallow" time="0.003" classname="test"/>
  </testsuite>
  <!-- tests 3 -->
</testsuites>`;
    expect(parse(xml).tests.map((t) => [t.suite, t.name])).toEqual([
      ['', 'top level'],
      ['outer > inner', 'deep'],
      ['outer', 'shallow'],
    ]);
  });

  it('reads CDATA failure bodies, takes the message from the first line when there is no attribute', () => {
    const xml = `<testsuites><testsuite name="s"><testcase name="t" classname="c">
<failure><![CDATA[Error: boom <b>&amp; bust</b>
    at Object.<anonymous> (/home/dev/project/test/t.test.js:7:11)
    at node_modules/jest-circus/build/x.js:1:1]]><![CDATA[ (continued]]]]><![CDATA[>)]]></failure>
</testcase></testsuite></testsuites>`;
    const [test] = parse(xml).tests;
    expect(test?.status).toBe('failed');
    expect(test?.message).toBe('Error: boom <b>&amp; bust</b>');
    expect(test?.stack).toContain('(continued]]>)');
    expect([test?.file, test?.line]).toEqual(['test/t.test.js', 7]);
  });

  it('marks <error> as failed with kind error, and several failures keep every body', () => {
    const xml = `<testsuite name="pytest"><testcase classname="t" name="errs"><error message="failed on setup with &quot;RuntimeError&quot;">E RuntimeError</error></testcase>
<testcase classname="t" name="twice"><failure message="first">one</failure><failure message="second">two</failure></testcase></testsuite>`;
    const [errs, twice] = parse(xml).tests;
    expect([errs?.status, errs?.kind, errs?.message]).toEqual([
      'failed',
      'error',
      'failed on setup with "RuntimeError"',
    ]);
    expect([twice?.status, twice?.kind, twice?.message, twice?.stack]).toEqual([
      'failed',
      undefined,
      'first',
      'one\n\ntwo',
    ]);
  });

  it('reads skipped, and a failing todo (node:test) as skipped', () => {
    const xml = `<testsuites><testsuite name="s">
<testcase name="skip me" classname="test"><skipped type="skipped" message="true"/></testcase>
<testcase name="later" classname="test"><skipped type="todo" message="not yet"/><failure message="boom">boom</failure></testcase>
<testcase name="reason" classname="t"><skipped message="needs network">/x/test_a.py:3: needs network</skipped></testcase>
</testsuite></testsuites>`;
    expect(parse(xml).tests.map((t) => [t.name, t.status, t.message, t.stack])).toEqual([
      ['skip me', 'skipped', null, null],
      ['later', 'skipped', 'not yet', null],
      ['reason', 'skipped', 'needs network', null],
    ]);
  });

  it('treats surefire/nextest flaky and rerun elements as retry history, not status', () => {
    const xml = `<testsuite name="com.acme.FlakyTest" flakes="1">
<testcase name="passesOnRetry" classname="com.acme.FlakyTest" time="0.2">
  <flakyFailure message="expected:&lt;1&gt; but was:&lt;2&gt;" type="AssertionError"><stackTrace>at com.acme.FlakyTest.passesOnRetry(FlakyTest.java:12)</stackTrace><system-err>x</system-err></flakyFailure>
  <flakyError message="timeout" type="TimeoutException"><stackTrace>...</stackTrace></flakyError>
</testcase>
<testcase name="alwaysFails" classname="com.acme.FlakyTest" time="0.1">
  <failure message="still broken" type="AssertionError">java.lang.AssertionError: still broken
	at com.acme.FlakyTest.alwaysFails(FlakyTest.java:20)</failure>
  <rerunFailure message="still broken" type="AssertionError"><stackTrace>at com.acme.FlakyTest.alwaysFails(FlakyTest.java:20)</stackTrace></rerunFailure>
  <rerunFailure message="still broken" type="AssertionError"><stackTrace>x</stackTrace></rerunFailure>
</testcase></testsuite>`;
    const report = parse(xml);
    const [flaky, broken] = report.tests;
    expect([flaky?.status, flaky?.kind, flaky?.message]).toEqual(['passed', 'flaky', null]);
    expect([broken?.status, broken?.kind, broken?.message]).toEqual(['failed', undefined, 'still broken']);
    expect([broken?.file, broken?.line]).toEqual(['FlakyTest.java', 20]);
    expect(report.notes).toContain('2 rerun attempts of tests that still failed');
  });

  it('uses file and line attributes (1-based; pytest xunit1 0-based) and testsuite file attributes', () => {
    const phpunit = `<testsuites><testsuite name="Unit" file="/home/dev/project/tests/MathTest.php">
<testcase name="testAdds" class="Acme\\MathTest" classname="Acme.MathTest" file="/home/dev/project/tests/MathTest.php" line="12" assertions="1" time="0.001"/>
</testsuite><testsuite name="mocha" file="/home/dev/project/test/b.spec.js"><testcase name="b works" classname="b works"/></testsuite></testsuites>`;
    const [php, fromSuite] = parse(phpunit).tests;
    expect([php?.id, php?.file, php?.line]).toEqual([
      'tests/MathTest.php::Acme.MathTest > testAdds',
      'tests/MathTest.php',
      12,
    ]);
    expect(fromSuite?.file).toBe('test/b.spec.js');
    const pytest = `<testsuites name="pytest tests"><testsuite name="pytest"><testcase classname="tests.test_a" name="test_x" file="tests/test_a.py" line="2" time="0.001"/></testsuite></testsuites>`;
    expect(parse(pytest).tests[0]?.line).toBe(3);
  });

  it('names tests the way mocha-junit-reporter, jest-junit and vitest lay them out', () => {
    const mocha = `<testsuites name="Mocha Tests"><testsuite name="Root Suite" tests="0"/><testsuite name="math" file="/home/dev/project/test/math.js">
<testcase name="math adds numbers" classname="adds numbers" time="0.001"/></testsuite></testsuites>`;
    expect(parse(mocha).tests.map((t) => t.id)).toEqual(['test/math.js::math > adds numbers']);
    // jest-junit names the file's <testsuite> after its first describe: another describe is not in it
    const jest = `<testsuites name="jest tests"><testsuite name="math"><testcase classname="math adds" name="math adds" time="0.002"/><testcase classname="perf slow path" name="perf slow path" time="0.15"/></testsuite></testsuites>`;
    expect(parse(jest).tests.map((t) => [t.suite, t.name])).toEqual([
      ['math', 'adds'],
      ['', 'perf slow path'],
    ]);
    const vitest = `<testsuites name="vitest tests"><testsuite name="test/a.test.ts"><testcase classname="test/a.test.ts" name="outer &gt; inner &gt; works" time="0.001"/></testsuite></testsuites>`;
    expect(parse(vitest).tests.map((t) => [t.file, t.suite, t.name])).toEqual([
      ['test/a.test.ts', 'outer > inner', 'works'],
    ]);
  });

  it('takes a failure without a message attribute as its text up to the stack (jest-junit, mocha xunit)', () => {
    const jest = `<testsuites name="jest tests"><testsuite name="math"><testcase classname="math subtracts" name="math subtracts"><failure>Error: expect(received).toBe(expected) // Object.is equality

Expected: 3
Received: 7
    at Object.toBe (/home/dev/project/test/a.test.js:8:45)</failure></testcase></testsuite></testsuites>`;
    expect(parse(jest).tests[0]?.message).toBe(
      'Error: expect(received).toBe(expected) // Object.is equality\n\nExpected: 3\nReceived: 7',
    );
    // mocha's xunit: the message, a diff, then the stack, which repeats the message
    const mocha = `<testsuite name="Mocha Tests"><testcase classname="math" name="subtracts"><failure>Expected values to be strictly equal:

7 !== 3

AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:

7 !== 3

    at Context.&lt;anonymous&gt; (test/a.test.js:9:34)</failure></testcase></testsuite>`;
    expect(parse(mocha).tests[0]?.message).toBe('Expected values to be strictly equal:\n\n7 !== 3');
    const plain = `<testsuites><testcase name="log" classname="c"><failure>first line\nsecond line</failure></testcase></testsuites>`;
    expect(parse(plain).tests[0]?.message).toBe('first line');
  });

  it('undoes double escaping in names (node:test, Bun)', () => {
    const xml = `<testsuites><testcase name="escapes &lt;tags> &amp; &amp;quot;quotes&amp;quot; &amp;gt;" classname="test"/></testsuites>`;
    expect(parse(xml).tests[0]?.name).toBe('escapes <tags> & "quotes" >');
  });

  it('reads through raw control characters and unknown entities, with a note', () => {
    const xml = `<testsuites><testsuite name="s"><testcase name="colours" classname="c"><failure message="bad">\u001b[31mred\u001b[0m&nbsp;text</failure></testcase></testsuite></testsuites>`;
    const report = parse(xml);
    expect(report.tests[0]?.stack).toContain('[31mred');
    expect(report.notes.join('\n')).toMatch(/XML problems were skipped over/);
  });

  it('keeps the head and tail of a huge failure text only', () => {
    const body = `HEAD ${'x'.repeat(300_000)} TAIL`;
    const xml = `<testsuites><testsuite name="s"><testcase name="big" classname="c"><failure message="m"><![CDATA[${body}]]></failure></testcase></testsuite></testsuites>`;
    const stack = parse(xml).tests[0]?.stack ?? '';
    expect(stack.length).toBeLessThan(70 * 1024);
    expect(stack.startsWith('HEAD')).toBe(true);
    expect(stack.endsWith('TAIL')).toBe(true);
    expect(stack).toMatch(/characters cut/);
  });

  it('reads an empty report as no tests', () => {
    expect(parse('<testsuites/>').tests).toEqual([]);
  });
});

describe('parseJunitXml errors', () => {
  it('throws a clear error for truncated XML', () => {
    const truncated = '<testsuites><testsuite name="s"><testcase name="a" classname="c"/><testcase name="b"';
    expect(() => parse(truncated)).toThrow(ReportParseError);
    expect(() => parse(truncated)).toThrow(/truncated XML/);
  });

  it('throws for a document that is not JUnit, naming what it is when known', () => {
    expect(() => parse('<html><body/></html>')).toThrow(/not a JUnit report \(root element <html>\)/);
    expect(() => parse('<assemblies><assembly/></assemblies>')).toThrow(
      /xUnit\.net v2 XML is not a format batch reads/,
    );
    expect(() => parse('not xml at all')).toThrow(ReportParseError);
  });
});

describe('parseJunitXmlStream', () => {
  it('reads the same from one-byte chunks (multi-byte characters split) as from the whole text', async () => {
    const xml = `<testsuites><testsuite name="s"><testcase name="unicode ünïcödé 🚀" classname="c" time="0,5"><failure message="é">🚀 body</failure></testcase></testsuite></testsuites>`;
    const bytes = Buffer.from(xml, 'utf8');
    const chunks = Array.from(bytes, (b) => Buffer.from([b]));
    const streamed = await parseJunitXmlStream(Readable.from(chunks), { root });
    expect(streamed).toEqual(parse(xml));
    expect(streamed.tests[0]?.name).toBe('unicode ünïcödé 🚀');
    expect(streamed.tests[0]?.durationMs).toBe(500);
  });

  it('rejects a truncated stream', async () => {
    const stream = Readable.from([Buffer.from('<testsuites><testsuite name="s"><testcase name="a">')]);
    await expect(parseJunitXmlStream(stream, { root })).rejects.toThrow(/truncated XML/);
  });
});

describe('tests reported twice', () => {
  it('folds a test repeated in another <testsuite> element of the same name (a rerun)', () => {
    const xml = `<testsuites>
<testsuite name="pkg"><testcase classname="pkg" name="TestA" time="0.1"><failure message="boom">boom</failure></testcase><testcase classname="pkg" name="TestB"/></testsuite>
<testsuite name="pkg"><testcase classname="pkg" name="TestA" time="0.2"/></testsuite>
</testsuites>`;
    const report = parse(xml);
    expect(report.tests.map((t) => [t.id, t.status, t.kind ?? null, t.durationMs])).toEqual([
      ['pkg > TestA', 'passed', 'flaky', 200],
      ['pkg > TestB', 'passed', null, null],
    ]);
    expect(report.notes).toEqual([
      'pkg > TestA: reported more than once (failed, passed); counted once as passed (flaky)',
    ]);
  });
});
