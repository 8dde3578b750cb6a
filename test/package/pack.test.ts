import { spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hermeticEnv, PROJECT_ROOT } from '../support/repo.js';

/**
 * The package as users get it: `npm pack`, installed into a fresh project from the tarball (not the
 * source tree), then the CLI run through npx and the API imported.
 */
describe('the packed package', () => {
  let base: string;
  let project: string;
  let env: NodeJS.ProcessEnv;

  function sh(cmd: string, args: string[], cwd = project) {
    const result = spawnSync(cmd, args, { cwd, env, encoding: 'utf8' });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  beforeAll(() => {
    base = realpathSync(mkdtempSync(join(tmpdir(), 'batch-pack-')));
    mkdirSync(join(base, 'home'));
    // npm's own cache and config from the real HOME keep the install offline-friendly.
    env = { ...hermeticEnv(join(base, 'home')), npm_config_cache: join(process.env.HOME ?? base, '.npm') };
    // --ignore-scripts: `npm test` built dist/ already; pack's `prepare` would rebuild it, deleting
    // dist/bin/ under the test files running beside this one
    const packed = spawnSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', base], {
      cwd: PROJECT_ROOT,
      env,
      encoding: 'utf8',
    });
    expect(packed.status, packed.stderr).toBe(0);
    const tarball = readdirSync(base).find((f) => f.endsWith('.tgz'));
    expect(tarball).toBeDefined();
    project = join(base, 'project');
    mkdirSync(project);
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'fresh', version: '1.0.0', scripts: { test: 'node --test' } }),
    );
    const install = sh('npm', [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      join(base, tarball ?? ''),
    ]);
    expect(install.code, install.stderr).toBe(0);
    sh('git', ['init', '-q', '-b', 'main']);
  }, 180_000);

  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('ships only what users need', () => {
    const files = readdirSync(join(project, 'node_modules/@batch-tool/batch')).sort();
    expect(files).toEqual(
      expect.arrayContaining([
        'bin',
        'dist',
        'hooks',
        'templates',
        'README.md',
        'CHANGELOG.md',
        '.batchrc.example',
        'package.json',
      ]),
    );
    expect(files).not.toContain('src');
    expect(files).not.toContain('test');
  });

  it('runs npx batch --version, init and record', () => {
    const version = sh('npx', ['--no-install', 'batch', '--version']);
    expect(version.code, version.stderr).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const init = sh('npx', ['--no-install', 'batch', 'init']);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toContain('test command: npm test');
    writeFileSync(join(project, 'a.txt'), 'hello');
    const record = sh('npx', ['--no-install', 'batch', 'record', 'a.txt']);
    expect(record.code, record.stderr).toBe(0);
    expect(record.stdout).toContain('added');
    const hook = sh('npx', ['--no-install', 'batch', 'hook', 'install']);
    expect(hook.code, hook.stderr).toBe(0);
    // the installed shim points at the packed CLI, and a real commit through it is recorded
    const shim = readFileSync(join(project, '.git/hooks/post-commit'), 'utf8');
    expect(shim).toContain('node_modules/@batch-tool/batch/bin/batch.js');
    // foreground: the commit waits for the hook, so the recorded commit can be read right after
    writeFileSync(
      join(project, '.batchrc'),
      JSON.stringify({ testCommand: null, hook: { mode: 'foreground' } }),
    );
    sh('git', ['add', 'package.json', 'a.txt']);
    const commit = sh('git', ['commit', '-q', '-m', 'first commit']);
    expect(commit.code, commit.stderr).toBe(0);
    const log = JSON.parse(sh('npx', ['--no-install', 'batch', 'log', '--json']).stdout) as {
      batches: { edits: { path: string; source: string; description: string | null }[] }[];
    };
    const edits = log.batches.flatMap((b) => b.edits);
    expect(edits).toContainEqual(
      expect.objectContaining({ path: 'package.json', source: 'hook', description: 'first commit' }),
    );
  });

  it('keeps runs in the history store after a plain npm install (no install scripts to approve)', () => {
    writeFileSync(join(project, 'a.test.js'), "require('node:test')('works', () => {});\n");
    writeFileSync(join(project, '.batchrc'), JSON.stringify({ testCommand: 'node --test' }));
    const run = sh('npx', ['--no-install', 'batch', 'test']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toContain('history:');
    const history = JSON.parse(sh('npx', ['--no-install', 'batch', 'history', '--json']).stdout) as {
      runs: { passed: number }[];
    };
    expect(history.runs[0]).toMatchObject({ passed: 1 });
    const one = sh('npx', ['--no-install', 'batch', 'history', '--test', 'a.test.js::works', '--verbose']);
    expect(one.stdout).toContain('a.test.js::works (1 run)');
    // the native SQLite came with the install: libsql's prebuilt binary for this platform is an
    // optional dependency npm picks by os and cpu, with no install script to approve
    expect(one.stderr).toMatch(/history\.db open \(native SQLite 3\.\d+\.\d+ \(libsql\)\)/);
  });

  it('exports the typed programmatic API', () => {
    const script =
      "import('@batch-tool/batch').then((m) => console.log(typeof m.recordEdits, typeof m.openContext))";
    const result = sh(process.execPath, ['-e', script]);
    expect(result.stdout.trim()).toBe('function function');
    const types = readdirSync(join(project, 'node_modules/@batch-tool/batch/dist'));
    expect(types).toContain('index.d.ts');
  });
});
