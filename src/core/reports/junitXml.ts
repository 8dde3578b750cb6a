import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { ParsedReport, TestResult } from '../runModel.js';
import { maxTextLength } from './capText.js';
import { foldDuplicates } from './combineResults.js';
import { junitTestResult, type JunitCase, type JunitDialect, type JunitOutcome } from './junitCase.js';
import type { ParseOptions } from './reportFormat.js';
import { ReportParseError } from './reportParseError.js';

const otherXmlFormats: Record<string, string> = {
  assemblies: 'xUnit.net v2 XML',
  TestRun: 'Visual Studio TRX',
  'test-run': 'NUnit 3 XML',
  'test-results': 'NUnit 2 XML',
};
// Problems a sloppy emitter causes without losing structure: read on, say so in a note.
const tolerable =
  /disallowed character\.|malformed character entity\.|undefined entity|text data outside of root node\.|duplicate attribute/;
const truncation = /unclosed tag|unexpected end\./;
// XML 1.0 forbids these control characters; some emitters write them raw (ANSI escapes in output).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controlChars = /[\x00-\x08\x0B\x0C\x0E-\x1F]/g;

/** Text of a <failure>/<error>/<skipped>, kept to its head and tail when huge. */
class CappedText {
  private head = '';
  private tail = '';
  private cut = 0;

  add(text: string): void {
    if (this.head.length < maxTextLength) {
      this.head += text;
      return;
    }
    const joined = this.tail + text;
    const half = maxTextLength / 2;
    if (joined.length > half) this.cut += joined.length - half;
    this.tail = joined.length > half ? joined.slice(-half) : joined;
  }

  toString(): string {
    if (this.tail === '') return this.head;
    return `${this.head}\n… [${this.cut} characters cut] …\n${this.tail}`;
  }
}

/**
 * A streaming reader of the JUnit XML family (every dialect of research/reports.md §1.2): write
 * chunks, then `end()` for the report. Memory stays bounded by the results, not by the file: only
 * failure texts are kept (capped), system-out/err and properties are skipped as they stream by.
 */
export class JunitXmlReader {
  private readonly parser = new SaxesParser<{ xmlns: false; position: true }>({ xmlns: false, position: true });
  private readonly tests: TestResult[] = [];
  private readonly notes: string[] = [];
  private readonly suites: { name: string; file: string | null }[] = [];
  private readonly dialect: JunitDialect = { pytest: false, mocha: false };
  private current: JunitCase | null = null;
  private capture: { outcome: JunitOutcome; text: CappedText } | null = null;
  private rootSeen = false;
  private reruns = 0;
  private fatal: Error | null = null;
  private tolerated: string | null = null;

  constructor(private readonly options: ParseOptions) {
    this.parser.on('opentag', (tag) => this.open(tag));
    this.parser.on('closetag', (tag) => this.close(tag));
    this.parser.on('text', (text) => this.capture?.text.add(text));
    this.parser.on('cdata', (text) => this.capture?.text.add(text));
    this.parser.on('error', (error) => {
      if (tolerable.test(error.message)) this.tolerated ??= error.message;
      else this.fatal ??= error;
    });
  }

  /** Feeds the next piece of the document. Throws ReportParseError once the XML is broken. */
  write(chunk: string): void {
    this.parser.write(chunk.replace(controlChars, ''));
    this.throwIfFatal();
  }

  /** Ends the document and returns the report; throws ReportParseError for truncated or non-JUnit XML. */
  end(): ParsedReport {
    this.parser.close();
    this.throwIfFatal();
    if (!this.rootSeen) throw new ReportParseError(null, 'not a test report: no XML element found');
    if (this.tolerated !== null) this.notes.push(`XML problems were skipped over: ${this.tolerated}`);
    if (this.reruns > 0) this.notes.push(`${this.reruns} rerun attempts of tests that still failed`);
    const tests = foldDuplicates(this.tests, 'retry', this.notes);
    return { format: 'junit', tests, durationMs: null, counts: null, notes: this.notes };
  }

  private throwIfFatal(): void {
    if (this.fatal === null) return;
    const what = truncation.test(this.fatal.message) ? 'truncated XML' : 'invalid XML';
    throw new ReportParseError(null, `${what} (${this.fatal.message})`, { cause: this.fatal });
  }

  private open(tag: SaxesTagPlain): void {
    const a = tag.attributes;
    if (!this.rootSeen) {
      this.rootSeen = true;
      if (tag.name !== 'testsuites' && tag.name !== 'testsuite') {
        const known = otherXmlFormats[tag.name];
        const reason = known
          ? `${known} is not a format batch reads; have the runner write JUnit XML`
          : `not a JUnit report (root element <${tag.name}>)`;
        throw new ReportParseError(null, reason);
      }
      if (a.name === 'pytest tests') this.dialect.pytest = true;
      if (a.name === 'Mocha Tests') this.dialect.mocha = true;
    }
    const current = this.current;
    if (current === null) {
      if (tag.name === 'testsuite') {
        if (a.name === 'pytest') this.dialect.pytest = true;
        const file = a.file ?? this.suites.at(-1)?.file ?? null;
        this.suites.push({ name: a.name ?? '', file });
      } else if (tag.name === 'testcase') {
        const suiteFile = this.suites.at(-1)?.file ?? null;
        const suites = this.suites.map((s) => s.name);
        this.current = { attributes: a, suites, suiteFile, outcomes: [], flakyAttempts: 0 };
      }
      return;
    }
    if (this.capture !== null) return;
    if (tag.name === 'failure' || tag.name === 'error' || tag.name === 'skipped') {
      const outcome: JunitOutcome = { kind: tag.name, message: a.message ?? null, type: a.type ?? null, text: '' };
      current.outcomes.push(outcome);
      if (!tag.isSelfClosing) this.capture = { outcome, text: new CappedText() };
    } else if (tag.name === 'flakyFailure' || tag.name === 'flakyError') {
      current.flakyAttempts++;
    } else if (tag.name === 'rerunFailure' || tag.name === 'rerunError') {
      this.reruns++;
    }
  }

  private close(tag: SaxesTagPlain): void {
    const capture = this.capture;
    if (capture !== null && tag.name === capture.outcome.kind) {
      capture.outcome.text = capture.text.toString();
      this.capture = null;
    } else if (tag.name === 'testcase' && this.current !== null) {
      this.tests.push(junitTestResult(this.current, this.dialect, this.options.root));
      this.current = null;
      this.capture = null;
    } else if (tag.name === 'testsuite' && this.current === null) {
      this.suites.pop();
    }
  }
}

/** Parses a whole JUnit XML document held in memory. */
export function parseJunitXml(text: string, options: ParseOptions): ParsedReport {
  const reader = new JunitXmlReader(options);
  reader.write(text);
  return reader.end();
}

/** Parses a JUnit XML document from a stream (e.g. `createReadStream(path, 'utf8')`), chunk by chunk. */
export async function parseJunitXmlStream(
  stream: AsyncIterable<string | Buffer>,
  options: ParseOptions,
): Promise<ParsedReport> {
  const reader = new JunitXmlReader(options);
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of stream) {
    reader.write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
  }
  reader.write(decoder.decode());
  return reader.end();
}
