import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TempRepo } from '../support/repo.js';
import { allEdits, commitFile, gitWithEnv, writeConfig } from './hookHelpers.js';

/**
 * Installs a real package from the registry into the temp project (never into batch's own tree).
 * Returns the reason it could not, so the test is skipped with it.
 */
function npmInstall(repo: TempRepo, spec: string): string | null {
  writeFileSync(
    join(repo.dir, 'package.json'),
    '{ "name": "sample", "version": "1.0.0", "private": true }\n',
  );
  writeFileSync(join(repo.dir, '.gitignore'), 'node_modules/\n');
  const result = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', spec], {
    cwd: repo.dir,
    env: {
      ...repo.env,
      npm_config_cache: join(tmpdir(), 'batch-test-npm-cache'),
      npm_config_update_notifier: 'false',
    },
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status === 0) return null;
  return `npm install ${spec} failed (${result.error?.message ?? `exit ${result.status}`}): ${result.stderr.trim().slice(0, 300)}`;
}

function run(repo: TempRepo, file: string, args: string[]): void {
  const result = spawnSync(process.execPath, [file, ...args], {
    cwd: repo.dir,
    env: repo.env,
    encoding: 'utf8',
  });
  if (result.status !== 0)
    throw new Error(`${file} ${args.join(' ')} failed: ${result.stderr}${result.stdout}`);
}

describe('alongside other hook managers', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = TempRepo.create();
  });
  afterEach(() => repo.cleanup());

  it('husky 9: husky runs its hooks and batch records the commit; uninstall puts husky files back', (ctx) => {
    const failed = npmInstall(repo, 'husky@9');
    if (failed) ctx.skip(failed);
    run(repo, join(repo.dir, 'node_modules', 'husky', 'bin.js'), []);
    expect(repo.git('config', 'core.hooksPath').trim()).toBe('.husky/_');
    const userHook = 'echo "husky post-commit ran" >> .git/husky.log\n';
    writeFileSync(join(repo.dir, '.husky', 'post-commit'), userHook);
    writeFileSync(join(repo.dir, '.husky', 'pre-commit'), 'echo "husky pre-commit ran" >> .git/husky.log\n');
    writeConfig(repo, { hook: { mode: 'foreground' } });
    repo.git(
      'add',
      '.gitignore',
      'package.json',
      'package-lock.json',
      '.husky/post-commit',
      '.husky/pre-commit',
    );
    gitWithEnv(repo, ['commit', '-q', '-m', 'husky set up'], {});

    const install = repo.batch(['hook', 'install']);
    expect(install.code).toBe(0);
    expect(install.stdout).toContain('.husky/post-commit');
    expect(existsSync(join(repo.dir, '.husky', '_', 'post-commit'))).toBe(true);
    expect(readFileSync(join(repo.dir, '.husky', 'post-commit'), 'utf8')).toMatch(
      /^echo "husky post-commit ran" >> \.git\/husky\.log\n\nbatch_hook=.*# batch-managed-hook/,
    );

    const commit = commitFile(repo, 'src/a.js', 'export const a = 1;\n', 'first through husky');
    expect(commit.stderr).toContain('batch: recorded 1 edit');
    expect(readFileSync(join(repo.dir, '.git', 'husky.log'), 'utf8')).toContain(
      'husky pre-commit ran\nhusky post-commit ran\nhusky pre-commit ran\nhusky post-commit ran\n',
    );
    expect(allEdits(repo).map((e) => e.path)).toEqual(['src/a.js']);

    expect(repo.batch(['hook', 'uninstall']).code).toBe(0);
    expect(readFileSync(join(repo.dir, '.husky', 'post-commit'), 'utf8')).toBe(userHook);
    expect(existsSync(join(repo.dir, '.husky', 'post-rewrite'))).toBe(false);
    expect(repo.git('status', '--porcelain').trim()).toBe('?? .batchrc');
  });

  it('lefthook: batch adds its entries to lefthook.yml, lefthook runs them, uninstall restores the file', (ctx) => {
    const failed = npmInstall(repo, 'lefthook@2');
    if (failed) ctx.skip(failed);
    const config =
      'pre-commit:\n  commands:\n    hello:\n      run: echo "lefthook pre-commit ran" >> .git/lefthook.log\n';
    writeFileSync(join(repo.dir, 'lefthook.yml'), config);
    const lefthook = join(repo.dir, 'node_modules', '.bin', 'lefthook');
    const env = { LEFTHOOK_BIN: lefthook };
    writeConfig(repo, { hook: { mode: 'foreground' } });

    const install = repo.batch(['hook', 'install']);
    expect(install.code).toBe(0);
    expect(install.stdout).toContain('lefthook install');
    expect(readFileSync(join(repo.dir, 'lefthook.yml'), 'utf8').startsWith(config)).toBe(true);
    const sync = spawnSync(lefthook, ['install'], { cwd: repo.dir, env: repo.env, encoding: 'utf8' });
    expect(sync.status).toBe(0);

    const commit = commitFile(repo, 'b.txt', 'b\n', 'through lefthook', env);
    expect(commit.stdout + commit.stderr).toContain('batch: recorded 1 edit');
    expect(readFileSync(join(repo.dir, '.git', 'lefthook.log'), 'utf8')).toBe('lefthook pre-commit ran\n');
    expect(allEdits(repo).map((e) => e.path)).toEqual(['b.txt']);
    expect(repo.batch(['hook', 'status']).stdout).toMatch(/post-commit\s+installed · hook owned by lefthook/);

    expect(repo.batch(['hook', 'uninstall']).code).toBe(0);
    expect(readFileSync(join(repo.dir, 'lefthook.yml'), 'utf8')).toBe(config);
  });
});
