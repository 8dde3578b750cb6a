import type { RunProgress } from '../core/runs/progressCounter.js';

/**
 * The live line on a terminal: `⋯ batch 3 · 12 s · 34 tests (1 failed)`, redrawn every second and
 * around the test command's own output (cleared before a chunk, drawn again after a full line).
 */
export class ProgressLine {
  private readonly stream: NodeJS.WriteStream;
  private readonly label: string;
  private readonly startedAt = Date.now();
  private progress: RunProgress | null = null;
  private shown = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(stream: NodeJS.WriteStream, label: string) {
    this.stream = stream;
    this.label = label;
  }

  start(): void {
    this.draw();
    this.timer = setInterval(() => this.draw(), 1000);
  }

  update(progress: RunProgress): void {
    this.progress = progress;
  }

  /** Writes the command's output without tearing the line. */
  around(write: () => void, endsLine: boolean): void {
    this.clear();
    write();
    if (endsLine) this.draw();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.clear();
  }

  private text(): string {
    const seconds = Math.floor((Date.now() - this.startedAt) / 1000);
    const tests = this.progress?.tests;
    const counted =
      tests === null || tests === undefined
        ? ''
        : ` · ${tests} test${tests === 1 ? '' : 's'}${this.progress?.failed ? ` (${this.progress.failed} failed)` : ''}`;
    const line = `⋯ ${this.label} · ${seconds} s${counted}`;
    const width = this.stream.columns || 80;
    return line.length >= width ? line.slice(0, width - 1) : line;
  }

  private draw(): void {
    if (this.timer === null && this.shown) return;
    this.stream.write(`\r\u001b[K${this.text()}`);
    this.shown = true;
  }

  private clear(): void {
    if (!this.shown) return;
    this.stream.write('\r\u001b[K');
    this.shown = false;
  }
}
