import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built CLI every end-to-end test runs (built by `npm test` before vitest starts). */
export const BATCH_BIN = fileURLToPath(new URL('../../bin/batch.js', import.meta.url));
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A hermetic environment: no user or system git config, fixed identity and dates, no colour. */
export function hermeticEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const key of ['PATH', 'SystemRoot', 'TMPDIR', 'LANG'])
    if (process.env[key]) env[key] = process.env[key];
  return {
    ...env,
    HOME: home,
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Test Author',
    GIT_AUTHOR_EMAIL: 'author@example.com',
    GIT_COMMITTER_NAME: 'Test Committer',
    GIT_COMMITTER_EMAIL: 'committer@example.com',
    GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
    GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
    TZ: 'UTC',
    NO_COLOR: '1',
    CI: 'true',
    ...extra,
  };
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A temp git repository with helpers to write files, run git and run the built CLI in it. */
export class TempRepo {
  readonly dir: string;
  readonly home: string;
  env: NodeJS.ProcessEnv;

  private constructor(base: string, makeDirs = true) {
    this.home = join(base, 'home');
    this.dir = join(base, 'repo');
    if (makeDirs) {
      mkdirSync(this.home);
      mkdirSync(this.dir);
    }
    this.env = hermeticEnv(this.home);
  }

  /** A new repository with `main` checked out and, unless `empty`, one commit holding README.md. */
  static create(options: { empty?: boolean } = {}): TempRepo {
    const repo = new TempRepo(realpathSync(mkdtempSync(join(tmpdir(), 'batch-test-'))));
    repo.git('init', '-q', '-b', 'main');
    if (!options.empty) {
      repo.write('README.md', '# sample\n');
      repo.git('add', '-A');
      repo.git('commit', '-q', '-m', 'initial');
    }
    return repo;
  }

  /**
   * An independent copy of this repository and its home (`cp -a`: modes, symlinks and times kept), for
   * tests that start from the same built-up state: the fixture is built once and each test gets its own.
   * Nothing of batch's or git's records a repository's absolute path, so the copy is a repository of its own.
   */
  copy(): TempRepo {
    const copy = new TempRepo(realpathSync(mkdtempSync(join(tmpdir(), 'batch-test-'))), false);
    for (const part of [this.home, this.dir]) {
      rmSync(join(dirname(copy.dir), basename(part)), { recursive: true, force: true });
      const result = spawnSync('cp', ['-a', part, dirname(copy.dir)], { encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`cp -a ${part} failed: ${result.stderr}`);
    }
    return copy;
  }

  path(relative: string): string {
    return join(this.dir, relative);
  }

  /** A path in batch's transient folder, `$(git rev-parse --git-path batch)` (the main worktree's). */
  transientPath(relative: string): string {
    return join(this.dir, '.git', 'batch', relative);
  }

  write(relative: string, content: string | Buffer): void {
    mkdirSync(dirname(this.path(relative)), { recursive: true });
    writeFileSync(this.path(relative), content);
  }

  /** Runs git in the repository and returns stdout; throws with stderr when it fails. */
  git(...args: string[]): string {
    const result = spawnSync('git', args, { cwd: this.dir, env: this.env, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
    return result.stdout;
  }

  /** Runs the built CLI synchronously. */
  batch(
    args: string[],
    options: { cwd?: string; env?: Record<string, string>; input?: string } = {},
  ): CliResult {
    const result: SpawnSyncReturns<string> = spawnSync(process.execPath, [BATCH_BIN, ...args], {
      cwd: options.cwd ?? this.dir,
      env: { ...this.env, ...options.env },
      encoding: 'utf8',
      input: options.input ?? '',
      maxBuffer: 1 << 26,
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  /** Runs the built CLI without waiting (for concurrency and kill tests). */
  spawnBatch(args: string[], env: Record<string, string> = {}) {
    return spawn(process.execPath, [BATCH_BIN, ...args], {
      cwd: this.dir,
      env: { ...this.env, ...env },
      stdio: 'pipe',
    });
  }

  /** Parsed `--json` output of a command that must succeed. */
  json<T>(args: string[]): T {
    const result = this.batch([...args, '--json']);
    if (result.code !== 0 && result.code !== 1 && result.code !== 2) {
      throw new Error(`batch ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
    }
    return JSON.parse(result.stdout) as T;
  }

  cleanup(): void {
    rmSync(dirname(this.dir), { recursive: true, force: true });
  }
}
