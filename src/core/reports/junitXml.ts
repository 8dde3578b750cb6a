import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { ParsedReport, TestResult } from '../model/runModel.js';
import { CappedText } from './capText.js';
import { foldDuplicates } from './combineResults.js';
import { JunitResults, junitScope, type JunitDialect } from './junitCase.js';
import type { JunitCase, JunitScope } from './junitOutcome.js';
import type { JunitOutcome } from './junitOutcome.js';
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

/** Shared by every passing test case (most of them), so that none allocates a list. */
const noOutcomes: JunitOutcome[] = [];

/**
 * A streaming reader of the JUnit XML family (every dialect of research/reports.md §1.2): write
 * chunks, then `end()` for the report. Memory stays bounded by the results, not by the file: only
 * failure texts are kept (capped), system-out/err and properties are skipped as they stream by.
 */
export class JunitXmlReader {
  private readonly parser = new SaxesParser<{ xmlns: false; position: true }>({
    xmlns: false,
    position: true,
  });
  private readonly tests: TestResult[] = [];
  private readonly notes: string[] = [];
  private readonly scopes: JunitScope[] = [junitScope(null, '', undefined)];
  /** Suites open below MAX_SUITE_DEPTH: they share the deepest scope kept (names stop growing there). */
  private deeper = 0;
  private readonly dialect: JunitDialect = { pytest: false, mocha: false, jest: false };
  private readonly results: JunitResults;
  private current: JunitCase | null = null;
  private readonly selfClosing: JunitCase = {
    attributes: {},
    scope: this.scopes[0] as JunitScope,
    outcomes: noOutcomes,
    flakyAttempts: 0,
  };
  private capture: { outcome: JunitOutcome; text: CappedText } | null = null;
  private rootSeen = false;
  private reruns = 0;
  private fatal: Error | null = null;
  private tolerated: string | null = null;

  constructor(options: ParseOptions) {
    this.results = new JunitResults(options.root, this.dialect);
    this.parser.on('opentag', (tag) => this.open(tag));
    this.parser.on('closetag', (tag) => this.close(tag));
    this.parser.on('error', (error) => {
      if (tolerable.test(error.message)) this.tolerated ??= error.message;
      else this.fatal ??= error;
    });
  }

  /** Feeds the next piece of the document. Throws ReportParseError once the XML is broken. */
  write(chunk: string): void {
    // raw control characters (ANSI escapes in output), which XML 1.0 forbids, are tolerated errors
    this.parser.write(chunk);
    this.throwIfFatal();
  }

  /** Ends the document and returns the report; throws ReportParseError for truncated or non-JUnit XML. */
  end(): ParsedReport {
    this.parser.close();
    this.throwIfFatal();
    if (!this.rootSeen) throw new ReportParseError(null, 'not a test report: no XML element found');
    if (this.tolerated !== null) this.notes.push(`XML problems were skipped over: ${this.tolerated}`);
    if (this.reruns > 0) this.notes.push(`${this.reruns} rerun attempts of tests that still failed`);
    const tests = this.results.repeated ? foldDuplicates(this.tests, 'retry', this.notes) : this.tests;
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
      if (a.name === 'jest tests') this.dialect.jest = true;
    }
    const current = this.current;
    if (current === null) {
      const scope = this.scopes.at(-1) as JunitScope;
      if (tag.name === 'testsuite') {
        if (a.name === 'pytest') this.dialect.pytest = true;
        if (this.scopes.length > MAX_SUITE_DEPTH) {
          if (this.deeper++ === 0) {
            this.notes.push(
              `suites nested more than ${MAX_SUITE_DEPTH} deep: deeper suite names are left out`,
            );
          }
        } else {
          this.scopes.push(junitScope(scope, a.name ?? '', a.file));
        }
      } else if (tag.name === 'testcase' && tag.isSelfClosing) {
        // `<testcase …/>`, most of a report: its result is known now, through one reused case
        const bare = this.selfClosing;
        bare.attributes = a;
        bare.scope = scope;
        this.tests.push(this.results.result(bare));
      } else if (tag.name === 'testcase') {
        this.current = { attributes: a, scope, outcomes: noOutcomes, flakyAttempts: 0 };
      }
      return;
    }
    if (this.capture !== null) return;
    if (tag.name === 'failure' || tag.name === 'error' || tag.name === 'skipped') {
      const outcome: JunitOutcome = {
        kind: tag.name,
        message: a.message ?? null,
        type: a.type ?? null,
        text: '',
      };
      if (current.outcomes === noOutcomes) current.outcomes = [];
      current.outcomes.push(outcome);
      if (!tag.isSelfClosing) this.startCapture(outcome);
    } else if (tag.name === 'flakyFailure' || tag.name === 'flakyError') {
      current.flakyAttempts++;
    } else if (tag.name === 'rerunFailure' || tag.name === 'rerunError') {
      this.reruns++;
    }
  }

  /** Text is listened to only inside a failure, error or skipped element: elsewhere it is ignored. */
  private startCapture(outcome: JunitOutcome): void {
    const text = new CappedText();
    this.capture = { outcome, text };
    this.parser.on('text', (t) => text.add(t));
    this.parser.on('cdata', (t) => text.add(t));
  }

  private stopCapture(): void {
    const capture = this.capture;
    if (capture === null) return;
    capture.outcome.text = capture.text.toString();
    this.capture = null;
    this.parser.off('text');
    this.parser.off('cdata');
  }

  private close(tag: SaxesTagPlain): void {
    const capture = this.capture;
    if (capture !== null && tag.name === capture.outcome.kind) {
      this.stopCapture();
    } else if (tag.name === 'testcase' && this.current !== null) {
      this.stopCapture();
      this.tests.push(this.results.result(this.current));
      this.current = null;
    } else if (tag.name === 'testsuite' && this.current === null && this.deeper > 0) {
      this.deeper--;
    } else if (tag.name === 'testsuite' && this.current === null && this.scopes.length > 1) {
      this.scopes.pop();
    }
  }
}

/**
 * How deep suites nest before their names stop being kept: real reports nest a few levels; each
 * level copies its parent's names, so 20,000 levels once cost 2.5 GB (and 40,000 aborted node).
 */
const MAX_SUITE_DEPTH = 64;

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
