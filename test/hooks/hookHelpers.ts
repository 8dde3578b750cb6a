import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TempRepo } from '../support/repo.js';

export interface LoggedEdit {
  seq: number;
  path: string;
  kind: string;
  commit: string | null;
  source: string;
  description: string | null;
}

export interface LoggedBatch {
  id: number;
  status: string;
  edits: LoggedEdit[];
  runId: number | null;
}

/** `batch log --json` in a worktree. */
export function batchLog(repo: TempRepo, cwd?: string): LoggedBatch[] {
  const result = repo.batch(['log', '--json'], cwd ? { cwd } : {});
  if (result.code !== 0) throw new Error(`batch log failed: ${result.stderr}`);
  return (JSON.parse(result.stdout) as { batches: LoggedBatch[] }).batches;
}

/** Every edit recorded, oldest first. */
export function allEdits(repo: TempRepo, cwd?: string): LoggedEdit[] {
  return batchLog(repo, cwd).flatMap((b) => b.edits);
}

/** Writes `.batchrc` (JSON). */
export function writeConfig(repo: TempRepo, config: Record<string, unknown>, dir = repo.dir): void {
  writeFileSync(join(dir, '.batchrc'), `${JSON.stringify(config, null, 2)}\n`);
}

/** Commits one file with new content through git (and so through the installed hooks). */
export function commitFile(
  repo: TempRepo,
  path: string,
  content: string,
  message: string,
  env: Record<string, string> = {},
): { stdout: string; stderr: string } {
  repo.write(path, content);
  repo.git('add', '--', path);
  return gitWithEnv(repo, ['commit', '-q', '-m', message], env);
}

/** Runs git with extra environment; throws when it fails. */
export function gitWithEnv(
  repo: TempRepo,
  args: string[],
  env: Record<string, string>,
  cwd = repo.dir,
): { stdout: string; stderr: string } {
  const saved = repo.env;
  repo.env = { ...saved, ...env };
  try {
    return runGit(repo, args, cwd);
  } finally {
    repo.env = saved;
  }
}

function runGit(repo: TempRepo, args: string[], cwd: string): { stdout: string; stderr: string } {
  // TempRepo.git drops stderr; hook tests need it (the hook prints there).
  const result = spawnSync('git', args, { cwd, env: repo.env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
  return { stdout: result.stdout, stderr: result.stderr };
}

function workerAlive(transientDir: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(join(transientDir, 'hook-worker.pid'), 'utf8').trim());
  } catch {
    return false; // no worker (the file goes as the worker ends)
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Waits until no background hook worker runs (a wait, not a timing assertion). A worker between two
 * rounds drops its pid file for a moment, so "none" must hold for a few polls in a row.
 */
export async function waitForHookWorker(dir: string, timeoutMs = 60_000): Promise<void> {
  // The worker's pid file is in the transient folder, $(git rev-parse --git-path batch).
  const transientDir = join(dir, '.git', 'batch');
  const deadline = Date.now() + timeoutMs;
  let quiet = 0;
  while (Date.now() < deadline) {
    quiet = workerAlive(transientDir) ? 0 : quiet + 1;
    if (quiet >= 3) return;
    await sleep(50);
  }
  throw new Error(`the background hook worker in ${dir} did not finish within ${timeoutMs} ms`);
}

/** A tiny node:test suite, committed with BATCH=0 (so it is never an edit): `node --test` runs it. */
export function writeSuite(repo: TempRepo): void {
  repo.write(
    'tests/math.test.mjs',
    "import test from 'node:test';\nimport assert from 'node:assert';\n" +
      "test('adds', () => assert.strictEqual(1 + 1, 2));\ntest('multiplies', () => assert.strictEqual(2 * 3, 6));\n",
  );
  repo.git('add', 'tests/math.test.mjs');
  gitWithEnv(repo, ['commit', '-q', '-m', 'tests'], { BATCH: '0' });
}

/** How many runs `.batch/runs/` holds. */
export function runCount(dir: string): number {
  const runs = join(dir, '.batch', 'runs');
  return existsSync(runs) ? readdirSync(runs).filter((n) => n.endsWith('.json')).length : 0;
}
