import kleur from 'kleur';
import { prettyJsonPieces } from '../adapters/jsonText.js';
import type { Logger } from '../core/context/logger.js';

/** Symbols used everywhere, so output reads the same from every command. */
export const symbols = {
  ok: '✓',
  fail: '✗',
  warn: '!',
  arrow: '→',
  dot: '·',
} as const;

export interface PrinterOptions {
  quiet: boolean;
  verbose: boolean;
  /** In --json mode stdout carries one JSON document and nothing else. */
  json: boolean;
  color: boolean;
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
}

/** kleur's colour codes: the only escape sequences batch itself writes. */
// eslint-disable-next-line no-control-regex
const COLOUR_CODE = /^\x1b\[[0-9;]*m/;
// C0 controls but tab and newline, DEL, and C1 controls (0x9b opens a sequence on some terminals).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

/**
 * Shows control characters in a line as `\xNN` so a file or test name cannot drive the terminal (set
 * its title, move the cursor, clear the screen). With colour on, batch's own colour codes are kept.
 */
export function escapeControls(text: string, keepColour: boolean): string {
  return text.replace(CONTROL, (char, offset: number) => {
    if (keepColour && char === '\x1b' && COLOUR_CODE.test(text.slice(offset))) return char;
    return `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
}

/** Writes what the CLI shows: plain lines on stdout, warnings and errors on stderr, colour when wanted. */
export class Printer implements Logger {
  readonly options: PrinterOptions;
  readonly c: typeof kleur;
  private readonly out: NodeJS.WritableStream;
  private readonly err: NodeJS.WritableStream;

  constructor(options: PrinterOptions) {
    this.options = options;
    this.out = options.stdout ?? process.stdout;
    this.err = options.stderr ?? process.stderr;
    kleur.enabled = options.color;
    this.c = kleur;
  }

  /** A normal line on stdout (stderr in --json mode, nothing with --quiet). */
  info(message: string): void {
    if (this.options.quiet) return;
    (this.options.json ? this.err : this.out).write(`${this.safe(message)}\n`);
  }

  /** A result line that --quiet keeps (verdicts), still off stdout in --json mode. */
  result(message: string): void {
    (this.options.json ? this.err : this.out).write(`${this.safe(message)}\n`);
  }

  warn(message: string): void {
    this.err.write(`${this.c.yellow('warning:')} ${this.safe(message)}\n`);
  }

  private safe(text: string): string {
    return escapeControls(text, this.options.color);
  }

  debug(message: string): void {
    if (!this.options.verbose) return;
    // time since the process started, so a slow step shows where it is
    const at = Math.round(performance.now());
    this.err.write(`${this.c.dim(`debug: [${at} ms] ${this.safe(message)}`)}\n`);
  }

  error(message: string, hint?: string, details: readonly string[] = []): void {
    this.err.write(`${this.c.red('error:')} ${this.safe(message)}\n`);
    for (const line of details) this.err.write(`  ${this.safe(line)}\n`);
    if (hint) this.err.write(`${this.c.cyan('hint:')} ${this.safe(hint)}\n`);
  }

  /** The one JSON document of a --json command; in pieces, as a run of millions of tests is too long for one string. */
  json(value: unknown): void {
    let chunk = '';
    for (const piece of prettyJsonPieces(value)) {
      chunk += piece;
      if (chunk.length >= 1 << 20) {
        this.out.write(chunk);
        chunk = '';
      }
    }
    this.out.write(`${chunk}\n`);
  }

  /** Raw text on stdout, whatever the mode (reports printed in a chosen format). */
  raw(text: string): void {
    this.out.write(text.endsWith('\n') ? text : `${text}\n`);
  }
}

/** Colour on when stdout is a terminal, or FORCE_COLOR says so; off with NO_COLOR (no-color.org). */
export function wantsColor(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return isTTY && env.TERM !== 'dumb';
}
