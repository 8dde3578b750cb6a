import { Writable } from 'node:stream';
import stripAnsi from 'strip-ansi';

/** Erase the current terminal line and go back to its start. */
const CLEAR_LINE = '\r\x1b[2K';

/**
 * One status line kept at the bottom of a terminal: every other line printed through `stream()` is
 * written above it, and the line is redrawn after. Without a terminal it does nothing.
 */
export class LiveStatus {
  private text = '';
  /** While the test runner owns the terminal (its output and progress line), the line is not drawn. */
  private suspended = false;
  private readonly out: NodeJS.WriteStream;
  readonly enabled: boolean;

  constructor(out: NodeJS.WriteStream, enabled: boolean) {
    this.out = out;
    this.enabled = enabled;
  }

  /** Replaces the status line (cut to the terminal's width so it never wraps). */
  set(text: string): void {
    if (!this.enabled) return;
    const width = this.out.columns || 80;
    const plain = stripAnsi(text);
    this.text = plain.length >= width ? `${plain.slice(0, width - 2)}…` : text;
    if (!this.suspended) this.out.write(`${CLEAR_LINE}${this.text}`);
  }

  /** Writes full lines above the status line. */
  print(chunk: string, target: NodeJS.WritableStream = this.out): void {
    if (!this.enabled || this.suspended) {
      target.write(chunk);
      return;
    }
    this.out.write(CLEAR_LINE);
    target.write(chunk);
    this.out.write(this.text);
  }

  /** Hides the line while something else draws on the terminal (a test run's output and progress). */
  suspend(): void {
    if (!this.enabled || this.suspended) return;
    this.out.write(CLEAR_LINE);
    this.suspended = true;
  }

  /** Draws the line again after `suspend`. */
  resume(): void {
    if (!this.enabled || !this.suspended) return;
    this.suspended = false;
    this.out.write(`${CLEAR_LINE}${this.text}`);
  }

  /** Removes the status line for good (before the last messages). */
  clear(): void {
    if (!this.enabled || this.text === '') return;
    this.out.write(CLEAR_LINE);
    this.text = '';
  }

  /** A stream whose writes go above the status line (hand it to a Printer). */
  stream(target: NodeJS.WritableStream): NodeJS.WritableStream {
    return new Writable({
      write: (chunk: Buffer | string, _encoding, callback) => {
        this.print(chunk.toString(), target);
        callback();
      },
    });
  }
}
