/**
 * JSON too large for one string (a run of 4,000,000 tests is over a gigabyte as batch writes it, V8's
 * strings stop at 2^29 characters): written in pieces, read back by parsing the top level and each
 * item of its lists one at a time. A file that fits one string is parsed by one JSON.parse.
 */
import { constants } from 'node:buffer';

const INDENT = '  ';

/** Containers this deep and deeper are written by one JSON.stringify (a test, an edit). */
const SPLIT_DEPTH = 2;

function plain(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { toJSON?: unknown }).toJSON !== 'function'
  );
}

function skipped(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

/**
 * `JSON.stringify(value, null, 2)` of a value standing `level` containers deep: wrapped in as many
 * lists, so that V8 indents it, then cut out of them.
 */
function leafText(value: unknown, level: number): string {
  let wrapped: unknown = value;
  for (let i = 0; i < level; i++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2) as string | undefined;
  if (text === undefined) return 'null';
  let prefix = 0;
  for (let i = 1; i <= level; i++) prefix += 2 + 2 * i;
  return level === 0 ? text : text.slice(prefix, text.length - (prefix - 2 * level));
}

/**
 * The text of `JSON.stringify(value, null, 2)`, in pieces none of which holds more than one item of a
 * top-level list, so that the whole never has to fit one string.
 */
export function* prettyJsonPieces(value: unknown, depth = 0): Generator<string> {
  if (depth >= SPLIT_DEPTH || !plain(value)) {
    yield leafText(value, depth);
    return;
  }
  const indent = INDENT.repeat(depth);
  const inner = indent + INDENT;
  const items: [string | null, unknown][] = Array.isArray(value)
    ? value.map((item: unknown) => [null, skipped(item) ? null : item])
    : Object.entries(value as object).filter(([, item]) => !skipped(item));
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (items.length === 0) {
    yield `${open}${close}`;
    return;
  }
  yield `${open}\n`;
  for (let i = 0; i < items.length; i++) {
    const [key, item] = items[i] as [string | null, unknown];
    const head = key === null ? inner : `${inner}${JSON.stringify(key)}: `;
    const tail = i < items.length - 1 ? ',\n' : '\n';
    if (depth + 1 >= SPLIT_DEPTH || !plain(item)) {
      yield `${head}${leafText(item, depth + 1)}${tail}`;
    } else {
      yield head;
      yield* prettyJsonPieces(item, depth + 1);
      yield tail;
    }
  }
  yield `${indent}${close}`;
}

/**
 * The longest text (in UTF-8 bytes) parsed as one string: V8's limit, lower when
 * `BATCH_JSON_STRING_LIMIT` says so (tests reach the piecewise reading with small files that way).
 */
export function jsonStringLimit(env: NodeJS.ProcessEnv = process.env): number {
  const asked = Number(env.BATCH_JSON_STRING_LIMIT);
  return Number.isInteger(asked) && asked > 0
    ? Math.min(asked, constants.MAX_STRING_LENGTH)
    : constants.MAX_STRING_LENGTH;
}

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPENERS = new Map([
  [0x7b, 0x7d],
  [0x5b, 0x5d],
]);

/** Reads a JSON document held in a buffer larger than a string can be (see jsonStringLimit). */
class PiecewiseParser {
  constructor(private readonly bytes: Buffer) {}

  parse(): unknown {
    const [value, end] = this.value(this.space(0), 0);
    if (this.space(end) !== this.bytes.length)
      this.fail(end, 'Unexpected non-whitespace character after JSON');
    return value;
  }

  private fail(at: number, what: string): never {
    throw new SyntaxError(`${what} at position ${at}`);
  }

  private space(at: number): number {
    let i = at;
    while (i < this.bytes.length && WHITESPACE.has(this.bytes[i] as number)) i++;
    return i;
  }

  private expect(at: number, byte: number): number {
    if (this.bytes[at] !== byte) this.fail(at, `Expected '${String.fromCharCode(byte)}'`);
    return at + 1;
  }

  /** Where the string, container or literal starting at `at` ends (one past it). */
  private end(at: number): number {
    const bytes = this.bytes;
    let depth = 0;
    let i = at;
    while (i < bytes.length) {
      const byte = bytes[i] as number;
      if (byte === QUOTE) {
        i++;
        while (i < bytes.length && bytes[i] !== QUOTE) i += bytes[i] === BACKSLASH ? 2 : 1;
        if (i >= bytes.length) this.fail(at, 'Unterminated string in JSON');
        i++;
        if (depth === 0) return i;
        continue;
      }
      if (OPENERS.has(byte)) depth++;
      else if (byte === 0x7d || byte === 0x5d) {
        if (depth === 0) return i;
        depth--;
        if (depth === 0) return i + 1;
      } else if (depth === 0 && (byte === COMMA || byte === COLON || WHITESPACE.has(byte))) return i;
      i++;
    }
    if (depth > 0) this.fail(bytes.length, 'Unexpected end of JSON input');
    return i;
  }

  private whole(at: number): [unknown, number] {
    const end = this.end(at);
    if (end === at) this.fail(at, 'Unexpected token in JSON');
    try {
      return [JSON.parse(this.bytes.toString('utf8', at, end)), end];
    } catch (error) {
      return this.fail(at, (error as Error).message);
    }
  }

  private value(at: number, depth: number): [unknown, number] {
    const opener = this.bytes[at] as number;
    const close = OPENERS.get(opener);
    if (depth >= SPLIT_DEPTH || close === undefined) return this.whole(at);
    const isArray = opener === 0x5b;
    const result: unknown[] | Record<string, unknown> = isArray ? [] : {};
    let i = this.space(at + 1);
    if (this.bytes[i] === close) return [result, i + 1];
    for (;;) {
      if (isArray) {
        const [item, end] = this.value(i, depth + 1);
        (result as unknown[]).push(item);
        i = this.space(end);
      } else {
        const [key, keyEnd] = this.whole(i);
        if (typeof key !== 'string') this.fail(i, 'Expected a property name');
        const [item, end] = this.value(this.space(this.expect(this.space(keyEnd), COLON)), depth + 1);
        Object.defineProperty(result, key, {
          value: item,
          enumerable: true,
          writable: true,
          configurable: true,
        });
        i = this.space(end);
      }
      if (this.bytes[i] === close) return [result, i + 1];
      i = this.space(this.expect(i, COMMA));
    }
  }
}

/** Parses JSON text held in a buffer: as one string when it fits (jsonStringLimit), else piecewise. */
export function parseJsonBytes(bytes: Buffer, limit: number = jsonStringLimit()): unknown {
  if (bytes.length <= limit) return JSON.parse(bytes.toString('utf8'));
  return new PiecewiseParser(bytes).parse();
}

/** The largest file batch reads as JSON: node reads no larger file into one buffer. */
export const MAX_JSON_FILE_BYTES = 2 ** 31 - 1;

/** A JSON file larger than MAX_JSON_FILE_BYTES: refused, never half read. */
export class JsonFileTooLargeError extends Error {
  readonly file: string;
  readonly bytes: number;
  constructor(file: string, bytes: number) {
    super(`${file} is ${bytes} bytes, over the ${MAX_JSON_FILE_BYTES} bytes batch reads as JSON`);
    this.name = 'JsonFileTooLargeError';
    this.file = file;
    this.bytes = bytes;
  }
}

/** `1.3 GB`: a size for a message. */
export function sizeText(bytes: number): string {
  const units = ['bytes', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(1)} ${units[unit] as string}`;
}
