/**
 * A node:test custom reporter that writes each test result as one JSON line, for batch to read.
 * Run as `node --test --test-reporter=<this file> --test-reporter-destination=<file.jsonl>` (plus
 * `--test-reporter=spec --test-reporter-destination=stdout` to keep the usual output). Unlike TAP or
 * node's JUnit reporter on Node 20, these events carry file, line and column for every test.
 */

import { fileURLToPath } from 'node:url';

/**
 * This module's own file, to pass as `--test-reporter=`: dist/reporters/nodeTestReporter.js once
 * built (node 20 cannot load the .ts source).
 */
export const nodeTestReporterPath = fileURLToPath(import.meta.url);

interface ReporterEvent {
  type: string;
  data?: Record<string, unknown>;
}

const kept = new Set(['test:pass', 'test:fail', 'test:diagnostic']);

function errorFields(error: unknown): Record<string, unknown> {
  if (error === null || typeof error !== 'object') return { message: String(error) };
  const e = error as Record<string, unknown>;
  const fields: Record<string, unknown> = {};
  for (const key of ['name', 'message', 'stack', 'code', 'failureType']) {
    const value = e[key];
    if (typeof value === 'string' || typeof value === 'number') fields[key] = value;
  }
  return fields;
}

/**
 * An error as plain JSON: its name, message, stack, code and failureType, and the same of its causes
 * (node wraps a test's own error as the `cause` of an ERR_TEST_FAILURE; that error may have a cause too).
 */
export function serializeError(error: unknown, depth = 0): Record<string, unknown> | undefined {
  if (error === undefined) return undefined;
  const fields = errorFields(error);
  const cause =
    error !== null && typeof error === 'object' ? (error as { cause?: unknown }).cause : undefined;
  if (cause !== undefined && depth < 3) fields.cause = serializeError(cause, depth + 1);
  return fields;
}

function eventData(data: Record<string, unknown>): Record<string, unknown> {
  const details = (data.details ?? {}) as Record<string, unknown>;
  return {
    name: data.name,
    nesting: data.nesting,
    testNumber: data.testNumber,
    file: data.file,
    line: data.line,
    column: data.column,
    skip: data.skip,
    todo: data.todo,
    message: data.message,
    details: {
      duration_ms: details.duration_ms,
      type: details.type,
      error: serializeError(details.error),
    },
  };
}

/** The reporter: node:test hands it the event stream and writes what it yields to the destination. */
export default async function* nodeTestReporter(
  source: AsyncIterable<ReporterEvent>,
): AsyncGenerator<string> {
  for await (const event of source) {
    if (!kept.has(event.type)) continue;
    yield `${JSON.stringify({ type: event.type, data: eventData(event.data ?? {}) })}\n`;
  }
}
