import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Run } from '../../src/core/model/runModel.js';
import { TempRepo } from '../support/repo.js';
import { readBatchJson } from './projects.js';

const repos: TempRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.cleanup();
});

function repoWith(config: Record<string, unknown>): TempRepo {
  const repo = TempRepo.create();
  repos.push(repo);
  repo.write('.batchrc', JSON.stringify({ batchSize: 5, ...config }));
  repo.git('add', '-A');
  repo.git('commit', '-q', '-m', 'config');
  return repo;
}

/** Whether a process still runs (a zombie, dead but not yet reaped, does not). */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** A command that starts a grandchild sleeping in the background and prints its pid. */
const SPAWNS_GRANDCHILD = `sh -c 'sleep 300 & echo "grandchild $!"; wait'`;

function grandchildPid(output: string): number {
  const match = /grandchild (\d+)/.exec(output);
  expect(match, output).not.toBeNull();
  return Number(match?.[1]);
}

describe('the test process', () => {
  it('is ended with its whole tree at testTimeout, and the run fails with "timed out after"', () => {
    const repo = repoWith({ testCommand: SPAWNS_GRANDCHILD, testTimeout: '1s' });
    const result = repo.batch(['test']);
    expect(result.code).toBe(1);
    expect(running(grandchildPid(result.stdout))).toBe(false);
    const run = readBatchJson<Run>(repo, 'ci_test_results.json');
    expect(run.timedOut).toBe(true);
    expect(run.success).toBe(false);
    expect(run.tests.map((t) => t.name)).toEqual(['timed out after 1 s']);
    expect(result.stdout.trimEnd().split('\n').pop()).toBe('0 passed, 1 failed, 0 skipped');
  });

  it('is ended on Ctrl-C: exit 130, run recorded as interrupted, no process left', async () => {
    const repo = repoWith({ testCommand: SPAWNS_GRANDCHILD });
    const child = repo.spawnBatch(['test']);
    let out = '';
    let sent = false;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!sent && /grandchild \d+/.test(out)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(130);
    expect(running(grandchildPid(out))).toBe(false);
    const run = readBatchJson<Run>(repo, 'ci_test_results.json');
    expect(run.interrupted).toBe(true);
    expect(run.success).toBe(false);
    // State stays usable: the next command reads it and sees the interrupted run as the last one.
    const status = repo.json<{ lastRun: { id: number; interrupted: boolean } }>(['status']);
    expect(status.lastRun).toMatchObject({ id: run.id, interrupted: true });
  });

  it('keeps batch’s memory bounded when the command prints 200 MB', async () => {
    const repo = repoWith({
      testCommand: "yes 'a line of test output, again and again' | head -c 200000000",
    });
    const child = repo.spawnBatch(['test']);
    child.stdout.resume();
    let peakKb = 0;
    const poll = setInterval(() => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
      } catch {
        // exited between two polls
      }
    }, 20);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearInterval(poll);
    expect(code).toBe(0);
    expect(peakKb).toBeGreaterThan(0);
    // Node itself takes 40–80 MB; keeping the output would take 200 MB more.
    expect(peakKb).toBeLessThan(150 * 1024);
    const log = readFileSync(repo.path('.batch/logs/run-1.log'), 'utf8');
    expect(log.length).toBeLessThan(6 * 1024 * 1024);
    expect(log).toMatch(/bytes of output cut here/);
  });

  it('never starts when the tree cannot be snapshotted: exit 3, no process, no run stored', async () => {
    // The test process would write its pid (into .batch/, which snapshots leave out) and sleep.
    const repo = repoWith({ testCommand: 'echo $$ > .batch/test.pid; exec sleep 300' });
    expect(repo.batch(['init']).code).toBe(0);
    // The fault: the private snapshot index is a folder, so git cannot stage the tree for the run.
    const index = repo.transientPath('snapshot.index');
    rmSync(index, { force: true });
    mkdirSync(index);
    const child = repo.spawnBatch(['test']);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Were a sleeping process started and left running, batch would wait on its pipes and time out here.
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(3);
    expect(stderr).toMatch(/snapshot\.index/);
    // The test command never ran: a process started would have written its pid by now.
    await new Promise((r) => setTimeout(r, 500));
    expect(existsSync(join(repo.dir, '.batch', 'test.pid'))).toBe(false);
    // No run was stored, and the next run works once the fault is gone.
    expect(existsSync(join(repo.dir, '.batch', 'ci_test_results.json'))).toBe(false);
    rmSync(index, { recursive: true });
    repo.write('.batchrc', JSON.stringify({ batchSize: 5, testCommand: 'echo "1 passed, 0 failed"' }));
    expect(repo.batch(['test']).code).toBe(0);
  });

  it("starts once batch's own files are settled: runners that walk the tree find nothing vanishing", () => {
    // node 20's `node --test` walks .batch/ too and fails on a file deleted under it (the lock, the
    // state's temp file, git's index.lock): none of them may exist while the test command starts.
    const probe = 'ls -A .batch | grep -E "^lock|\\.tmp$|\\.lock$" || echo settled';
    const repo = repoWith({ testCommand: `${probe}; echo "1 passed, 0 failed"` });
    expect(repo.batch(['init']).code).toBe(0);
    for (let i = 0; i < 3; i++) {
      const result = repo.batch(['test']);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/^settled$/m);
    }
  });

  it('that cannot start is exit 3 with a hint, not a failed run', () => {
    const repo = repoWith({ testCommand: 'no-such-test-runner --all' });
    const result = repo.batch(['test']);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/error: the test command could not start: .*no-such-test-runner/);
    expect(result.stderr).toMatch(/hint: check testCommand in \.batchrc/);
  });

  it('that cannot start leaves its batch with a run id and no results: log and report say so', () => {
    const repo = repoWith({ batchSize: 1, testCommand: 'no-such-test-runner --all' });
    repo.write('a.txt', 'a');
    expect(repo.batch(['record', 'a.txt']).code).toBe(3);
    expect(repo.batch(['log']).stdout).toMatch(/^batch 1 \(complete, 1 edits · run 1, no results\)/m);
    const report = repo.batch(['report', '1']);
    expect(report.code).toBe(3);
    expect(report.stderr).toMatch(/error: batch 1's run 1 has no results: .*could not start/);
    expect(report.stderr).toMatch(
      /hint: its tests cannot run again for it: `batch test` tests .*\(batch 2\)/,
    );
  });

  it('does not see git’s hook variables', () => {
    const repo = repoWith({ testCommand: 'env | grep ^GIT_ | sort; echo "1 passed, 0 failed"' });
    // What git exports to a post-commit hook run from a subfolder.
    const hookEnv = {
      GIT_DIR: '.git',
      GIT_INDEX_FILE: '.git/index',
      GIT_PREFIX: 'sub/',
      GIT_WORK_TREE: repo.dir,
      GIT_EDITOR: ':',
      GIT_EXEC_PATH: '/usr/lib/git-core',
      GIT_CONFIG_PARAMETERS: "'core.hookspath'='x'",
    };
    const result = repo.batch(['test'], { env: hookEnv });
    expect(result.code).toBe(0);
    for (const name of Object.keys(hookEnv)) expect(result.stdout).not.toMatch(new RegExp(`^${name}=`, 'm'));
    // The user's own git settings pass through.
    expect(result.stdout).toMatch(/^GIT_CONFIG_GLOBAL=\/dev\/null$/m);
    expect(readBatchJson<Run>(repo, 'ci_test_results.json')).toMatchObject({ passed: 1, failed: 0 });
  });

  it('says plainly when there are no per-test results', () => {
    const repo = repoWith({ testCommand: 'echo checking; exit 1' });
    const result = repo.batch(['test']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('no per-test results: judged by exit code 1');
    expect(result.stdout.trimEnd().split('\n').pop()).toBe('0 passed, 0 failed, 0 skipped');
  });
});
