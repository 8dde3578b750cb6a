/** Reads `--results` report files (paths or globs, e.g. one per CI shard) into one parsed report. */
import { stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { compareMessages } from '../compare/compareMessages.js';
import { loadReportParsers } from './readRunResults.js';
import { BatchError } from '../context/errors.js';
import type { Logger } from '../context/logger.js';
import type { ReportFormat } from '../reports/reportFormat.js';
import type { ParsedReport } from '../model/runModel.js';

export interface ReadResultsOptions {
  cwd: string;
  /** Paths in tests are made relative to it. */
  root: string;
  /** A format name when the files' content should not be sniffed. */
  format?: ReportFormat;
  logger: Logger;
}

export interface ResultFiles {
  report: ParsedReport;
  /** Absolute paths of the files read, in the order they were merged. */
  files: string[];
}

/** The report parsers: loaded on first use, kept out of the start-up path of other commands. */
type ReportsApi = typeof import('../reports/index.js');

function shown(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}

/** Every file the patterns name, each pattern matching at least one (a missing file is an error). */
export async function expandResultPatterns(patterns: readonly string[], cwd: string): Promise<string[]> {
  const files = new Set<string>();
  for (const pattern of patterns) {
    const literal = resolve(cwd, pattern);
    // A file that exists is taken as named, even when its name holds glob characters (`[id].xml`).
    if (await isFile(literal)) {
      files.add(literal);
      continue;
    }
    // tinyglobby (and picomatch under it) loads only for a pattern: most runs never need it
    const { glob, isDynamicPattern } = await import('tinyglobby');
    if (!isDynamicPattern(pattern)) {
      throw new BatchError(compareMessages.resultsNotFound(pattern), { hint: compareMessages.resultsHint });
    }
    const matches = await glob(pattern, { cwd, absolute: true, onlyFiles: true, expandDirectories: false });
    if (matches.length === 0) {
      throw new BatchError(compareMessages.resultsGlobEmpty(pattern), { hint: compareMessages.resultsHint });
    }
    for (const match of matches.sort()) files.add(resolve(match));
  }
  return [...files];
}

/** The first line of a parser's message, without the file's name when the message starts with it. */
function reasonWithout(message: string, file: string, name: string): string {
  const line = (message.split('\n')[0] ?? '').replaceAll(file, name);
  return line.startsWith(`${name}: `) ? line.slice(name.length + 2) : line;
}

async function parseOne(api: ReportsApi, file: string, options: ReadResultsOptions): Promise<ParsedReport> {
  const name = shown(file, options.cwd);
  try {
    return await api.parseReportFile(file, {
      root: options.root,
      ...(options.format ? { format: options.format } : {}),
    });
  } catch (error) {
    if (error instanceof BatchError) throw error;
    const err = error instanceof Error ? error : new Error(String(error));
    const reason = reasonWithout(err.message, file, name);
    if (error instanceof api.ReportParseError) {
      throw new BatchError(compareMessages.reportRejected(name, reason), {
        hint: compareMessages.reportRejectedHint,
      });
    }
    if (typeof (error as { code?: unknown }).code === 'string') {
      throw new BatchError(compareMessages.reportUnreadable(name, reason));
    }
    // A parser that crashes on a user's file is still about that file: name it, keep the stack for --verbose.
    options.logger.debug(err.stack ?? reason);
    throw new BatchError(compareMessages.reportCrashed(name, reason), {
      hint: compareMessages.reportCrashedHint,
    });
  }
}

/** Expands the patterns, parses each file, and merges them (shards of one run) into one report. */
export async function readResults(
  patterns: readonly string[],
  options: ReadResultsOptions,
): Promise<ResultFiles> {
  const files = await expandResultPatterns(patterns, options.cwd);
  const api = await loadReportParsers();
  const reports: ParsedReport[] = [];
  for (const file of files) reports.push(await parseOne(api, file, options));
  const [only] = reports;
  const report = reports.length === 1 && only !== undefined ? only : api.mergeReports(reports);
  return { report, files };
}
