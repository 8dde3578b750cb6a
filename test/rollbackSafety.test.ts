import { existsSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BatchError } from '../src/core/context/errors.js';
import { openContext } from '../src/core/context/context.js';
import { applyRollback } from '../src/core/rollback/rollbackApply.js';
import { TempRepo } from './support/repo.js';
import { repoState, worktreeTree } from './support/treeState.js';

function ok(repo: TempRepo, args: string[], code = 0): string {
  const result = repo.batch(args);
  if (result.code !== code)
    throw new Error(`batch ${args.join(' ')} exited ${result.code}:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** Batch 1 (one edit), then batch 2 made of a commit of two files. */
function twoBatches(repo: TempRepo): void {
  repo.write('.batchrc', '{ "batchSize": 1, "testCommand": null }\n');
  repo.write('notes.txt', 'notes\n');
  repo.git('add', '-A');
  repo.git('commit', '-q', '-m', 'project');
  ok(repo, ['init']);
  repo.write('a.txt', 'a\n');
  ok(repo, ['record', 'a.txt']);
}

// Every test starts from the two batches: they are built once and each test gets its own copy (cp -a).
let template: TempRepo;
beforeAll(() => {
  template = TempRepo.create();
  twoBatches(template);
});
afterAll(() => template.cleanup());

describe('rollback safety', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = template.copy();
  });
  afterEach(() => repo.cleanup());

  it('keeps HEAD when the commits since are on the upstream; the files come back as uncommitted changes', () => {
    const remote = join(repo.home, 'remote.git');
    repo.git('init', '-q', '--bare', remote);
    repo.git('remote', 'add', 'origin', remote);
    repo.git('push', '-q', '-u', 'origin', 'main');
    const before2 = repoState(repo);
    repo.write('b.txt', 'b\n');
    repo.write('notes.txt', 'notes, batch 2\n');
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'batch 2');
    repo.git('push', '-q');
    ok(repo, ['record', '--from-commit', 'HEAD']);
    const pre = repoState(repo);

    const out = ok(repo, ['rollback', '2', '--yes', '--no-test']);
    expect(out).toContain('on origin/main already');
    const now = repoState(repo);
    expect(now.head).toBe(pre.head);
    expect(now.tree).toBe(before2.tree);
    expect(now.status.split('\n').sort()).toEqual([' D b.txt', ' M notes.txt']);
    ok(repo, ['undo', '--yes']);
    expect(repoState(repo)).toEqual(pre);
  });

  it('an ignored file where the rollback would write stops it before anything is written', () => {
    repo.write('a.txt', 'a, batch 2\n');
    repo.git('rm', '-q', 'notes.txt');
    repo.git('commit', '-q', '-m', 'drop notes');
    ok(repo, ['record', 'a.txt', 'notes.txt']);
    repo.write('.gitignore', 'notes.txt\nbuild/\n');
    repo.write('notes.txt', 'precious, ignored\n');
    const pre = repoState(repo);

    const result = repo.batch(['rollback', '2', '--yes', '--no-test']);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('notes.txt');
    expect(repoState(repo)).toEqual(pre);
    expect(readFileSync(repo.path('notes.txt'), 'utf8')).toBe('precious, ignored\n');
    expect(existsSync(repo.path('.batch/operations'))).toBe(false);
  });

  it('an ignored folder where a file comes back stops it too', () => {
    repo.git('rm', '-q', 'notes.txt');
    repo.git('commit', '-q', '-m', 'drop notes');
    ok(repo, ['record', 'notes.txt']);
    repo.write('.gitignore', 'notes.txt/\n');
    mkdirSync(repo.path('notes.txt'));
    writeFileSync(repo.path('notes.txt/inner'), 'precious\n');
    const result = repo.batch(['rollback', '2', '--yes', '--no-test']);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('  notes.txt\n');
    expect(readFileSync(repo.path('notes.txt/inner'), 'utf8')).toBe('precious\n');
  });

  it('a file changed after the pre-rollback snapshot stops it, nothing written', async () => {
    repo.write('a.txt', 'a, batch 2\n');
    repo.write('c.txt', 'c\n');
    ok(repo, ['record', 'a.txt', 'c.txt']);
    const ctx = await openContext({ cwd: repo.dir, env: repo.env });
    const rollback = applyRollback(
      ctx,
      { kind: 'rollback', batch: 2, filesOnly: false },
      {
        onStep: (step) => {
          if (step === 'restore') writeFileSync(repo.path('a.txt'), 'typed after the snapshot\n');
        },
      },
    );
    await expect(rollback).rejects.toThrow(BatchError);
    await expect(rollback).rejects.toThrow(/a\.txt changed after the pre-rollback snapshot/);
    expect(readFileSync(repo.path('a.txt'), 'utf8')).toBe('typed after the snapshot\n');
    expect(readFileSync(repo.path('c.txt'), 'utf8')).toBe('c\n');
    const state = JSON.parse(readFileSync(repo.path('.batch/state.json'), 'utf8')) as { pending: unknown };
    expect(state.pending).toBeNull();
    // the next attempt, with nothing writing any more, goes through
    const tree = worktreeTree(repo);
    ok(repo, ['rollback', '2', '--yes', '--no-test']);
    expect(existsSync(repo.path('c.txt'))).toBe(false);
    ok(repo, ['undo', '--yes']);
    expect(worktreeTree(repo)).toBe(tree);
  });
});

describe('batch backup', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = template.copy();
  });
  afterEach(() => repo.cleanup());

  it('writes the files a batch touched as they were before it, and git_commit.txt', () => {
    const binary = Buffer.from([0, 255, 10, 0, 13]);
    repo.write('bin.dat', binary);
    repo.write('dir/with space ü.txt', 'old\n');
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'more');
    ok(repo, ['record', '--from-commit', 'HEAD']);
    const before = repo.json<{ batches: { id: number; before: { commit: string } }[] }>(['log']).batches[2];
    repo.write('bin.dat', 'replaced');
    repo.write('dir/with space ü.txt', 'new\n');
    repo.write('created.txt', 'new\n');
    ok(repo, ['record', 'bin.dat', 'dir/with space ü.txt', 'created.txt']);

    const out = ok(repo, ['backup', '3']);
    expect(out).toContain('.batch/backups/batch_3');
    const dir = repo.path('.batch/backups/batch_3');
    expect(readFileSync(join(dir, 'bin.dat'))).toEqual(binary);
    expect(readFileSync(join(dir, 'dir/with space ü.txt'), 'utf8')).toBe('old\n');
    expect(existsSync(join(dir, 'created.txt'))).toBe(false);
    const note = readFileSync(join(dir, 'git_commit.txt'), 'utf8');
    expect(note).toContain(before?.before.commit ?? 'missing');
    expect(note).toContain('created.txt');
    expect(note).toContain(`git show ${before?.before.commit ?? ''}:`);
    // the commands in it work: the old content straight from git
    expect(repo.git('show', `${before?.before.commit ?? ''}:dir/with space ü.txt`)).toBe('old\n');

    ok(repo, ['backup', '3']); // again: replaced, not refused
    const elsewhere = join(repo.home, 'copy');
    ok(repo, ['backup', '3', '--dir', elsewhere]);
    expect(readFileSync(join(elsewhere, 'bin.dat'))).toEqual(binary);
    expect(repo.batch(['backup', '3', '--dir', elsewhere]).code).toBe(3);
  });
});

describe('rollback recovery', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = template.copy();
  });
  afterEach(() => repo.cleanup());

  it('a rollback cut short half-way through the files is finished by the next command', async () => {
    const target = repoState(repo);
    repo.write('a.txt', 'a, batch 2\n');
    repo.write('b.txt', 'b\n');
    repo.write('c.txt', 'c\n');
    ok(repo, ['record', 'a.txt', 'b.txt', 'c.txt']);
    const pre = repoState(repo);
    const ctx = await openContext({ cwd: repo.dir, env: repo.env });
    const died = new Error('killed');
    const rollback = applyRollback(
      ctx,
      { kind: 'rollback', batch: 2, filesOnly: false },
      {
        onStep: (step) => {
          if (step !== 'restore') return;
          // What a killed `read-tree -m -u` leaves: some paths done, one written half-way, the rest not.
          writeFileSync(repo.path('a.txt'), 'a\n');
          writeFileSync(repo.path('b.txt'), 'b, torn');
          throw died;
        },
      },
    );
    await expect(rollback).rejects.toBe(died);

    const next = repo.batch(['status']);
    expect(next.code).toBe(0);
    expect(next.stderr).toContain('finished the rollback to before batch 2');
    expect(next.stderr).toContain('b.txt: content from the interruption');
    expect(repoState(repo)).toEqual(target);
    ok(repo, ['undo', '--yes']);
    expect(repoState(repo)).toEqual(pre);
  });

  it('a branch move blocked by a held .git/index.lock is finished by the next command once it is gone', () => {
    const before2 = repoState(repo);
    repo.write('b.txt', 'b\n');
    repo.git('add', 'b.txt');
    repo.git('commit', '-q', '-m', 'batch 2');
    ok(repo, ['record', '--from-commit', 'HEAD']);
    const pre = repoState(repo);
    const lock = repo.path('.git/index.lock');
    writeFileSync(lock, '');
    utimesSync(lock, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));

    const blocked = repo.batch(['rollback', '2', '--yes', '--no-test']);
    expect(blocked.code).toBe(3);
    expect(blocked.stderr).toContain("git's index could not be updated");
    expect(repo.batch(['status']).code).toBe(3); // still held: not taken for a leftover
    rmSync(lock);
    const next = repo.batch(['status']);
    expect(next.stderr).toContain('finished the rollback to before batch 2');
    expect(repoState(repo)).toEqual(before2);
    ok(repo, ['undo', '--yes']);
    expect(repoState(repo)).toEqual(pre);
  });

  it('a rollback cut short before it wrote anything is dropped by the next command', async () => {
    repo.write('a.txt', 'a, batch 2\n');
    ok(repo, ['record', 'a.txt']);
    const pre = repoState(repo);
    const ctx = await openContext({ cwd: repo.dir, env: repo.env });
    const died = new Error('killed');
    const rollback = applyRollback(
      ctx,
      { kind: 'rollback', batch: 2, filesOnly: false },
      {
        onStep: (step) => {
          if (step === 'restore') throw died;
        },
      },
    );
    await expect(rollback).rejects.toBe(died);
    const next = repo.batch(['status']);
    expect(next.stderr).toContain('interrupted before it changed any file');
    expect(repoState(repo)).toEqual(pre);
    expect(repo.batch(['undo', '--yes']).code).toBe(3);
  });
});
