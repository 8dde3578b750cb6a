import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BATCH_BIN, TempRepo } from '../support/repo.js';
import { repoState, type RepoState } from '../support/treeState.js';
import { brokenModule, harmlessEdit, TEST_COMMAND, writeCulpritProject } from './culpritProjects.js';

/** How many random instants each command is killed at (the check uses 20: BATCH_KILLS=20). */
const KILLS = Number(process.env.BATCH_KILLS ?? 6);

/** Starts batch in its own process group and SIGKILLs the whole group (test runner, git) after `ms`. */
function killed(repo: TempRepo, args: string[], ms: number): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BATCH_BIN, ...args], {
      cwd: repo.dir,
      env: repo.env,
      stdio: 'ignore',
      detached: true,
    });
    const timer = setTimeout(() => {
      try {
        process.kill(-(child.pid ?? 0), 'SIGKILL');
      } catch {
        // already finished
      }
    }, ms);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

describe('bisect and revert killed at random instants', () => {
  let repo: TempRepo;
  let before: RepoState;

  beforeAll(() => {
    repo = TempRepo.create();
    writeCulpritProject(repo, 'node-test');
    repo.batch(['init', '--batch-size', '4', '--test-command', TEST_COMMAND['node-test']]);
    repo.write('.batchrc', JSON.stringify({ batchSize: 4, testCommand: 'node --test', culprit: 'off' }));
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'config');
    repo.batch(['baseline']);
    for (const [path, content] of [
      harmlessEdit('node-test', 1),
      brokenModule('node-test', 2),
      harmlessEdit('node-test', 3),
      harmlessEdit('node-test', 4),
    ]) {
      repo.write(path, content);
      repo.batch(['record', path]);
    }
    before = repoState(repo);
  }, 120_000);
  afterAll(() => repo.cleanup());

  it('a killed bisect leaves the tree, index and HEAD as they were, and the next bisect finds the culprit', async () => {
    for (let i = 0; i < KILLS; i++) {
      await killed(repo, ['bisect', '1'], 100 + Math.random() * 2500);
      expect(repoState(repo)).toEqual(before);
    }
    const found = repo.batch(['bisect', '1', '--json']);
    expect(found.code, found.stderr).toBe(0);
    const result = JSON.parse(found.stdout) as { culprits: { edits: { seq: number }[] }[] };
    expect(result.culprits.map((c) => c.edits.map((e) => e.seq))).toEqual([[2]]);
    expect(repoState(repo)).toEqual(before);
  }, 300_000);

  it('a killed revert leaves the tree before or after it, and batch undo works', async () => {
    const after = (() => {
      const done = repo.batch(['revert', '2', '--yes', '--no-test']);
      expect(done.code, done.stderr).toBe(0);
      const state = repoState(repo);
      expect(repo.batch(['undo', '--yes']).code).toBe(0);
      return state.tree;
    })();
    for (let i = 0; i < KILLS; i++) {
      await killed(repo, ['revert', '2', '--yes', '--no-test'], 50 + Math.random() * 600);
      const status = repo.batch(['status']);
      expect(status.code, status.stderr).toBe(0);
      const tree = repoState(repo).tree;
      expect([before.tree, after]).toContain(tree);
      if (tree === after) {
        const undo = repo.batch(['undo', '--yes']);
        expect(undo.code, undo.stderr).toBe(0);
      }
      expect(repoState(repo).tree).toBe(before.tree);
    }
  }, 300_000);
});
