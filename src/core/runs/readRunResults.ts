import { stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import type { ReportConfig } from '../model/config.js';
import { isReportFormat, type ReportFormat } from '../reports/reportFormat.js';
import { ReportParseError } from '../reports/reportParseError.js';
import type { RunPlan } from './runPlan.js';
import type { ParsedReport } from '../model/runModel.js';

type ReportsApi = typeof import('../reports/index.js');
let reportsApi: Promise<ReportsApi> | null = null;

/**
 * The report parsers, loaded on first use: runTests starts loading them while the tests run, so
 * their start-up cost stays off the run's critical path.
 */
export function loadReportParsers(): Promise<ReportsApi> {
  reportsApi ??= import('../reports/index.js');
  return reportsApi;
}

export interface ResultsInput {
  plan: RunPlan;
  /** `report` from .batchrc: a file the command writes itself. */
  configured: ReportConfig | null;
  root: string;
  /** Epoch ms the command started, by the file system's clock: a report file older than that is never read. */
  startedAt: number;
  /** The command's output (bounded), scraped when there is no report. */
  output: string;
  exitCode: number | null;
}

export interface RunResults {
  report: ParsedReport;
  /** Report files read (absolute). */
  files: string[];
  notes: string[];
}

/**
 * Whether a file was written during the run. File systems store mtimes at different granularities
 * (whole seconds on some), so a time on a whole second counts from that second.
 */
async function writtenSince(path: string, startedAt: number): Promise<'fresh' | 'stale' | 'missing'> {
  try {
    const info = await stat(path);
    const mtime = info.mtimeMs;
    const coarse = mtime % 1000 === 0 && mtime >= Math.floor(startedAt / 1000) * 1000;
    return mtime >= startedAt || coarse ? 'fresh' : 'stale';
  } catch {
    return 'missing';
  }
}

async function readReport(
  path: string,
  format: ReportFormat | undefined,
  input: ResultsInput,
  notes: string[],
): Promise<ParsedReport | null> {
  const age = await writtenSince(path, input.startedAt);
  if (age === 'missing') {
    notes.push(`no report at ${path}: the runner did not write one`);
    return null;
  }
  if (age === 'stale') {
    notes.push(`${path} is older than this run, so it was not read`);
    return null;
  }
  const { parseReportFile } = await loadReportParsers();
  try {
    return await parseReportFile(path, { root: input.root, ...(format ? { format } : {}) });
  } catch (error) {
    if (!(error instanceof ReportParseError)) throw error;
    notes.push(`could not read ${path}: ${error.message.split('\n')[0] ?? ''}`);
    return null;
  }
}

function exitCodeOnly(exitCode: number | null): ParsedReport {
  return {
    format: 'exit-code',
    tests: [],
    durationMs: null,
    counts: null,
    notes: [
      exitCode === null
        ? 'no per-test results: the command was ended before it reported any'
        : `no per-test results: judged by exit code ${exitCode}`,
    ],
  };
}

/**
 * The run's results, from the best source there is: the report batch asked the runner for, the
 * report `.batchrc` names, the terminal output (every test where it lists them all, else its summary
 * and failure lines), and last the exit code
 * alone (said plainly). A report file older than the run is never read.
 */
export async function readRunResults(input: ResultsInput): Promise<RunResults> {
  const notes: string[] = [];
  const candidates: { path: string; format: ReportFormat | undefined }[] = [];
  if (input.plan.report) candidates.push(input.plan.report);
  if (input.configured) {
    const path = isAbsolute(input.configured.path)
      ? input.configured.path
      : resolve(input.root, input.configured.path);
    const format = isReportFormat(input.configured.format) ? input.configured.format : undefined;
    candidates.push({ path, format });
  }
  const reports: ParsedReport[] = [];
  const files: string[] = [];
  for (const candidate of candidates) {
    const report = await readReport(candidate.path, candidate.format, input, notes);
    if (report === null) continue;
    reports.push(report);
    files.push(candidate.path);
    break;
  }
  const { mergeReports, parseTerminalOutput } = await loadReportParsers();
  const [first] = reports;
  if (first !== undefined) {
    return { report: reports.length === 1 ? first : mergeReports(reports), files, notes };
  }
  const scraped = parseTerminalOutput(input.output, { root: input.root });
  if (scraped !== null) {
    notes.push(
      scraped.counts === null
        ? 'read from the terminal output, which lists every test'
        : 'read from the terminal output: counts, and the failing tests it names',
    );
    return { report: scraped, files: [], notes };
  }
  return { report: exitCodeOnly(input.exitCode), files: [], notes };
}
