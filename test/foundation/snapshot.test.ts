import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TempRepo } from '../support/repo.js';

interface LogJson {
  batches: { id: number; before: { commit: string }; after: { commit: string } | null }[];
}

describe('snapshots', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = TempRepo.create();
  });
  afterEach(() => repo.cleanup());

  it('read back with git and survive git gc --prune=now', () => {
    repo.batch(['init', '--batch-size', '2']);
    const contents: Record<string, string>[] = [];
    for (let i = 1; i <= 4; i++) {
      repo.write('a.txt', `version ${i}\n`);
      repo.write(`untracked-${i}.txt`, `u${i}\n`);
      expect(repo.batch(['record', 'a.txt']).code).toBe(0);
      contents.push({ 'a.txt': `version ${i}\n`, [`untracked-${i}.txt`]: `u${i}\n` });
    }
    const ref = repo.git('for-each-ref', '--format=%(refname)', 'refs/batch/').trim();
    expect(ref).toBe('refs/batch/main/snapshots');
    repo.git('reflog', 'expire', '--expire=now', '--all');
    repo.git('gc', '-q', '--prune=now');
    const log = repo.json<LogJson>(['log']);
    const completed = log.batches.filter((b) => b.after);
    expect(completed).toHaveLength(2);
    // batch 1's after-snapshot holds a.txt version 2 and the untracked files written so far
    const after1 = completed[0]?.after?.commit ?? '';
    expect(repo.git('show', `${after1}:a.txt`)).toBe('version 2\n');
    expect(repo.git('show', `${after1}:untracked-2.txt`)).toBe('u2\n');
    const after2 = completed[1]?.after?.commit ?? '';
    expect(repo.git('show', `${after2}:a.txt`)).toBe(readFileSync(repo.path('a.txt'), 'utf8'));
    expect(repo.git('show', `${after2}:README.md`)).toBe('# sample\n');
    // .batch/ is never part of a snapshot, and the user's index and HEAD are untouched
    expect(repo.git('ls-tree', '-r', '--name-only', after2)).not.toMatch(/^\.batch\//m);
    expect(repo.git('status', '--porcelain')).toContain('?? a.txt');
    expect(repo.git('log', '--format=%s')).toBe('initial\n');
    // the chain: every snapshot is an ancestor of the ref tip
    repo.git('merge-base', '--is-ancestor', completed[0]?.before.commit ?? '', ref);
  });

  it('puts batch, edits, HEAD and branch in the snapshot commit message', () => {
    repo.write('x.txt', 'x');
    repo.batch(['record', 'x.txt']);
    const message = repo.git('log', '-1', '--format=%B', 'refs/batch/main/snapshots');
    expect(message).toContain('Batch-Number: 1');
    expect(message).toContain('Batch-Edits: 1');
    expect(message).toContain(`Batch-Head: ${repo.git('rev-parse', 'HEAD').trim()}`);
    expect(message).toContain('Batch-Branch: refs/heads/main');
  });

  it('excludes .batch/ from git through info/exclude, once', () => {
    repo.batch(['init']);
    repo.batch(['init']);
    const exclude = readFileSync(repo.path('.git/info/exclude'), 'utf8');
    expect(exclude.match(/^\/\.batch\/$/gm)).toHaveLength(1);
    expect(repo.git('status', '--porcelain', '-uall')).not.toMatch(/\.batch\//);
  });
});
