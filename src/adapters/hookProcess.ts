import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Variables git sets for a hook (`git rev-parse --local-env-vars`). githooks(5) asks hooks to clear
 * them before running anything that might act on another repository, such as the project's tests.
 */
const LOCAL_GIT_VARIABLES = [
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_CONFIG',
  'GIT_CONFIG_PARAMETERS',
  'GIT_CONFIG_COUNT',
  'GIT_OBJECT_DIRECTORY',
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_IMPLICIT_WORK_TREE',
  'GIT_GRAFT_FILE',
  'GIT_INDEX_FILE',
  'GIT_NO_REPLACE_OBJECTS',
  'GIT_REPLACE_REF_BASE',
  'GIT_PREFIX',
  'GIT_INTERNAL_SUPER_PREFIX',
  'GIT_SHALLOW_FILE',
  'GIT_COMMON_DIR',
  'GIT_EDITOR',
  'GIT_REFLOG_ACTION',
];

/** The environment a hook hands on: git's per-repository variables removed. */
export function hookEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) {
    if (
      !LOCAL_GIT_VARIABLES.includes(key) &&
      !key.startsWith('GIT_CONFIG_KEY_') &&
      !key.startsWith('GIT_CONFIG_VALUE_')
    )
      clean[key] = value;
  }
  return clean;
}

/**
 * Starts a process that outlives this one: its own session (detached), stdin from /dev/null, stdout
 * and stderr appended to `logFile`, never this process's pipes (a GUI waiting on git's output would
 * otherwise wait for it). Returns its pid.
 */
export function spawnDetached(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; logFile: string },
): number | null {
  mkdirSync(dirname(options.logFile), { recursive: true });
  const fd = openSync(options.logFile, 'a');
  try {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: ['ignore', fd, fd],
    });
    child.on('error', () => undefined);
    child.unref();
    return child.pid ?? null;
  } finally {
    closeSync(fd);
  }
}

/** True when a process with this pid runs (and may be signalled by us). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface ProbeResult {
  exitCode: number | null;
  output: string;
}

/** Runs a hook script as git would (cwd, env, no stdin) and returns its exit code and output. */
export function runHookScript(
  file: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): ProbeResult {
  const result = spawnSync(file, args, {
    cwd: options.cwd,
    env: options.env,
    input: '',
    encoding: 'utf8',
    timeout: 30_000,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? result.error.message : ''}`;
  return { exitCode: result.status, output: output.trim() };
}

/** Where `sh` finds `program` on this PATH (`command -v`), or null. */
export function whichWithPath(program: string, path: string): string | null {
  const result = spawnSync('/bin/sh', ['-c', `command -v ${program}`], {
    env: { PATH: path },
    encoding: 'utf8',
  });
  return result.status === 0 && result.stdout.trim() ? result.stdout.trim() : null;
}
