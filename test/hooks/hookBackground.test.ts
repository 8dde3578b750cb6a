import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TempRepo } from '../support/repo.js';
import {
  allEdits,
  commitFile,
  gitWithEnv,
  runCount,
  waitForHookWorker,
  writeConfig,
  writeSuite,
} from './hookHelpers.js';

describe('background mode (the default)', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = TempRepo.create();
    expect(repo.batch(['hook', 'install']).code).toBe(0);
  });
  afterEach(() => repo.cleanup());

  it('returns from the commit at once and records in a detached worker, output in .batch/logs/', async () => {
    for (let i = 1; i <= 3; i++) {
      const { stdout, stderr } = commitFile(repo, `f${i}.txt`, `${i}\n`, `commit ${i}`);
      expect(stdout + stderr).not.toContain('batch: recorded');
    }
    await waitForHookWorker(repo.dir);
    const commits = repo.git('rev-list', '--reverse', 'HEAD~3..HEAD').trim().split('\n');
    expect(allEdits(repo).map((e) => [e.path, e.commit])).toEqual([
      ['f1.txt', commits[0]],
      ['f2.txt', commits[1]],
      ['f3.txt', commits[2]],
    ]);
    const logs = readdirSync(join(repo.dir, '.batch', 'logs')).filter((n) => n.startsWith('hook-'));
    expect(logs.length).toBeGreaterThan(0);
    const text = logs.map((n) => readFileSync(join(repo.dir, '.batch', 'logs', n), 'utf8')).join('');
    expect(text).toContain('batch: recorded 1 edit');
  });

  it('asks node for hook.mode when the cached mode is missing or older than the config', async () => {
    rmSync(join(repo.dir, '.batch', 'hook-mode'));
    commitFile(repo, 'a.txt', 'a\n', 'no cached mode');
    await waitForHookWorker(repo.dir);
    expect(readFileSync(join(repo.dir, '.batch', 'hook-mode'), 'utf8')).toBe('background\n');
    expect(allEdits(repo).map((e) => e.path)).toEqual(['a.txt']);

    writeConfig(repo, { hook: { mode: 'foreground' } });
    const foreground = commitFile(repo, 'b.txt', 'b\n', 'config changed');
    expect(foreground.stderr).toContain('batch: recorded 1 edit');
    expect(readFileSync(join(repo.dir, '.batch', 'hook-mode'), 'utf8')).toBe('foreground\n');
  });

  it('shows a failed background record at the next commit', async () => {
    writeFileSync(join(repo.dir, '.batch', 'hook-mode'), 'background\n');
    // A lock held by a live process (this test) makes the worker give up quickly.
    writeFileSync(
      join(repo.dir, '.git', 'batch', 'lock'),
      JSON.stringify({ pid: process.pid, host: hostname(), command: 'test', since: '' }),
    );
    gitWithEnv(repo, ['commit', '-q', '--allow-empty', '-m', 'locked'], { BATCH_LOCK_TIMEOUT_MS: '200' });
    await waitForHookWorker(repo.dir);
    rmSync(join(repo.dir, '.git', 'batch', 'lock'));
    const next = commitFile(repo, 'c.txt', 'c\n', 'unlocked');
    expect(next.stderr).toContain('batch: the last background record failed');
    expect(existsSync(join(repo.dir, '.batch', 'hook-verdict'))).toBe(true);
    await waitForHookWorker(repo.dir);
    expect(allEdits(repo).map((e) => e.path)).toEqual(['c.txt']);
  });

  it('runs the tests in the background; the next commit, or batch status, shows the verdict once', async () => {
    writeSuite(repo);
    writeConfig(repo, { batchSize: 1, testCommand: 'node --test' });
    const first = commitFile(repo, 'src/a.js', 'export const a = 1;\n', 'completes batch 1');
    expect(first.stdout + first.stderr).not.toContain('passed');
    await waitForHookWorker(repo.dir);
    expect(runCount(repo.dir)).toBe(1);

    const second = commitFile(repo, 'src/b.js', 'export const b = 2;\n', 'completes batch 2');
    expect(second.stderr).toContain('batch: batch 1 tested in the background: ✓ 2 passed (run 1, batch 1,');
    expect(second.stderr).toContain('`batch report 1` for details');
    await waitForHookWorker(repo.dir);
    expect(runCount(repo.dir)).toBe(2);

    const status = repo.batch(['status']);
    expect(status.stdout).toContain('batch: batch 2 tested in the background: ✓ 2 passed');
    expect(repo.batch(['status']).stdout).not.toContain('tested in the background');
    const third = commitFile(repo, 'src/c.js', 'export const c = 3;\n', 'verdict already seen');
    expect(third.stderr).not.toContain('tested in the background');
    await waitForHookWorker(repo.dir);
  });

  it('hook.mode off records in the background and runs no tests', async () => {
    writeSuite(repo);
    writeConfig(repo, { batchSize: 1, testCommand: 'node --test', hook: { mode: 'off' } });
    commitFile(repo, 'src/a.js', 'export const a = 1;\n', 'completes batch 1');
    await waitForHookWorker(repo.dir);
    expect(allEdits(repo).map((e) => e.path)).toEqual(['src/a.js']);
    expect(runCount(repo.dir)).toBe(0);
  });

  it('does not hold git’s pipes: git commit returns while the background tests still run', async () => {
    writeConfig(repo, { batchSize: 1, testCommand: 'node -e "setTimeout(() => {}, 4000)"' });
    // Installing again caches hook.mode, so the shim itself starts the worker (no node in between).
    expect(repo.batch(['hook', 'install']).code).toBe(0);
    repo.write('slow.txt', 'slow\n');
    repo.git('add', 'slow.txt');
    // Both pipes are read to their end ('close'): a worker that inherited them would keep this waiting.
    const child = spawn('git', ['commit', '-q', '-m', 'slow tests'], {
      cwd: repo.dir,
      env: repo.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.resume();
    child.stderr.resume();
    const [status] = (await once(child, 'close')) as [number];
    const commit = { status };
    expect(commit.status).toBe(0);
    const pid = Number(readFileSync(join(repo.dir, '.git', 'batch', 'hook-worker.pid'), 'utf8'));
    expect(() => process.kill(pid, 0)).not.toThrow();
    await waitForHookWorker(repo.dir);
    expect(runCount(repo.dir)).toBe(1);
  });
});
