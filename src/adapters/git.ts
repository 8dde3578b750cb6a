import { spawn } from 'node:child_process';

/** A git command that failed: the command line, its exit code and stderr, for one error policy everywhere. */
export class GitError extends Error {
  readonly args: readonly string[];
  readonly exitCode: number | null;
  readonly stderr: string;

  constructor(args: readonly string[], exitCode: number | null, stderr: string) {
    super(`git ${args.join(' ')} failed (exit ${exitCode ?? 'signal'}): ${stderr.trim() || 'no message'}`);
    this.name = 'GitError';
    this.args = args;
    this.exitCode = exitCode;
    this.stderr = stderr;
  }
}

export interface GitRunOptions {
  /** Written to git's stdin. */
  input?: string | Buffer;
  /** Extra environment for this call only (e.g. GIT_INDEX_FILE). */
  env?: Record<string, string>;
  /** Exit codes that are answers, not failures (e.g. 1 for `diff --quiet`). */
  okExitCodes?: number[];
}

export interface GitResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/**
 * Variables git sets for hooks or a user may have exported that would point our commands at another
 * repository, index or object store. They are dropped so every call acts on the cwd we pass explicitly.
 */
export const REPO_STEERING_VARIABLES = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_COMMON_DIR',
  'GIT_PREFIX',
  'GIT_NAMESPACE',
  'GIT_REFLOG_ACTION',
  'GIT_EDITOR',
];

/** The environment for git children: the caller's, minus repository-steering variables, plus ours. */
export function gitEnvironment(base: NodeJS.ProcessEnv): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) {
    if (value !== undefined && !REPO_STEERING_VARIABLES.includes(key)) env[key] = value;
  }
  // Pathspecs we pass are file names, never patterns: a file called `*.ts` must mean that file only.
  env.GIT_LITERAL_PATHSPECS = '1';
  // Never take the user's `.git/index.lock` for a read (status refreshes would otherwise write it).
  env.GIT_OPTIONAL_LOCKS = '0';
  // No pager, no prompts: batch runs in hooks and CI.
  env.GIT_TERMINAL_PROMPT = '0';
  env.GIT_PAGER = 'cat';
  env.LC_ALL = 'C';
  return env;
}

/** The one git adapter: explicit cwd, sanitised environment, typed errors. */
export class Git {
  readonly cwd: string;
  private readonly env: Record<string, string>;

  constructor(cwd: string, baseEnv: NodeJS.ProcessEnv) {
    this.cwd = cwd;
    this.env = gitEnvironment(baseEnv);
  }

  /** Runs git and resolves with its output; rejects with GitError unless the exit code is accepted. */
  run(args: readonly string[], options: GitRunOptions = {}): Promise<GitResult> {
    return new Promise((resolve, reject) => {
      const child = spawn('git', args, {
        cwd: this.cwd,
        env: options.env ? { ...this.env, ...options.env } : this.env,
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
      child.on('error', (error) => reject(new GitError(args, null, error.message)));
      child.on('close', (code) => {
        const result = {
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: Buffer.concat(err).toString('utf8'),
          exitCode: code ?? -1,
        };
        if (code === 0 || (code !== null && options.okExitCodes?.includes(code))) resolve(result);
        else reject(new GitError(args, code, result.stderr));
      });
      child.stdin.on('error', () => undefined);
      child.stdin.end(options.input ?? '');
    });
  }

  /** stdout of a successful command, with the trailing newline removed. */
  async text(args: readonly string[], options: GitRunOptions = {}): Promise<string> {
    return (await this.run(args, options)).stdout.replace(/\n$/, '');
  }

  /** stdout split on NUL, for `-z` output (empty entries dropped). */
  async nulSeparated(args: readonly string[], options: GitRunOptions = {}): Promise<string[]> {
    return (await this.run(args, options)).stdout.split('\0').filter((s) => s.length > 0);
  }
}
