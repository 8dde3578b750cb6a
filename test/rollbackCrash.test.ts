import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BATCH_BIN, TempRepo } from './support/repo.js';
import { repoState, type RepoState } from './support/treeState.js';

const FILES = 2000;
const KILLS = 30;

function ok(repo: TempRepo, args: string[]): string {
  const result = repo.batch(args);
  if (result.code !== 0)
    throw new Error(`batch ${args.join(' ')} exited ${result.code}:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

function fileName(i: number): string {
  return join(`d${String(i % 40).padStart(2, '0')}`, `f${String(i).padStart(4, '0')}.txt`);
}

/** Starts a rollback in its own process group and SIGKILLs the whole group (git children too) after `ms`. */
function killedRollback(repo: TempRepo, ms: number): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BATCH_BIN, 'rollback', '2', '--yes', '--no-test'], {
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
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

describe('a rollback killed at any instant', () => {
  let repo: TempRepo;
  let pre: RepoState;
  let target: RepoState;

  beforeAll(() => {
    repo = TempRepo.create();
    for (let i = 0; i < FILES; i++) {
      mkdirSync(repo.path(fileName(i).split('/')[0] ?? ''), { recursive: true });
      writeFileSync(repo.path(fileName(i)), `file ${i}\n`);
    }
    repo.write('.batchrc', '{ "batchSize": 1, "testCommand": null }\n');
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'project');
    ok(repo, ['init']);
    repo.write('first.txt', 'batch 1\n');
    ok(repo, ['record', 'first.txt']);
    target = repoState(repo);
    // batch 2: a commit that changes 1,000 files, deletes 100 and adds 100
    for (let i = 0; i < 1000; i++) writeFileSync(repo.path(fileName(i)), `file ${i}, batch 2\n`);
    repo.git('rm', '-q', '--', ...Array.from({ length: 100 }, (_, i) => fileName(1000 + i)));
    for (let i = 0; i < 100; i++) repo.write(`new/n${i}.txt`, `new ${i}\n`);
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'batch 2');
    ok(repo, ['record', '--from-commit', 'HEAD']);
    repo.write('scratch.txt', 'unrecorded work\n');
    pre = repoState(repo);
  });
  afterAll(() => repo.cleanup());

  it(`leaves the pre-rollback tree or the target after the next command, and undo works (${KILLS} kills)`, async () => {
    // One full rollback and undo first, to learn how long a rollback takes here.
    const started = Date.now();
    ok(repo, ['rollback', '2', '--yes', '--no-test']);
    const duration = Date.now() - started;
    expect(repoState(repo)).toEqual(target);
    ok(repo, ['undo', '--yes']);
    expect(repoState(repo)).toEqual(pre);

    const outcomes = { pre: 0, target: 0, finishedByNext: 0, droppedByNext: 0 };
    for (let i = 0; i < KILLS; i++) {
      await killedRollback(repo, Math.floor(Math.random() * duration * 1.1));
      const next = repo.batch(['status']);
      expect(next.code, next.stderr).toBe(0);
      if (next.stderr.includes('finished the')) outcomes.finishedByNext++;
      if (next.stderr.includes('interrupted before')) outcomes.droppedByNext++;
      const now = repoState(repo);
      if (now.tree === target.tree) {
        outcomes.target++;
        expect(now).toEqual(target);
        ok(repo, ['undo', '--yes']);
      } else {
        outcomes.pre++;
        expect(now.tree).toBe(pre.tree);
      }
      expect(repoState(repo)).toEqual(pre);
    }
    console.log(`rollback killed ${KILLS} times: ${JSON.stringify(outcomes)}`);
  }, 600_000);
});
