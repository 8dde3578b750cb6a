import { existsSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Run } from '../../src/core/model/runModel.js';
import { PROJECT_ROOT, TempRepo } from '../support/repo.js';
import { readBatchJson } from './projects.js';

const repos: TempRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.cleanup();
});

/** A committed project with this project's node_modules (jest, mocha) linked in. */
function project(testScript: string, files: Record<string, string>): TempRepo {
  const repo = TempRepo.create();
  repos.push(repo);
  symlinkSync(join(PROJECT_ROOT, 'node_modules'), repo.path('node_modules'));
  repo.write('.gitignore', 'node_modules\n');
  repo.write('package.json', JSON.stringify({ scripts: { test: testScript, check: 'node -e 0' } }));
  for (const [path, text] of Object.entries(files)) repo.write(path, text);
  repo.write('.batchrc', JSON.stringify({ batchSize: 5, testCommand: 'npm test' }));
  repo.git('add', '-A');
  repo.git('commit', '-q', '-m', 'project');
  return repo;
}

/** A test file that fails unless the process has exactly the user's arguments and environment. */
const argvGuard = (framework: 'jest' | 'mocha') =>
  [
    framework === 'mocha' ? "const assert = require('node:assert');" : '',
    "test('sees only its own command line', () => {",
    '  const extra = process.argv.slice(2).filter((a) => /json|outputFile|reporter-option|batch/i.test(a));',
    framework === 'jest' ? '  expect(extra).toEqual([]);' : '  assert.deepStrictEqual(extra, []);',
    '});',
    "test('sees the environment it would see without batch', () => {",
    '  const seen = [process.env.FORCE_COLOR, process.env.BATCH_REPORT, process.env.NODE_OPTIONS];',
    framework === 'jest'
      ? '  expect(seen).toEqual([undefined, undefined, undefined]);'
      : '  assert.deepStrictEqual(seen, [undefined, undefined, undefined]);',
    '});',
    "test('fails on purpose', () => {",
    framework === 'jest' ? '  expect(1 + 1).toBe(3);' : '  assert.strictEqual(1 + 1, 3);',
    '});',
    '',
  ].join('\n');

describe('what the tests see under batch', () => {
  it('jest behind `jest && npm run check`: argv and environment untouched, the report still read', () => {
    const repo = project('jest --ci && npm run check', {
      'guard.test.js': argvGuard('jest'),
      'jest.config.js': "module.exports = { testEnvironment: 'node' };\n",
    });
    const result = repo.batch(['test', '--verbose']);
    expect(result.stderr + result.stdout).toContain('npm test → jest --ci (1st of 2 commands)');
    const run = readBatchJson<Run>(repo, 'runs/1.json');
    expect(run.source.format).toBe('jest-json');
    expect(run.tests.map((t) => [t.name, t.status])).toEqual([
      ['sees only its own command line', 'passed'],
      ['sees the environment it would see without batch', 'passed'],
      ['fails on purpose', 'failed'],
    ]);
    expect(result.code).toBe(1);
  });

  it('mocha keeps the reporter the user chose and batch reads its JSON beside it', () => {
    const repo = project('mocha --reporter spec --ui tdd guard.test.js', {
      'guard.test.js': argvGuard('mocha'),
    });
    const result = repo.batch(['test']);
    // spec's own lines: one per test, and its closing counts.
    expect(result.stdout).toMatch(/✔ sees only its own command line/);
    expect(result.stdout).toMatch(/2 passing/);
    const run = readBatchJson<Run>(repo, 'runs/1.json');
    expect(run.source.format).toBe('mocha-json');
    expect(run.tests.map((t) => [t.name, t.status])).toEqual([
      ['sees only its own command line', 'passed'],
      ['sees the environment it would see without batch', 'passed'],
      ['fails on purpose', 'failed'],
    ]);
    expect(result.code).toBe(1);
  });
});

describe('baseline', () => {
  it('refuses a run that failed before any test reported (exit 3), and keeps no baseline', () => {
    const repo = project('node -e "process.exit(4)"', {});
    const result = repo.batch(['baseline']);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('no baseline stored: the test command exited with code 4');
    expect(existsSync(repo.path('.batch/baseline.json'))).toBe(false);
  });

  it('ends with the runner-style counts line, like every run', () => {
    const repo = project('jest', {
      'ok.test.js': "test('a', () => {});\ntest.skip('b', () => {});\n",
      'jest.config.js': "module.exports = { testEnvironment: 'node' };\n",
    });
    const result = repo.batch(['baseline']);
    expect(result.code).toBe(0);
    expect(result.stdout.trimEnd().split('\n').pop()).toBe('1 passed, 0 failed, 1 skipped');
  });
});
