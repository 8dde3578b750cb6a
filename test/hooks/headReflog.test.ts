import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Git } from '../../src/adapters/git.js';
import { entriesSince, readHeadReflog, stepsFromReflog } from '../../src/core/hooks/headReflog.js';
import type { Workspace } from '../../src/core/context/workspace.js';
import { TempRepo } from '../support/repo.js';

describe('what HEAD’s reflog says was committed', () => {
  let repo: TempRepo;
  let git: Git;
  let ws: Workspace;
  const head = () => repo.git('rev-parse', 'HEAD').trim();
  const commit = (file: string, content: string, ...args: string[]) => {
    repo.write(file, content);
    repo.git('add', file);
    repo.git('commit', '-q', ...args);
  };
  const steps = async (last: string) => {
    const since = entriesSince(readHeadReflog(ws) ?? [], last, head());
    if (!since) throw new Error('the reflog does not reach the last recorded commit');
    return stepsFromReflog(git, since, head());
  };

  beforeEach(() => {
    repo = TempRepo.create();
    git = new Git(repo.dir, repo.env);
    ws = { root: repo.dir, gitDir: join(repo.dir, '.git') } as Workspace;
  });
  afterEach(() => repo.cleanup());

  it('folds a commit amended twice into one amend from the commit before it', async () => {
    const start = head();
    commit('f.txt', 'f\n', '-m', 'f');
    commit('f.txt', 'f2\n', '--amend', '-m', 'f, amended');
    repo.git('commit', '-q', '--amend', '-m', 'f, reworded');
    expect(await steps(start)).toEqual([{ kind: 'amend', from: start, to: head() }]);
  });

  it('keeps commits; checkouts and fast-forwards only move HEAD', async () => {
    const start = head();
    commit('a.txt', 'a\n', '-m', 'a');
    const a = head();
    repo.git('checkout', '-q', '-b', 'topic');
    commit('t.txt', 't\n', '-m', 't');
    const t = head();
    repo.git('checkout', '-q', 'main');
    repo.git('merge', '-q', '--ff-only', 'topic');
    commit('b.txt', 'b\n', '-m', 'b');
    expect(await steps(start)).toEqual([
      { kind: 'commit', commit: a },
      { kind: 'commit', commit: t },
      { kind: 'commit', commit: head() },
    ]);
    // Back at a recorded commit: only what happens after that return counts.
    repo.git('checkout', '-q', t);
    repo.git('checkout', '-q', 'main');
    expect(await steps(t)).toEqual([]);
  });

  it('does not record a commit that a reset threw away', async () => {
    const start = head();
    commit('x.txt', 'x\n', '-m', 'x');
    const x = head();
    commit('y.txt', 'y\n', '-m', 'y');
    repo.git('reset', '-q', '--hard', 'HEAD~1');
    commit('z.txt', 'z\n', '-m', 'z');
    expect(await steps(start)).toEqual([
      { kind: 'commit', commit: x },
      { kind: 'commit', commit: head() },
    ]);
  });

  it('returns null when the reflog does not reach the last recorded commit', () => {
    expect(entriesSince(readHeadReflog(ws) ?? [], 'f'.repeat(40), head())).toBeNull();
  });
});
