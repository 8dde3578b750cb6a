import { chmodSync, existsSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Comparison } from '../../src/core/model/comparisonModel.js';
import type { Run } from '../../src/core/model/runModel.js';
import { PROJECT_ROOT, TempRepo } from '../support/repo.js';
import { hasPytest, readBatchJson } from './projects.js';

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
    // file:line is the failing assertion's; the declaration is kept beside it.
    expect(run.tests[2]).toMatchObject({ file: 'guard.test.js', line: 11, declaredAt: 10 });
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

describe('one meaning for file:line', () => {
  it('jest: the same failures read the same assertion line from the JSON report and from the terminal', () => {
    const repo = project('jest', {
      'jest.config.js': "module.exports = { testEnvironment: 'node' };\n",
      'lib.js': "exports.helper = () => {\n  throw new Error('boom');\n};\n",
      'run.sh': '#!/bin/sh\nexec node_modules/.bin/jest "$@"\n',
      'shapes.test.js': [
        "const { helper } = require('./lib');",
        'function check(v) {',
        '  expect(v).toBe(1);',
        '}',
        "test('via a helper in this file', () => {",
        '  check(2);',
        '});',
        "test('throws from another file', () => {",
        '  helper();',
        '});',
        "test('multi-line expect', async () => {",
        '  await Promise.resolve();',
        '  expect({',
        '    a: 1,',
        '  }).toEqual({ a: 2 });',
        '});',
        '',
      ].join('\n'),
    });
    const failures = () =>
      readBatchJson<Run>(repo, 'ci_test_results.json')
        .tests.filter((t) => t.status === 'failed')
        .map((t) => [t.name, t.file, t.line])
        .sort();
    expect(repo.batch(['test']).code).toBe(1);
    expect(readBatchJson<Run>(repo, 'ci_test_results.json').source.format).toBe('jest-json');
    const fromReport = failures();
    expect(fromReport).toEqual([
      ['multi-line expect', 'shapes.test.js', 15],
      ['throws from another file', 'shapes.test.js', 9],
      ['via a helper in this file', 'shapes.test.js', 3],
    ]);
    // The declarations stay beside them.
    expect(readBatchJson<Run>(repo, 'ci_test_results.json').tests.map((t) => [t.name, t.declaredAt])).toEqual(
      [
        ['via a helper in this file', 5],
        ['throws from another file', 8],
        ['multi-line expect', 11],
      ],
    );
    // A wrapper batch does not recognise: the same run read from jest's terminal output.
    chmodSync(repo.path('run.sh'), 0o755);
    repo.write('.batchrc', JSON.stringify({ batchSize: 5, testCommand: './run.sh' }));
    expect(repo.batch(['test']).code).toBe(1);
    expect(readBatchJson<Run>(repo, 'ci_test_results.json').source.format).toBe('stdout:jest');
    expect(failures()).toEqual(fromReport);
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

describe('pytest outcomes', () => {
  it.skipIf(!hasPytest())('counts xfail and xpass as pytest does; a strict xpass fails', () => {
    const repo = TempRepo.create();
    repos.push(repo);
    repo.write(
      'tests/test_marks.py',
      [
        'import pytest',
        '',
        'def test_plain():',
        '    assert True',
        '',
        '@pytest.mark.xfail(reason="known")',
        'def test_known_bug():',
        '    assert False',
        '',
        '@pytest.mark.xfail(reason="fixed since")',
        'def test_fixed_since():',
        '    assert True',
        '',
      ].join('\n'),
    );
    repo.write(
      '.batchrc',
      JSON.stringify({ batchSize: 5, testCommand: 'python3 -m pytest -q -p no:cacheprovider' }),
    );
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'project');
    const result = repo.batch(['test']);
    expect(result.stdout).toContain('1 passed, 1 xfailed, 1 xpassed');
    expect(result.stdout.trimEnd().split('\n').pop()).toBe(
      '1 passed, 0 failed, 0 skipped, 1 xfailed, 1 xpassed',
    );
    expect(result.code).toBe(0);
    const run = readBatchJson<Run>(repo, 'runs/1.json');
    expect(run).toMatchObject({ passed: 2, skipped: 1, xfailed: 1, xpassed: 1 });
    expect(run.tests.map((t) => [t.name, t.status, t.kind])).toEqual([
      ['test_plain', 'passed', undefined],
      ['test_known_bug', 'skipped', 'xfail'],
      ['test_fixed_since', 'passed', 'xpass'],
    ]);

    // A comparison counts them the same way: its totals (JSON) and its closing line.
    expect(repo.batch(['baseline']).code).toBe(0);
    const compared = repo.batch(['compare', '--json']);
    expect(compared.code).toBe(0);
    expect((JSON.parse(compared.stdout) as Comparison).totals).toMatchObject({
      passed: 2,
      skipped: 1,
      xfailed: 1,
      xpassed: 1,
    });
    expect(repo.batch(['compare']).stdout).toContain(
      'batch: 1 passed, 0 failed, 0 skipped, 1 xfailed, 1 xpassed',
    );

    repo.write('pytest.ini', '[pytest]\nxfail_strict = true\n');
    const strict = repo.batch(['test']);
    // It passed (as an xpass) in the baseline: under strict it is a new failure.
    expect(strict.code).toBe(2);
    const strictRun = readBatchJson<Run>(repo, 'ci_test_results.json');
    expect(strictRun.tests.find((t) => t.name === 'test_fixed_since')).toMatchObject({
      status: 'failed',
      kind: 'xpass',
    });
  });
});

describe('node:test read from the terminal', () => {
  it('names the failures of its TAP `not ok` lines, counted as node counts them', () => {
    const repo = TempRepo.create();
    repos.push(repo);
    repo.write(
      'test/a.test.js',
      [
        "const { describe, test } = require('node:test');",
        "const assert = require('node:assert');",
        "test('plain pass', () => {});",
        "test('plain fail', () => {",
        '  assert.strictEqual(1, 2);',
        '});',
        "describe('group', () => {",
        "  test('inner pass', () => {});",
        "  test('inner fail', () => assert.ok(false));",
        '});',
        "test('parent', async (t) => {",
        "  await t.test('child fail', () => assert.ok(false));",
        '});',
        '',
      ].join('\n'),
    );
    // Run through sh -c, batch does not recognise the runner and reads what node prints.
    repo.write(
      '.batchrc',
      JSON.stringify({ batchSize: 5, testCommand: "sh -c 'node --test --test-reporter=tap'" }),
    );
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'project');
    const result = repo.batch(['test']);
    expect(result.code).toBe(1);
    const run = readBatchJson<Run>(repo, 'runs/1.json');
    const failed = run.tests.filter((t) => t.status === 'failed').map((t) => t.name);
    expect(failed.sort()).toEqual(['child fail', 'inner fail', 'plain fail']);
    const own = /# tests (\d+)/.exec(result.stdout)?.[1];
    expect(run.total).toBe(Number(own));
  });
});
