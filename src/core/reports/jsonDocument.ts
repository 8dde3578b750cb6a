import { ReportParseError } from './reportParseError.js';

/**
 * The JSON document in a report's text. Runners that print JSON on stdout (jest --json, mocha)
 * may have other lines around it (npm warnings, console.log), so when the whole text is not JSON
 * the document is taken from the first line that opens an object to the last closing brace.
 */
export function jsonDocument(text: string): unknown {
  const body = text.replace(/^\uFEFF/, '');
  try {
    return JSON.parse(body) as unknown;
  } catch (error) {
    const start = body.search(/^\{/m);
    const end = body.lastIndexOf('}');
    if (start >= 0 && end > start && (start > 0 || end < body.trimEnd().length - 1)) {
      try {
        return JSON.parse(body.slice(start, end + 1)) as unknown;
      } catch {
        // fall through to the original error
      }
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new ReportParseError(null, `invalid or truncated JSON (${reason})`, { cause: error });
  }
}

/** A value as a plain object, or an empty one: report fields are read defensively. */
export function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** A value as an array, or an empty one. */
export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [];
}

/** A value as a string, or null. */
export function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** A value as a finite number, or null. */
export function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** The objects of a JSON Lines text (go test -json, node:test events), and how many lines were not JSON. */
export function jsonLines(text: string): { events: Record<string, unknown>[]; unreadable: number } {
  const events: Record<string, unknown>[] = [];
  let unreadable = 0;
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    try {
      events.push(record(JSON.parse(line)));
    } catch {
      unreadable++;
    }
  }
  return { events, unreadable };
}
