import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
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

/** Every file in a folder with its bytes and mode (what "changes nothing" compares). */
function folderState(dir: string): Record<string, string> {
  if (!existsSync(dir)) return {};
  const state: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const file = join(dir, name);
    const stat = lstatSync(file);
    state[name] = stat.isFile()
      ? `${(stat.mode & 0o7777).toString(8)} ${stat.mtimeMs} ${readFileSync(file, 'base64')}`
      : 'dir';
  }
  return state;
}

describe('batch hook install / uninstall', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = TempRepo.create();
  });
  afterEach(() => repo.cleanup());

  it('chains a hand-written hook on every commit, records five commits as batch 1, and uninstall puts the hook back byte for byte', () => {
    writeSuite(repo);
    const hook = join(repo.dir, '.git', 'hooks', 'post-commit');
    const original =
      '#!/bin/sh\n# my own hook\necho "ran $(git rev-parse --short HEAD) $*" >> "$(git rev-parse --git-dir)/hand-written.log"\n';
    writeFileSync(hook, original);
    chmodSync(hook, 0o750);
    writeConfig(repo, { batchSize: 5, testCommand: 'node --test', hook: { mode: 'foreground' } });

    const install = repo.batch(['hook', 'install']);
    expect(install.code).toBe(0);
    expect(install.stdout).toContain('post-commit.batch-displaced');
    expect(readFileSync(hook, 'utf8')).toContain('# batch-managed-hook');
    expect(readFileSync(`${hook}.batch-displaced`, 'utf8')).toBe(original);

    const commits: string[] = [];
    let last = { stdout: '', stderr: '' };
    for (let i = 1; i <= 5; i++) {
      last = commitFile(repo, `src/f${i}.js`, `export const v = ${i};\n`, `step ${i}`);
      commits.push(repo.git('rev-parse', 'HEAD').trim());
      expect(last.stderr).toContain(`batch 1: ${i}/5`);
      expect(runCount(repo.dir)).toBe(i < 5 ? 0 : 1);
    }
    // The fifth commit completed batch 1 and ran its tests in the commit's terminal.
    expect(last.stdout + last.stderr).toContain('batch 1 complete (5 edits)');
    expect(last.stdout + last.stderr).toMatch(/✓ 2 passed/);
    const batches = batchLog(repo);
    expect(batches[0]?.status).toBe('complete');
    expect(batches[0]?.runId).toBe(1);
    const run = JSON.parse(readFileSync(join(repo.dir, '.batch', 'runs', '1.json'), 'utf8')) as {
      batchId: number;
      passed: number;
      tests: Array<{ name: string }>;
    };
    expect([run.batchId, run.passed, run.tests.map((t) => t.name).sort()]).toEqual([
      1,
      2,
      ['adds', 'multiplies'],
    ]);
    expect(batches[0]?.edits.map((e) => [e.path, e.commit, e.source])).toEqual(
      commits.map((commit, i) => [`src/f${i + 1}.js`, commit, 'hook']),
    );
    const ran = readFileSync(join(repo.dir, '.git', 'hand-written.log'), 'utf8')
      .replace(/\n$/, '')
      .split('\n');
    expect(ran).toEqual(commits.map((c) => `ran ${c.slice(0, 7)} `));

    const uninstall = repo.batch(['hook', 'uninstall']);
    expect(uninstall.code).toBe(0);
    expect(readFileSync(hook, 'utf8')).toBe(original);
    expect(lstatSync(hook).mode & 0o7777).toBe(0o750);
    expect(existsSync(`${hook}.batch-displaced`)).toBe(false);
    expect(existsSync(join(repo.dir, '.git', 'hooks', 'post-rewrite'))).toBe(false);
    expect(existsSync(join(repo.dir, '.git', 'batch-hooks'))).toBe(false);
  });

  it('changes nothing when installed twice', () => {
    writeFileSync(join(repo.dir, '.git', 'hooks', 'post-commit'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    expect(repo.batch(['hook', 'install']).code).toBe(0);
    const hooks = folderState(join(repo.dir, '.git', 'hooks'));
    const manifest = folderState(join(repo.dir, '.git', 'batch-hooks'));
    const again = repo.batch(['hook', 'install']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('nothing changed');
    expect(folderState(join(repo.dir, '.git', 'hooks'))).toEqual(hooks);
    expect(folderState(join(repo.dir, '.git', 'batch-hooks'))).toEqual(manifest);
  });

  it('gives a displaced post-rewrite hook its arguments and stdin unchanged', () => {
    const hook = join(repo.dir, '.git', 'hooks', 'post-rewrite');
    writeFileSync(
      hook,
      '#!/bin/sh\n{ echo "args: $*"; cat; } >> "$(git rev-parse --git-dir)/rewrite.log"\n',
      {
        mode: 0o755,
      },
    );
    writeConfig(repo, { hook: { mode: 'foreground' } });
    expect(repo.batch(['hook', 'install']).code).toBe(0);
    commitFile(repo, 'a.txt', 'one\n', 'add a');
    const before = repo.git('rev-parse', 'HEAD').trim();
    repo.write('a.txt', 'two\n');
    gitWithEnv(repo, ['commit', '-q', '-a', '--amend', '-m', 'add a, amended'], {});
    const after = repo.git('rev-parse', 'HEAD').trim();
    expect(readFileSync(join(repo.dir, '.git', 'rewrite.log'), 'utf8')).toBe(
      `args: amend\n${before} ${after}\n`,
    );
  });

  it('never fails a commit: a deleted CLI, an invalid .batchrc, a corrupt state.json', () => {
    writeConfig(repo, { hook: { mode: 'foreground' } });
    expect(repo.batch(['hook', 'install']).code).toBe(0);
    const hook = join(repo.dir, '.git', 'hooks', 'post-commit');
    const shim = readFileSync(hook, 'utf8');

    writeFileSync(hook, shim.replace(/^batch_cli=.*$/m, "batch_cli='/nonexistent/batch/bin/batch.js'"));
    const missing = commitFile(repo, 'a.txt', 'a\n', 'cli gone');
    expect(missing.stderr).toContain('the batch CLI was not found');
    writeFileSync(hook, shim);

    writeConfig(repo, { batchSize: 'five', hook: { mode: 'foreground' } });
    const invalid = commitFile(repo, 'b.txt', 'b\n', 'bad config');
    expect(invalid.stderr).toContain('batch: could not record this commit');
    expect(invalid.stderr).toContain('batchSize');

    writeConfig(repo, { hook: { mode: 'foreground' } });
    writeFileSync(join(repo.dir, '.batch', 'state.json'), '{ not json');
    const corrupt = commitFile(repo, 'c.txt', 'c\n', 'corrupt state');
    expect(corrupt.stderr).toContain('state was rebuilt');
    commitFile(repo, 'd.txt', 'd\n', 'after the repair');
    expect(repo.git('log', '--format=%s', '-4').trim().split('\n')).toEqual([
      'after the repair',
      'corrupt state',
      'bad config',
      'cli gone',
    ]);
    expect(allEdits(repo).map((e) => e.path)).toEqual(['d.txt']);
  });

  it('prints the line to add, and writes nothing there, when core.hooksPath is a folder batch does not manage', () => {
    mkdirSync(join(repo.dir, '.githooks'));
    writeFileSync(join(repo.dir, '.githooks', 'post-commit'), '#!/bin/sh\necho mine\n', { mode: 0o755 });
    repo.git('config', 'core.hooksPath', '.githooks');
    const before = folderState(join(repo.dir, '.githooks'));
    const result = repo.batch(['hook', 'install']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('core.hooksPath is .githooks');
    expect(result.stdout).toContain('batch-hooks/post-commit"; [ ! -x "$batch_hook" ] || "$batch_hook" "$@"');
    expect(folderState(join(repo.dir, '.githooks'))).toEqual(before);

    writeFileSync(
      join(repo.dir, '.githooks', 'post-commit'),
      `#!/bin/sh\necho mine\n${result.stdout
        .split('\n')
        .find((l) => l.includes('batch-hooks/post-commit'))
        ?.trim()}\n`,
    );
    const uninstall = repo.batch(['hook', 'uninstall']);
    expect(uninstall.stdout).toContain('.githooks/post-commit still has the line you added for batch');
    writeFileSync(join(repo.dir, '.githooks', 'post-commit'), '#!/bin/sh\necho mine\n');

    const forced = repo.batch(['hook', 'install', '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(join(repo.dir, '.githooks', 'post-commit'), 'utf8')).toContain(
      '# batch-managed-hook',
    );
    expect(readFileSync(join(repo.dir, '.githooks', 'post-commit.batch-displaced'), 'utf8')).toBe(
      '#!/bin/sh\necho mine\n',
    );
  });

  it('prints the lefthook entries to add, and leaves lefthook.yml alone, when it already has a post-commit', () => {
    const config = 'post-commit:\n  commands:\n    notify:\n      run: echo done\n';
    writeFileSync(join(repo.dir, 'lefthook.yml'), config);
    const result = repo.batch(['hook', 'install']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('lefthook.yml already has post-commit or post-rewrite entries');
    expect(result.stdout).toContain('      use_stdin: true');
    expect(readFileSync(join(repo.dir, 'lefthook.yml'), 'utf8')).toBe(config);
    expect(existsSync(join(repo.dir, '.git', 'hooks', 'post-commit'))).toBe(false);
    expect(existsSync(join(repo.dir, '.git', 'batch-hooks', 'post-commit'))).toBe(true);
  });

  it('batch init --hook sets batch up and installs the hooks', () => {
    const result = repo.batch(['init', '--hook']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('created .batchrc');
    expect(result.stdout).toContain('installed the post-commit hook');
    expect(readFileSync(join(repo.dir, '.git', 'hooks', 'post-commit'), 'utf8')).toContain(
      '# batch-managed-hook',
    );
  });
});
