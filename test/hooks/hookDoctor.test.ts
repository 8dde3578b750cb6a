import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BATCH_BIN, TempRepo } from '../support/repo.js';
import { writeConfig } from './hookHelpers.js';

describe('batch doctor and batch hook status', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = TempRepo.create();
  });
  afterEach(() => repo.cleanup());

  it('reports a working hook, also with a GUI client’s PATH, and the lag behind HEAD', () => {
    const before = repo.batch(['hook', 'status']);
    expect(before.stdout).toMatch(/post-commit\s+not installed/);
    expect(repo.batch(['hook', 'install']).code).toBe(0);
    repo.git(
      '-c',
      'core.hooksPath=/dev/null',
      'commit',
      '-q',
      '--allow-empty',
      '-m',
      'behind the hook’s back',
    );
    const doctor = repo.batch(['doctor']);
    expect(doctor.code).toBe(0);
    expect(doctor.stdout).toContain('✓ post-commit: hook written by batch');
    expect(doctor.stdout).toContain('✓ post-commit: the hook runs (batch hook ok: node');
    expect(doctor.stdout).toContain("✓ post-commit: runs with a GUI client's PATH");
    expect(doctor.stdout).toContain('! 1 commit not recorded yet');
    const status = repo.json<{ events: Array<{ event: string; installed: boolean }>; behind: number }>([
      'hook',
      'status',
    ]);
    expect(status.events.map((e) => [e.event, e.installed])).toEqual([
      ['post-commit', true],
      ['post-rewrite', true],
    ]);
    expect(status.behind).toBe(1);
  });

  it('fails when the hook cannot start batch, or another manager moved it aside', () => {
    expect(repo.batch(['hook', 'install']).code).toBe(0);
    const hook = join(repo.dir, '.git', 'hooks', 'post-commit');
    const shim = readFileSync(hook, 'utf8');
    writeFileSync(hook, shim.replace(/^batch_cli=.*$/m, "batch_cli='/gone/bin/batch.js'"));
    const broken = repo.batch(['doctor']);
    expect(broken.code).toBe(3);
    expect(broken.stdout).toContain('✗ post-commit: the hook does not run');
    expect(broken.stdout).toContain(
      '✗ the batch CLI written into the hooks (/gone/bin/batch.js) no longer exists',
    );

    writeFileSync(hook, shim);
    renameSync(hook, `${hook}.old`);
    writeFileSync(hook, '#!/bin/sh\ncall_lefthook run "post-commit" "$@"\n', { mode: 0o755 });
    const moved = repo.batch(['doctor']);
    expect(moved.code).toBe(3);
    expect(moved.stdout).toContain("✗ post-commit: batch's hook was moved to .git/hooks/post-commit.old");
  });

  it('works in a repository whose path has spaces, quotes and non-ASCII letters', () => {
    const dir = join(repo.home, "my project's dïr");
    mkdirSync(dir);
    const git = (...args: string[]) => {
      const result = spawnSync('git', args, { cwd: dir, env: repo.env, encoding: 'utf8' });
      if (result.status !== 0) throw new Error(result.stderr);
      return result;
    };
    git('init', '-q', '-b', 'main');
    writeConfig(repo, { hook: { mode: 'foreground' } }, dir);
    expect(
      spawnSync(process.execPath, [BATCH_BIN, 'hook', 'install'], { cwd: dir, env: repo.env }).status,
    ).toBe(0);
    writeFileSync(join(dir, 'a file.txt'), 'x\n');
    git('add', 'a file.txt');
    expect(git('commit', '-q', '-m', 'spaces').stderr).toContain('batch: recorded 1 edit');
  });
});
