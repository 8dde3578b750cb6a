import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { execa } from 'execa';
import { BoundedOutput } from './boundedOutput.js';
import { endGroup } from './processGroup.js';

export interface TestProcessOptions {
  /** A shell command line, run by `sh -c` (cmd.exe on Windows). */
  command: string;
  cwd: string;
  env: Record<string, string>;
  /** The whole process tree is ended after this many milliseconds. */
  timeoutMs: number;
  /** Where the output is kept, bounded (head and tail around a note of what was cut). */
  logFile: string;
  /** Cap of the log file (default 5 MB). */
  logBytes?: number;
  /** Output kept in memory for scraping (default 2 MB, head and tail). */
  memoryBytes?: number;
  /** Between SIGTERM and SIGKILL when the tree is ended (default 3 s). */
  graceMs?: number;
  /** Aborting it ends the tree (Ctrl-C); the result says `interrupted`. */
  signal?: AbortSignal;
  /**
   * Every chunk of output as it arrives (stdout and stderr interleaved). Returning false pauses the
   * command's output until `whenDrained` resolves, so a slow reader (a pipe) holds the runner back
   * instead of piling output up in memory.
   */
  onOutput?: (chunk: Buffer) => boolean | void;
  whenDrained?: () => Promise<void>;
  /** When set, stdout is written here in full (a runner whose stdout is its report, e.g. `go test -json`). */
  stdoutFile?: string;
  /**
   * Turns each stdout line into what is shown and logged (null hides it). Used when stdout is a
   * machine report and the person should see the human text inside it.
   */
  displayLine?: (line: string) => string | null;
}

export interface TestProcessResult {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  interrupted: boolean;
  /** The command could not be started at all (no shell, bad cwd). */
  spawnError: string | null;
  /** Epoch milliseconds when the process was started. */
  startedAt: number;
  durationMs: number;
  /** Output (stdout and stderr interleaved), bounded: head and tail. */
  output: string;
  /** Bytes of output cut from `output`. */
  outputCut: number;
  /** Bytes of output seen in all. */
  outputBytes: number;
}

const MB = 1024 * 1024;

/** A file that keeps its first `cap/2` bytes as they come and the last `cap/2` until close. */
class BoundedLog {
  private readonly fd: number;
  private readonly buffer: BoundedOutput;

  constructor(file: string, cap: number) {
    mkdirSync(dirname(file), { recursive: true });
    this.fd = openSync(file, 'w');
    this.buffer = new BoundedOutput(Math.floor(cap / 2), Math.ceil(cap / 2));
  }

  write(chunk: Buffer): void {
    const head = this.buffer.push(chunk);
    if (head.length > 0) writeSync(this.fd, head);
  }

  close(): void {
    if (this.buffer.cut > 0) writeSync(this.fd, `\n[… ${this.buffer.cut} bytes of output cut here …]\n`);
    const tail = this.buffer.tailBuffer();
    if (tail.length > 0) writeSync(this.fd, tail);
    closeSync(this.fd);
  }
}

/** Splits stdout into lines for `displayLine`, keeping a partial line between chunks (bounded). */
function lineTransformer(transform: (line: string) => string | null): (chunk: Buffer) => Buffer {
  let partial = '';
  return (chunk) => {
    const text = partial + chunk.toString('utf8');
    const lines = text.split('\n');
    partial = lines.pop() ?? '';
    if (partial.length > MB) {
      lines.push(partial);
      partial = '';
    }
    const shown = lines.map(transform).filter((l): l is string => l !== null);
    return Buffer.from(shown.join(''), 'utf8');
  };
}

/**
 * Runs a test command through the shell in its own process group, so a timeout or Ctrl-C ends the
 * whole tree (SIGTERM, then SIGKILL after a grace period). Output is streamed to `onOutput`, kept
 * bounded in the log file and in memory. Never rejects: failures to start come back in `spawnError`.
 */
export async function runTestProcess(options: TestProcessOptions): Promise<TestProcessResult> {
  const graceMs = options.graceMs ?? 3000;
  const log = new BoundedLog(options.logFile, options.logBytes ?? 5 * MB);
  const memoryBytes = options.memoryBytes ?? 2 * MB;
  const kept = new BoundedOutput(Math.floor(memoryBytes / 4), Math.ceil((memoryBytes * 3) / 4));
  const stdoutFd = options.stdoutFile ? openSync(options.stdoutFile, 'w') : null;
  const display = options.displayLine ? lineTransformer(options.displayLine) : null;
  const startedAt = Date.now();
  const started = performance.now();
  let timedOut = false;
  let interrupted = false;

  const subprocess = execa(options.command, {
    shell: true,
    cwd: options.cwd,
    env: options.env,
    extendEnv: false,
    // Its own process group: ending -pgid reaches grandchildren (workers, shells, sleeping helpers).
    detached: true,
    stdin: 'ignore',
    buffer: false,
    reject: false,
    // We end the tree ourselves (execa would signal only the shell).
    cleanup: false,
  });

  let paused = false;
  const emit = (chunk: Buffer) => {
    if (chunk.length === 0) return;
    log.write(chunk);
    kept.push(chunk);
    if (options.onOutput?.(chunk) === false && options.whenDrained && !paused) {
      paused = true;
      subprocess.stdout?.pause();
      subprocess.stderr?.pause();
      void options.whenDrained().then(() => {
        paused = false;
        subprocess.stdout?.resume();
        subprocess.stderr?.resume();
      });
    }
  };
  subprocess.stdout?.on('data', (chunk: Buffer) => {
    if (stdoutFd !== null) writeSync(stdoutFd, chunk);
    emit(display ? display(chunk) : chunk);
  });
  subprocess.stderr?.on('data', (chunk: Buffer) => emit(chunk));

  const pid = subprocess.pid;
  let ending: Promise<void> | null = null;
  const endTree = () => {
    if (pid === undefined) return Promise.resolve();
    ending ??= endGroup(pid, graceMs);
    return ending;
  };
  const timer = setTimeout(() => {
    timedOut = true;
    void endTree();
  }, options.timeoutMs);
  const onAbort = () => {
    interrupted = true;
    void endTree();
  };
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener('abort', onAbort, { once: true });
  // When the shell exits, helpers it left behind in the group (and holding our pipes) are ended too.
  subprocess.on('exit', () => void endTree());

  const result = await subprocess;
  clearTimeout(timer);
  options.signal?.removeEventListener('abort', onAbort);
  await endTree();
  log.close();
  if (stdoutFd !== null) closeSync(stdoutFd);

  const spawnError =
    result.failed && result.exitCode === undefined && !result.signal && !timedOut && !interrupted
      ? (result.originalMessage ?? result.shortMessage ?? 'could not start')
      : null;
  return {
    exitCode: result.exitCode ?? null,
    signal: result.signal ?? null,
    timedOut,
    interrupted,
    spawnError,
    startedAt,
    durationMs: performance.now() - started,
    output: kept.text(),
    outputCut: kept.cut,
    outputBytes: kept.total,
  };
}
