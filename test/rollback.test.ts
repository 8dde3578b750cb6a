import {
  chmodSync,
  existsSync,
  lstatSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  unlinkSync,
} from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TempRepo } from './support/repo.js';
import { repoState, type RepoState } from './support/treeState.js';

const BINARY = Buffer.from([0, 1, 2, 255, 254, 0, 10, 13, 0, 128]);
const UNICODE = 'ünï cödé file.txt';
const SPACED = 'new file ü.txt';

/** Runs the CLI and fails the test with its output when the exit code is not the one expected. */
function ok(repo: TempRepo, args: string[], code = 0): string {
  const result = repo.batch(args);
  if (result.code !== code)
    throw new Error(`batch ${args.join(' ')} exited ${result.code}:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/**
 * Three batches of three edits mixing commits (`record --from-commit`), uncommitted edits, created and
 * deleted files, an executable bit, a symlink, a binary file and names with spaces and unicode, then
 * unrecorded work. Returns the repository state before batch 2 and just before the rollback.
 */
function threeBatches(repo: TempRepo): { before2: RepoState; pre: RepoState } {
  repo.write('.batchrc', '{ "batchSize": 3, "testCommand": null }\n');
  repo.write('.gitignore', '*.log\n');
  repo.write('run.sh', 'echo run\n');
  repo.write('data.bin', BINARY);
  repo.write('dir/keep.txt', 'keep\n');
  repo.write('to-delete.txt', 'delete me\n');
  repo.write(UNICODE, 'unicode\n');
  repo.git('add', '-A');
  repo.git('commit', '-q', '-m', 'project');
  ok(repo, ['init']);

  // batch 1: a commit (two files) and an uncommitted edit
  repo.write('README.md', '# sample, batch 1\n');
  repo.write('src/a.js', 'export const a = 1;\n');
  repo.git('add', '-A');
  repo.git('commit', '-q', '-m', 'batch 1 commit');
  ok(repo, ['record', '--from-commit', 'HEAD']);
  repo.write('dir/keep.txt', 'keep, edited in batch 1\n');
  ok(repo, ['record', 'dir/keep.txt']);
  const before2 = repoState(repo);

  // batch 2: mode and binary change committed; a deletion, a symlink and a spaced unicode name uncommitted
  chmodSync(repo.path('run.sh'), 0o755);
  repo.write('data.bin', Buffer.concat([BINARY, BINARY]));
  repo.git('add', 'run.sh', 'data.bin');
  repo.git('commit', '-q', '-m', 'batch 2 commit');
  ok(repo, ['record', '--from-commit', 'HEAD']);
  unlinkSync(repo.path('to-delete.txt'));
  symlinkSync('dir/keep.txt', repo.path('link'));
  repo.write(SPACED, 'spaced\n');
  ok(repo, ['record', 'to-delete.txt', 'link', SPACED]);

  // batch 3: a committed unicode edit and an uncommitted new file
  repo.write(UNICODE, 'unicode, batch 3\n');
  repo.git('commit', '-q', '-am', 'batch 3 commit');
  ok(repo, ['record', '--from-commit', 'HEAD']);
  repo.write('more.txt', 'more\n');
  repo.write('src/a.js', 'export const a = 3;\n');
  ok(repo, ['record', 'more.txt', 'src/a.js']);

  // unrecorded work after the last batch: an untracked file and a tracked edit, one of them staged
  repo.write('scratch.txt', 'unrecorded\n');
  repo.write('README.md', '# sample, unrecorded\n');
  repo.git('add', 'README.md');
  return { before2, pre: repoState(repo) };
}

describe('batch rollback and undo', () => {
  // the three batches are built once; each test starts from its own copy of that repository
  let template: TempRepo;
  let before2: RepoState;
  let pre: RepoState;
  let repo: TempRepo;
  beforeAll(() => {
    template = TempRepo.create();
    ({ before2, pre } = threeBatches(template));
  });
  afterAll(() => template.cleanup());
  beforeEach(() => {
    repo = template.copy();
    expect(repoState(repo)).toEqual(pre);
  });
  afterEach(() => repo.cleanup());

  it('rollback 2 restores the tree and branch from before batch 2; undo restores the pre-rollback state', () => {
    expect(before2.head).not.toBe(pre.head);

    const out = ok(repo, ['rollback', '2', '--yes', '--no-test']);
    expect(repoState(repo)).toEqual(before2);
    expect(out).toContain('batches undone: 2, 3');
    const kept = /refs\/batch\/main\/kept\/\S+/.exec(out)?.[0];
    expect(kept).toBeDefined();
    expect(repo.git('rev-parse', kept ?? '').trim()).toBe(pre.head);
    expect(readFileSync(repo.path('data.bin'))).toEqual(BINARY);
    expect(lstatSync(repo.path('run.sh')).mode & 0o111).toBe(0);
    expect(existsSync(repo.path('link'))).toBe(false);
    expect(existsSync(repo.path('scratch.txt'))).toBe(false);
    const log = repo.json<{ batches: { id: number; status: string }[] }>(['log']);
    expect(log.batches.map((b) => [b.id, b.status])).toEqual([
      [1, 'complete'],
      [2, 'rolled-back'],
      [3, 'rolled-back'],
      [4, 'open'],
    ]);

    ok(repo, ['undo', '--yes']);
    expect(repoState(repo)).toEqual(pre);
    expect(readFileSync(repo.path('scratch.txt'), 'utf8')).toBe('unrecorded\n');
    expect(readlinkSync(repo.path('link'))).toBe('dir/keep.txt');
    const after = repo.json<{ batches: { id: number; status: string }[] }>(['log']);
    expect(after.batches.filter((b) => b.status === 'rolled-back')).toEqual([]);

    // an undo is an operation too: undoing it rolls back again
    ok(repo, ['undo', '--yes']);
    expect(repoState(repo)).toEqual(before2);
  });

  it('edits after a rollback are measured against the restored tree and number on', () => {
    ok(repo, ['rollback', '2', '--yes', '--no-test']);
    repo.write('dir/keep.txt', 'keep, edited in batch 1\n'); // same content as restored: not an edit
    expect(ok(repo, ['record', 'dir/keep.txt'])).toContain('no change');
    repo.write('after.txt', 'after\n');
    expect(ok(repo, ['record', 'after.txt'])).toContain('batch 4: 1/3');
    expect(repoState(repo).head).toBe(before2.head);
  });

  it('refuses without --yes and without a terminal: exit 3, hint, nothing changed', () => {
    const result = repo.batch(['rollback', '2']);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('batch rollback 2 --yes');
    expect(result.stdout).toContain('rollback to before batch 2');
    expect(repoState(repo)).toEqual(pre);
    expect(existsSync(repo.path('.batch/operations'))).toBe(false);
    expect(repo.batch(['undo']).code).toBe(3);
  });

  it('--dry-run prints the plan and changes nothing', () => {
    const out = ok(repo, ['rollback', '2', '--dry-run']);
    expect(out).toContain(`recreated  to-delete.txt`);
    expect(out).toContain(`removed    ${SPACED}`);
    expect(out).toContain('mode       run.sh');
    expect(out).toContain('branch: main moves back');
    expect(repoState(repo)).toEqual(pre);
  });

  it('--files-only keeps HEAD; the restore shows as uncommitted changes', () => {
    ok(repo, ['rollback', '2', '--yes', '--no-test', '--files-only']);
    const now = repoState(repo);
    expect(now.tree).toBe(before2.tree);
    expect(now.head).toBe(pre.head);
    expect(now.status).toContain(' M data.bin');
  });

  it('refuses unknown and already rolled-back batches', () => {
    expect(repo.batch(['rollback', '9', '--yes']).code).toBe(3);
    ok(repo, ['rollback', '2', '--yes', '--no-test']);
    const again = repo.batch(['rollback', '3', '--yes']);
    expect(again.code).toBe(3);
    expect(again.stderr).toContain('already rolled back');
  });
});
