import kleur from 'kleur';
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
    (this.options.json ? this.err : this.out).write(`${message}\n`);
  }

  /** A result line that --quiet keeps (verdicts), still off stdout in --json mode. */
  result(message: string): void {
    (this.options.json ? this.err : this.out).write(`${message}\n`);
  }

  warn(message: string): void {
    this.err.write(`${this.c.yellow('warning:')} ${message}\n`);
  }

  debug(message: string): void {
    if (!this.options.verbose) return;
    // time since the process started, so a slow step shows where it is
    const at = Math.round(performance.now());
    this.err.write(`${this.c.dim(`debug: [${at} ms] ${message}`)}\n`);
  }

  error(message: string, hint?: string, details: readonly string[] = []): void {
    this.err.write(`${this.c.red('error:')} ${message}\n`);
    for (const line of details) this.err.write(`  ${line}\n`);
    if (hint) this.err.write(`${this.c.cyan('hint:')} ${hint}\n`);
  }

  /** The one JSON document of a --json command. */
  json(value: unknown): void {
    this.out.write(`${JSON.stringify(value, null, 2)}\n`);
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
