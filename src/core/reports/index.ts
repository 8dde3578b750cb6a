import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import type { ParsedReport } from '../model/runModel.js';
import { parseGoTestJson } from './goTestJson.js';
import { parseJestJson } from './jestJson.js';
import { parseJunitXml, parseJunitXmlStream } from './junitXml.js';
import { parseMochaJson } from './mochaJson.js';
import { parseNodeTestEvents } from './nodeTestEvents.js';
import type { ParseOptions, ReportFormat } from './reportFormat.js';
import { ReportParseError } from './reportParseError.js';
import { sniffFormat, unsupportedFormat } from './sniffFormat.js';
import { parseTap } from './tap.js';
import { parseTerminalOutput } from './terminalOutput.js';
import { parseVitestJson } from './vitestJson.js';

export { parseGoTestJson } from './goTestJson.js';
export { parseJestJson } from './jestJson.js';
export { JunitXmlReader, parseJunitXml, parseJunitXmlStream } from './junitXml.js';
export { locationFromStack, type Location } from './locationFromStack.js';
export { mergeReports } from './mergeReports.js';
export { parseMochaJson } from './mochaJson.js';
export { parseNodeTestEvents } from './nodeTestEvents.js';
export { normalizeMessage } from './normalizeMessage.js';
export { portablePath, projectPath } from './projectPath.js';
export { isReportFormat, reportFormats, type ParseOptions, type ReportFormat } from './reportFormat.js';
export { ReportParseError } from './reportParseError.js';
export { sniffFormat, unsupportedFormat } from './sniffFormat.js';
export { parseTap } from './tap.js';
export { parseTerminalOutput } from './terminalOutput.js';
export { testId } from './testResult.js';
export { parseVitestJson } from './vitestJson.js';

/** Options of parseReportText: the format when known (else sniffed), the root, the file for messages. */
export interface ReportTextOptions extends ParseOptions {
  format?: ReportFormat;
  fileName?: string;
}

const parsers: Record<
  Exclude<ReportFormat, 'stdout'>,
  (text: string, options: ParseOptions) => ParsedReport
> = {
  junit: parseJunitXml,
  tap: parseTap,
  'vitest-json': parseVitestJson,
  'jest-json': parseJestJson,
  'mocha-json': parseMochaJson,
  'node-test': parseNodeTestEvents,
  'go-json': parseGoTestJson,
};

function unknownFormat(text: string, fileName: string | undefined): ReportParseError {
  if (text.trim() === '') return new ReportParseError(fileName ?? null, 'empty file: no test results in it');
  const other = unsupportedFormat(text);
  const reason = other
    ? `${other} is not a format batch reads; have the runner write JUnit XML`
    : 'not a test report batch recognises (JUnit XML, TAP, jest/vitest/mocha JSON, node:test or go test -json events, or test-runner output with a summary)';
  return new ReportParseError(fileName ?? null, reason);
}

function withPath(error: unknown, fileName: string | undefined): unknown {
  return error instanceof ReportParseError && error.path === null && fileName !== undefined
    ? error.withPath(fileName)
    : error;
}

/** Parses a report held in memory: the given format, or the one its content shows (sniffFormat). */
export function parseReportText(text: string, options: ReportTextOptions): ParsedReport {
  const format = options.format ?? sniffFormat(text, options.fileName);
  if (format === null) throw unknownFormat(text, options.fileName);
  const parseOptions = { root: options.root };
  try {
    if (format !== 'stdout') return parsers[format](text, parseOptions);
    const report = parseTerminalOutput(text, parseOptions);
    if (report === null) throw new ReportParseError(null, 'no test summary batch recognises in this output');
    return report;
  } catch (error) {
    throw withPath(error, options.fileName);
  }
}

async function readHead(path: string): Promise<{ head: string; size: number }> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'file not found' : `cannot read the file (${code ?? String(error)})`;
    throw new ReportParseError(path, reason, { cause: error });
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw new ReportParseError(path, 'is a directory, not a report file');
    const buffer = Buffer.alloc(Math.min(stat.size, 64 * 1024));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return { head: buffer.subarray(0, bytesRead).toString('utf8'), size: stat.size };
  } finally {
    await handle.close();
  }
}

/**
 * Parses a report file. JUnit XML is streamed (bounded memory on huge files); other formats are
 * read whole. Throws ReportParseError naming the file for a missing or empty file, a file that is
 * not a test report, and truncated XML or JSON.
 */
export async function parseReportFile(
  path: string,
  options: ParseOptions & { format?: ReportFormat },
): Promise<ParsedReport> {
  const { head, size } = await readHead(path);
  if (size === 0) throw new ReportParseError(path, 'empty file: no test results in it');
  const xml = head
    .replace(/^\uFEFF/, '')
    .trimStart()
    .startsWith('<');
  const format = options.format ?? (xml ? sniffFormat(head, path) : undefined);
  if (xml && format === null) throw unknownFormat(head, path);
  try {
    if (format === 'junit') {
      return await parseJunitXmlStream(
        createReadStream(path, { encoding: 'utf8', highWaterMark: 256 * 1024 }),
        options,
      );
    }
    const text = await readFile(path, 'utf8');
    return parseReportText(text, { root: options.root, fileName: path, ...(format ? { format } : {}) });
  } catch (error) {
    throw withPath(error, path);
  }
}
