import { chmodSync, statSync, symlinkSync, unlinkSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TempRepo } from '../support/repo.js';

interface LogJson {
  batches: {
    id: number;
    status: string;
    edits: {
      seq: number;
      path: string;
      kind: string;
      hash: string | null;
      source: string;
      description: string | null;
    }[];
    unrecorded: string[];
    before: { commit: string };
    after: { commit: string } | null;
  }[];
}
interface StatusJson {
  batchSize: number;
  currentBatch: { id: number; edits: number };
  completedBatches: number;
  lastRun: unknown;
  baseline: unknown;
}

describe('batch record', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = TempRepo.create();
  });
  afterEach(() => repo.cleanup());

  it('completes batch 1 at the fifth edit, and the next batch starts empty', () => {
    for (let i = 1; i <= 5; i++) {
      repo.write(`f${i}.txt`, `content ${i}\n`);
      const result = repo.batch(['record', `f${i}.txt`]);
      expect(result.code, result.stderr).toBe(0);
      if (i === 5) expect(result.stdout).toContain('batch 1 complete (5 edits)');
      else expect(result.stdout).not.toContain('complete');
    }
    const status = repo.json<StatusJson>(['status']);
    expect(status.currentBatch).toMatchObject({ id: 2, edits: 0 });
    expect(status.completedBatches).toBe(1);
    expect(status.batchSize).toBe(5);
    expect(status.lastRun).toBeNull();
  });

  it('records the same content again as no change, and a second content as a second edit', () => {
    repo.write('a.txt', 'one\n');
    expect(repo.batch(['record', 'a.txt']).code).toBe(0);
    const again = repo.batch(['record', 'a.txt']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('no change');
    repo.write('a.txt', 'two\n');
    repo.batch(['record', 'a.txt', '-d', 'second']);
    const log = repo.json<LogJson>(['log']);
    const edits = log.batches.flatMap((b) => b.edits);
    expect(edits.map((e) => [e.path, e.kind, e.description])).toEqual([
      ['a.txt', 'added', null],
      ['a.txt', 'modified', 'second'],
    ]);
    expect(edits[1]?.hash).toBe(repo.git('hash-object', 'a.txt').trim());
  });

  it('sees deletions, mode changes, symlinks, binary content and odd names', () => {
    const odd = 'dir with space/ünï cödé\nnewline.txt';
    repo.write(odd, 'x');
    repo.write('bin.dat', Buffer.from([0, 1, 2, 255, 0, 10]));
    repo.write('script.sh', 'echo hi\n');
    expect(repo.batch(['record', odd, 'bin.dat', 'script.sh']).code).toBe(0);
    chmodSync(repo.path('script.sh'), 0o755);
    symlinkSync('bin.dat', repo.path('link'));
    unlinkSync(repo.path('README.md'));
    const result = repo.batch(['record', 'script.sh', 'link', 'README.md']);
    expect(result.code, result.stderr).toBe(0);
    const edits = repo.json<LogJson>(['log']).batches.flatMap((b) => b.edits);
    const byPath = Object.fromEntries(edits.map((e) => [e.path, e.kind]));
    expect(byPath).toEqual({
      [odd]: 'added',
      'bin.dat': 'added',
      'script.sh': 'mode',
      link: 'added',
      'README.md': 'deleted',
    });
  });

  it('never splits one record call across two batches', () => {
    for (let i = 0; i < 7; i++) repo.write(`many/${i}.txt`, `${i}`);
    const result = repo.batch(['record', 'many']);
    expect(result.stdout).toContain('batch 1 complete (7 edits)');
    const log = repo.json<LogJson>(['log']);
    expect(log.batches.map((b) => [b.id, b.status, b.edits.length])).toEqual([
      [1, 'complete', 7],
      [2, 'open', 0],
    ]);
  });

  it('lists changed paths that were not named as unrecorded, without counting them', () => {
    repo.write('named.txt', '1');
    repo.write('other.txt', '2');
    repo.batch(['record', 'named.txt']);
    const batch = repo.json<LogJson>(['log']).batches[0];
    expect(batch?.edits.map((e) => e.path)).toEqual(['named.txt']);
    expect(batch?.unrecorded).toContain('other.txt');
    // Recording it later still counts it: it was never recorded.
    expect(repo.batch(['record', 'other.txt']).stdout).toContain('added');
  });

  it('does not list the .batchrc that init wrote as unrecorded, but does list work that was there before', () => {
    repo.write('draft.txt', 'uncommitted before init\n');
    expect(repo.batch(['init']).code).toBe(0);
    repo.write('a.txt', '1');
    repo.batch(['record', 'a.txt']);
    // committed as init advises, without the hook: still not unrecorded
    repo.git('add', '.batchrc');
    repo.git('commit', '-q', '-m', 'batch settings');
    repo.write('b.txt', '2');
    repo.batch(['record', 'b.txt']);
    const batch = repo.json<LogJson>(['log']).batches[0];
    expect(batch?.edits.map((e) => e.path)).toEqual(['a.txt', 'b.txt']);
    expect(batch?.unrecorded).toEqual(['draft.txt']);
  });

  it('warns once when a snapshot takes in a file that may hold secrets or is large, and still records', () => {
    repo.write('.gitignore', 'ignored.key\n');
    repo.git('add', '.gitignore');
    repo.git('commit', '-q', '-m', 'ignore');
    repo.write('.env', 'TOKEN=abc\n');
    repo.write('.env.example', 'TOKEN=\n');
    repo.write('ignored.key', 'not seen');
    repo.write('a.txt', '1');
    // the first command's snapshot takes in .env (untracked, not ignored)
    const first = repo.batch(['record', 'a.txt']);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/warning: snapshot took in \.env, which git does not ignore/);
    expect(first.stderr).toMatch(/\.gitignore or \.git\/info\/exclude/);
    expect(first.stderr).not.toMatch(/\.env\.example|ignored\.key/);
    repo.write('certs/server.pem', 'KEY');
    repo.write('data.bin', Buffer.alloc(6 * 1024 * 1024, 1));
    repo.write('b.txt', '2');
    const second = repo.batch(['record', 'b.txt']);
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/snapshot took in certs\/server\.pem, which git does not ignore/);
    expect(second.stderr).toMatch(/snapshot took in data\.bin \(6 MB\)/);
    expect(second.stderr).not.toMatch(/\.env,/);
    // said once: a later snapshot that does not take them in anew says nothing
    repo.write('c.txt', '3');
    expect(repo.batch(['record', 'c.txt']).stderr).not.toMatch(/warning/);
    expect(repo.json<LogJson>(['log']).batches[0]?.edits.map((e) => e.path)).toEqual([
      'a.txt',
      'b.txt',
      'c.txt',
    ]);
  });

  it('records the paths a commit changed with its subject', () => {
    repo.write('src/a.ts', 'a');
    repo.write('src/b.ts', 'b');
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'add a and b');
    const result = repo.batch(['record', '--from-commit', 'HEAD']);
    expect(result.code, result.stderr).toBe(0);
    const edits = repo.json<LogJson>(['log']).batches[0]?.edits ?? [];
    expect(edits.map((e) => [e.path, e.description])).toEqual([
      ['src/a.ts', 'add a and b'],
      ['src/b.ts', 'add a and b'],
    ]);
    expect(repo.batch(['record', '--from-commit', 'nope']).code).toBe(3);
  });

  it('refuses paths outside the worktree, in .git or .batch, through symlinked folders, or unknown: exit 3, nothing recorded', () => {
    repo.write('real/x.txt', 'x');
    symlinkSync('real', repo.path('linked'));
    for (const bad of [
      '../outside.txt',
      '/etc/passwd',
      '.git/config',
      '.batch/state.json',
      'linked/x.txt',
      'missing.txt',
    ]) {
      const result = repo.batch(['record', bad]);
      expect(result.code, bad).toBe(3);
      expect(result.stderr).toMatch(/^error: .+\nhint: /m);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
    const edits = repo.json<LogJson>(['log']).batches.flatMap((b) => b.edits);
    expect(edits).toEqual([]);
  });

  it('refuses to run outside a git repository with a hint', () => {
    const result = repo.batch(['status'], { cwd: repo.home });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('not a git repository');
    expect(result.stderr).toContain('hint:');
  });
});

describe('a file rewritten in the same second as the commit, with the same size', () => {
  it('is still an edit when batch first looks a second later (git racy-timestamp check kept)', () => {
    let tested = false;
    for (let attempt = 0; attempt < 20 && !tested; attempt++) {
      const repo = TempRepo.create();
      try {
        repo.write('same.txt', 'aaaa\n');
        repo.git('add', 'same.txt');
        repo.git('commit', '-q', '-m', 'same');
        repo.write('same.txt', 'bbbb\n');
        const second = (file: string) => Math.floor(statSync(repo.path(file)).mtimeMs / 1000);
        if (second('same.txt') !== second('.git/index')) continue; // not racy this time: try again
        // batch's first look comes in a later second, as it would for a user
        while (Math.floor(Date.now() / 1000) === second('same.txt'))
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
        expect(repo.batch(['init']).code).toBe(0);
        expect(repo.batch(['record', 'same.txt']).stdout).toContain('modified   same.txt');
        tested = true;
      } finally {
        repo.cleanup();
      }
    }
    expect(tested).toBe(true);
  });
});
