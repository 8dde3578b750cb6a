import type { ReportFormat } from './reportFormat.js';
import { scrapeTerminalOutput } from './terminalOutput.js';

const otherXml: Record<string, string> = {
  assemblies: 'xUnit.net v2 XML',
  TestRun: 'Visual Studio TRX',
  'test-run': 'NUnit 3 XML',
  'test-results': 'NUnit 2 XML',
};

function body(text: string): string {
  return text.replace(/^\uFEFF/, '').trimStart();
}

/** The name of the first element of an XML text, after the declaration, comments and doctype. */
export function xmlRootName(text: string): string | null {
  const withoutProlog = body(text).replace(
    /^(?:<\?[\s\S]*?\?>\s*|<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*/,
    '',
  );
  return /^<([A-Za-z_][\w.:-]*)/.exec(withoutProlog)?.[1] ?? null;
}

function firstLine(text: string): string {
  const b = body(text);
  const end = b.indexOf('\n');
  return end < 0 ? b : b.slice(0, end);
}

function jsonFormat(text: string): ReportFormat | null {
  const line = firstLine(text);
  if (/^\{.*"Action"\s*:\s*"/.test(line)) return 'go-json';
  if (/^\{.*"type"\s*:\s*"test:/.test(line)) return 'node-test';
  if (/"testResults"\s*:/.test(text) && /"numTotalTests"\s*:/.test(text)) {
    // jest alone writes these; vitest's Jest-shaped JSON leaves them out
    return /"(?:numRuntimeErrorTestSuites|wasInterrupted|openHandles)"\s*:/.test(text)
      ? 'jest-json'
      : 'vitest-json';
  }
  if (/"stats"\s*:/.test(text) && /"passes"\s*:/.test(text) && /"failures"\s*:/.test(text))
    return 'mocha-json';
  return null;
}

function isTap(text: string): boolean {
  if (/^TAP version \d+\s*$/m.test(text)) return true;
  return /^(?:not )?ok\b/m.test(text) && /^\d+\.\.\d+(?:\s|$)/m.test(text);
}

/**
 * Which report format a text is, from its content (research/reports.md §4.2): JUnit XML by its
 * root element; jest, vitest and mocha JSON by their keys (also after other printed lines); go
 * test -json and node:test events by their first JSON line; TAP by its version line or test points plus a plan; else terminal output with
 * a summary batch can read. The file name only breaks ties (`.xml`, `.tap`). Null when unknown.
 */
export function sniffFormat(text: string, fileName?: string): ReportFormat | null {
  const b = body(text);
  if (b.startsWith('<')) {
    const root = xmlRootName(b);
    return root === 'testsuites' || root === 'testsuite' ? 'junit' : null;
  }
  // JSON, possibly after other lines a runner printed on stdout before it (npm warnings)
  const json = b.startsWith('{') || b.startsWith('[') ? 0 : b.search(/^\{/m);
  if (json >= 0) {
    const found = jsonFormat(b.slice(json));
    if (found !== null) return found;
  }
  if (isTap(text)) return 'tap';
  if (scrapeTerminalOutput(text) !== null) return 'stdout';
  if (fileName !== undefined && /\.tap$/i.test(fileName) && /^(?:not )?ok\b/m.test(text)) return 'tap';
  return null;
}

/** Names a test-report format batch recognises but does not read, so the error can say so. */
export function unsupportedFormat(text: string): string | null {
  const b = body(text);
  if (b.startsWith('<')) {
    const root = xmlRootName(b);
    return root === null ? null : (otherXml[root] ?? null);
  }
  const line = firstLine(b);
  if (/^\{\s*"type"\s*:\s*"(?:suite|test)"\s*,\s*"event"/.test(line))
    return 'libtest JSON (cargo test --format json)';
  if (/"created"\s*:/.test(b) && /"summary"\s*:/.test(b) && /"tests"\s*:/.test(b))
    return 'pytest-json-report JSON';
  if (/"suites"\s*:/.test(b) && /"config"\s*:/.test(b) && /"expected"\s*:/.test(b)) return 'Playwright JSON';
  return null;
}
