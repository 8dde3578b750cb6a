import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TempRepo } from '../support/repo.js';
import {
  allEdits,
  batchLog,
  commitFile,
  gitWithEnv,
  runCount,
  writeConfig,
  writeSuite,
} from './hookHelpers.js';

const NO_HOOKS = ['-c', 'core.hooksPath=/dev/null'];

function head(repo: TempRepo, cwd = repo.dir): string {
  return gitWithEnv(repo, ['rev-parse', 'HEAD'], {}, cwd).stdout.trim();
}

describe('what the hook records', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = TempRepo.create();
    writeConfig(repo, { batchSize: 5, hook: { mode: 'foreground' } });
    expect(repo.batch(['hook', 'install']).code).toBe(0);
  });
  afterEach(() => repo.cleanup());

  it('records an amend by what it changed (HEAD@{1}..HEAD), once; a message-only amend records nothing', () => {
    repo.write('f.txt', 'f1\n');
    repo.write('g.txt', 'g1\n');
    repo.git('add', 'f.txt', 'g.txt');
    gitWithEnv(repo, ['commit', '-q', '-m', 'f and g'], {});
    const first = head(repo);
    repo.write('g.txt', 'g2\n');
    const amend = gitWithEnv(repo, ['commit', '-q', '-a', '--amend', '-m', 'f and g, amended'], {});
    expect(amend.stderr).toContain('batch: recorded 1 edit');
    const amended = head(repo);
    const reword = gitWithEnv(repo, ['commit', '-q', '--amend', '-m', 'f and g, reworded'], {});
    expect(reword.stderr).not.toContain('batch: recorded');
    const reworded = head(repo);

    expect(allEdits(repo).map((e) => [e.path, e.kind])).toEqual([
      ['f.txt', 'added'],
      ['g.txt', 'added'],
      ['g.txt', 'modified'],
    ]);
    // post-rewrite's old → new pairs point the open batch's edits at the commits that replaced theirs.
    repo.batch(['status']);
    const commits = allEdits(repo).map((e) => e.commit);
    expect(commits).toEqual([reworded, reworded, reworded]);
    expect(commits).not.toContain(first);
    expect(commits).not.toContain(amended);
  });

  it('counts nothing twice when git rebase -i rewords ten commits, and runs the tests at most once for a rebase', () => {
    writeSuite(repo);
    writeConfig(repo, { batchSize: 10, testCommand: 'node --test', hook: { mode: 'foreground' } });
    for (let i = 1; i <= 10; i++) commitFile(repo, `src/m${i}.js`, `export const m = ${i};\n`, `module ${i}`);
    const before = batchLog(repo);
    expect(before[0]?.status).toBe('complete');
    expect(before[0]?.edits.map((e) => e.path)).toEqual(
      Array.from({ length: 10 }, (_, i) => `src/m${i + 1}.js`),
    );
    expect(runCount(repo.dir)).toBe(1);

    const reword = gitWithEnv(repo, ['rebase', '-q', '-i', 'HEAD~10'], {
      GIT_SEQUENCE_EDITOR: 'sed -i s/^pick/reword/',
      GIT_EDITOR: 'sed -i s/^module/Module/',
    });
    expect(repo.git('log', '--format=%s', '-10').trim().split('\n')).toEqual(
      Array.from({ length: 10 }, (_, i) => `Module ${10 - i}`),
    );
    expect(reword.stderr).not.toContain('batch: recorded');
    expect(batchLog(repo).map((b) => [b.id, b.status, b.edits.length])).toEqual([
      [1, 'complete', 10],
      [2, 'open', 0],
    ]);
    expect(runCount(repo.dir)).toBe(1);
    expect(repo.batch(['hook', 'status']).stdout).toContain('every commit is recorded');

    // A rebase that changes content while it runs (edit + amend): recorded and tested once, at its end.
    writeConfig(repo, { batchSize: 1, testCommand: 'node --test', hook: { mode: 'foreground' } });
    expect(() =>
      gitWithEnv(repo, ['rebase', '-q', '-i', 'HEAD~10'], { GIT_SEQUENCE_EDITOR: 'sed -i 1s/^pick/edit/' }),
    ).not.toThrow();
    repo.write('src/m1.js', 'export const m = "edited during the rebase";\n');
    const amend = gitWithEnv(repo, ['commit', '-q', '-a', '--amend', '--no-edit'], {});
    expect(amend.stderr).not.toContain('batch: recorded');
    const done = gitWithEnv(repo, ['rebase', '--continue'], { GIT_EDITOR: 'true' });
    expect(done.stdout + done.stderr).toContain('batch 2 complete (1 edits)');
    expect(
      batchLog(repo)
        .flatMap((b) => b.edits)
        .map((e) => [e.path, e.kind]),
    ).toEqual([...before[0]!.edits.map((e) => [e.path, 'added']), ['src/m1.js', 'modified']]);
    expect(runCount(repo.dir)).toBe(2);
  });

  it('records only what is committed after a branch switch or a fast-forward, not what they brought', () => {
    commitFile(repo, 'main.txt', 'main\n', 'on main');
    // Commits made elsewhere (another worktree here; a fetch would do the same) on a branch "other".
    const side = join(repo.dir, '..', 'side');
    repo.git('worktree', 'add', '-q', '-b', 'other', side);
    for (const name of ['o1.txt', 'o2.txt']) {
      repo.write(`../side/${name}`, `${name}\n`);
      gitWithEnv(repo, ['add', name], {}, side);
      gitWithEnv(repo, [...NO_HOOKS, 'commit', '-q', '-m', `other ${name}`], {}, side);
    }
    repo.git('worktree', 'remove', side);
    repo.git('checkout', '-q', 'other');
    commitFile(repo, 'after-switch.txt', 'x\n', 'after the switch');
    repo.git('checkout', '-q', 'main');
    repo.git('merge', '-q', '--ff-only', 'other');
    commitFile(repo, 'after-ff.txt', 'y\n', 'after the fast-forward');
    expect(allEdits(repo).map((e) => e.path)).toEqual(['main.txt', 'after-switch.txt', 'after-ff.txt']);
  });

  it('leaves a BATCH=0 commit out for good; a commit made without the hook is caught up by batch status', () => {
    commitFile(repo, 'skipped.txt', 'skip me\n', 'wip', { BATCH: '0' });
    commitFile(repo, 'kept.txt', 'keep me\n', 'real work');
    gitWithEnv(repo, [...NO_HOOKS, 'commit', '-q', '--allow-empty', '-m', 'noop'], {});
    repo.write('late.txt', 'late\n');
    repo.git('add', 'late.txt');
    gitWithEnv(repo, [...NO_HOOKS, 'commit', '-q', '-m', 'made from a GUI without node'], {});
    expect(allEdits(repo).map((e) => e.path)).toEqual(['kept.txt']);

    const status = repo.batch(['status']);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('recorded 2 commits the hook had not recorded');
    const edits = allEdits(repo);
    expect(edits.map((e) => [e.path, e.commit])).toEqual([
      ['kept.txt', repo.git('rev-parse', 'HEAD~2').trim()],
      ['late.txt', head(repo)],
    ]);
    expect(repo.batch(['status']).stdout).not.toContain('had not recorded');
  });

  it('picks up a commit the hook missed at the next commit', () => {
    repo.write('missed.txt', 'missed\n');
    repo.git('add', 'missed.txt');
    gitWithEnv(repo, [...NO_HOOKS, 'commit', '-q', '-m', 'hook did not run'], {});
    const missed = head(repo);
    const next = commitFile(repo, 'next.txt', 'next\n', 'hook runs again');
    expect(next.stderr).toContain(`batch: recorded 1 edit from ${missed.slice(0, 10)}`);
    expect(allEdits(repo).map((e) => [e.path, e.commit])).toEqual([
      ['missed.txt', missed],
      ['next.txt', head(repo)],
    ]);
  });

  it('records a multi-commit cherry-pick once, after the sequence has ended', () => {
    repo.git('checkout', '-q', '-b', 'side');
    for (let i = 1; i <= 3; i++) {
      repo.write(`side${i}.txt`, `${i}\n`);
      repo.git('add', `side${i}.txt`);
      gitWithEnv(repo, [...NO_HOOKS, 'commit', '-q', '-m', `side ${i}`], {});
    }
    repo.git('checkout', '-q', 'main');
    const pick = gitWithEnv(repo, ['cherry-pick', 'main..side'], {});
    expect(pick.stderr).not.toContain('batch: recorded');
    expect(allEdits(repo)).toEqual([]);

    expect(repo.batch(['status']).stdout).toContain('recorded 3 commits');
    const picked = repo.git('rev-list', '--reverse', 'HEAD~3..HEAD').trim().split('\n');
    expect(allEdits(repo).map((e) => [e.path, e.commit])).toEqual([
      ['side1.txt', picked[0]],
      ['side2.txt', picked[1]],
      ['side3.txt', picked[2]],
    ]);
  });

  it('records a merge commit by what it brought in (its first-parent diff)', () => {
    repo.git('checkout', '-q', '-b', 'topic');
    repo.write('topic.txt', 'topic\n');
    repo.write('README.md', '# from topic\n');
    repo.git('add', 'topic.txt', 'README.md');
    gitWithEnv(repo, [...NO_HOOKS, 'commit', '-q', '-m', 'topic work'], {});
    repo.git('checkout', '-q', 'main');
    commitFile(repo, 'README.md', '# from main\n', 'main work');
    expect(() => gitWithEnv(repo, ['merge', '-q', 'topic'], {})).toThrow(/git merge/);
    expect(repo.git('diff', '--name-only', '--diff-filter=U').trim()).toBe('README.md');
    repo.write('README.md', '# resolved\n');
    repo.git('add', 'README.md');
    const merge = gitWithEnv(repo, ['commit', '-q', '--no-edit'], {});
    expect(merge.stderr).toContain('batch: recorded 2 edits');
    const mergeCommit = head(repo);
    expect(
      allEdits(repo)
        .filter((e) => e.commit === mergeCommit)
        .map((e) => [e.path, e.kind]),
    ).toEqual([
      ['README.md', 'modified'],
      ['topic.txt', 'added'],
    ]);
  });

  it('records into the .batch/ of the linked worktree the commit was made in', () => {
    repo.git('add', '.batchrc');
    commitFile(repo, 'main.txt', 'main\n', 'config and main');
    const wt = join(repo.dir, '..', 'linked');
    repo.git('worktree', 'add', '-q', '-b', 'linked', wt);
    repo.write('../linked/wt.txt', 'made in the linked worktree\n');
    gitWithEnv(repo, ['add', 'wt.txt'], {}, wt);
    const commit = gitWithEnv(repo, ['commit', '-q', '-m', 'linked work'], {}, wt);
    expect(commit.stderr).toContain('batch: recorded 1 edit');

    expect(existsSync(join(wt, '.batch', 'state.json'))).toBe(true);
    expect(allEdits(repo, wt).map((e) => [e.path, e.commit])).toEqual([['wt.txt', head(repo, wt)]]);
    expect(allEdits(repo).map((e) => e.path)).toEqual(['.batchrc', 'main.txt']);
  });
});

describe('a repository without commits', () => {
  it('records the root commit', () => {
    const repo = TempRepo.create({ empty: true });
    try {
      writeConfig(repo, { hook: { mode: 'foreground' } });
      expect(repo.batch(['hook', 'install']).code).toBe(0);
      repo.write('first.txt', 'first\n');
      repo.git('add', 'first.txt');
      const root = gitWithEnv(repo, ['commit', '-q', '-m', 'root'], {});
      expect(root.stderr).toContain('batch: recorded 1 edit');
      expect(allEdits(repo).map((e) => [e.path, e.commit])).toEqual([['first.txt', head(repo)]]);
      expect(readdirSync(join(repo.dir, '.batch'))).toContain('state.json');
    } finally {
      repo.cleanup();
    }
  });
});

describe('a submodule', () => {
  it('installs into the submodule’s own hooks folder and records there', () => {
    const repo = TempRepo.create();
    const sub = TempRepo.create();
    try {
      gitWithEnv(repo, ['-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub.dir, 'sub'], {});
      const dir = join(repo.dir, 'sub');
      writeConfig(repo, { hook: { mode: 'foreground' } }, dir);
      expect(repo.batch(['hook', 'install'], { cwd: dir }).code).toBe(0);
      expect(existsSync(join(repo.dir, '.git', 'modules', 'sub', 'hooks', 'post-commit'))).toBe(true);
      expect(existsSync(join(repo.dir, '.git', 'hooks', 'post-commit'))).toBe(false);
      repo.write('sub/inner.txt', 'inside the submodule\n');
      gitWithEnv(repo, ['add', 'inner.txt'], {}, dir);
      const commit = gitWithEnv(repo, ['commit', '-q', '-m', 'in the submodule'], {}, dir);
      expect(commit.stderr).toContain('batch: recorded 1 edit');
      expect(allEdits(repo, dir).map((e) => [e.path, e.commit])).toEqual([['inner.txt', head(repo, dir)]]);
    } finally {
      repo.cleanup();
      sub.cleanup();
    }
  });
});
