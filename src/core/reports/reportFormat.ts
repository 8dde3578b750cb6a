/** The report formats batch can read; `stdout` is terminal output scraped for a summary. */
export const reportFormats = [
  'junit',
  'tap',
  'vitest-json',
  'jest-json',
  'mocha-json',
  'node-test',
  'go-json',
  'stdout',
] as const;
export type ReportFormat = (typeof reportFormats)[number];

/** What every parser is handed. */
export interface ParseOptions {
  /** Absolute project root: file paths in the report are made relative to it. */
  root: string;
}

/** Whether a string names a format batch can read (for `report.format` in .batchrc). */
export function isReportFormat(value: string): value is ReportFormat {
  return (reportFormats as readonly string[]).includes(value);
}
