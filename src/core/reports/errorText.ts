import stripAnsi from 'strip-ansi';
import { capText } from './capText.js';

// a stack frame (`    at f (file:1:2)`) or a line of jest's code frame (`  > 5 | code`)
const frame = /^\s+at \S|^\s*>?\s*\d+ \|/m;
// the head of a stack: an error's name (`AssertionError [ERR_ASSERTION]`), a colon, its message
const stackHead = /^\s*[\w$.]+(?: \[[\w$]+\])?: (.*)$/;

/**
 * Where the stack in an error text begins: its first frame, or before that the `Name: message` line
 * of a stack that repeats the message printed above it (mocha's xunit and TAP reporters print the
 * message, a diff, then the stack). -1 when there is no stack.
 */
function stackStart(clean: string): number {
  const at = clean.search(frame);
  const lines = (at < 0 ? clean : clean.slice(0, at)).split('\n');
  const first = lines.findIndex((l) => l.trim() !== '');
  let offset = 0;
  for (const [i, line] of lines.entries()) {
    if (i > first && first >= 0 && stackHead.exec(line)?.[1]?.trim() === lines[first]?.trim()) return offset;
    offset += line.length + 1;
  }
  return at;
}

/**
 * A runner's error text (`Error: msg\n    at frame…`) split into the message (the lines before the
 * stack, ANSI removed) and the stack (the whole text). Empty text gives nulls.
 */
export function errorText(raw: string | null | undefined): { message: string | null; stack: string | null } {
  if (!raw) return { message: null, stack: null };
  const clean = stripAnsi(raw).replace(/\r\n?/g, '\n');
  const start = stackStart(clean);
  const message = (start >= 0 ? clean.slice(0, start) : clean).trim();
  const stack = clean.trim();
  return { message: message === '' ? null : capText(message), stack: stack === '' ? null : capText(stack) };
}

/**
 * The message of a failure text that holds a stack: the lines before it (jest-junit's matcher hint
 * and its `Expected`/`Received` lines). Null when the text holds no stack, so that a caller can fall
 * back on its first line rather than keep a whole log as the message.
 */
export function messageBeforeStack(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const clean = stripAnsi(raw).replace(/\r\n?/g, '\n');
  return stackStart(clean) < 0 ? null : errorText(clean).message;
}

/**
 * The message of a failure block printed indented under a test's title (node's spec, jest, mocha):
 * its lines lose the first line's indentation, or what they have of it (mocha leaves the lines of a
 * multi-line message unindented).
 */
export function blockMessage(lines: readonly string[]): string | null {
  const first = lines.find((l) => l.trim() !== '') ?? '';
  const indent = first.length - first.trimStart().length;
  const dedented = lines.map((l) => l.slice(Math.min(indent, l.length - l.trimStart().length)));
  return errorText(dedented.join('\n')).message;
}
