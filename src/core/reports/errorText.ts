import stripAnsi from 'strip-ansi';
import { capText } from './capText.js';

/**
 * A runner's error text (`Error: msg\n    at frame…`) split into the message (the lines before the
 * first stack frame, ANSI removed) and the stack (the whole text). Empty text gives nulls.
 */
export function errorText(raw: string | null | undefined): { message: string | null; stack: string | null } {
  if (!raw) return { message: null, stack: null };
  const clean = stripAnsi(raw).replace(/\r\n?/g, '\n');
  // the message ends where the stack frames (`    at f (file:1:2)`) or jest's code frame (`  > 5 | code`) begin
  const frame = clean.search(/^\s+at \S|^\s*>?\s*\d+ \|/m);
  const message = (frame >= 0 ? clean.slice(0, frame) : clean).trim();
  const stack = clean.trim();
  return { message: message === '' ? null : capText(message), stack: stack === '' ? null : capText(stack) };
}
