import { spawnSync } from 'node:child_process';
import { readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT, type TempRepo } from '../support/repo.js';

/** A small node --test project: two passing tests, one failing at test/math.test.js:9, one skipped. */
export function writeNodeTestProject(repo: TempRepo): void {
  repo.write('src/math.js', 'exports.add = (a, b) => a + b;\nexports.sub = (a, b) => a - b;\n');
  repo.write(
    'test/math.test.js',
    [
      "const { describe, test } = require('node:test');",
      "const assert = require('node:assert');",
      "const m = require('../src/math.js');",
      '',
      "describe('math', () => {",
      "  test('adds', () => assert.equal(m.add(1, 2), 3));",
      "  test('adds again', () => assert.equal(m.add(2, 2), 4));",
      "  test.skip('later', () => {});",
      "  test('subtracts', () => assert.equal(m.sub(3, 1), 1));",
      '});',
      '',
    ].join('\n'),
  );
}

/** The same suite for vitest (node_modules linked to this project's install). */
export function writeVitestProject(repo: TempRepo): void {
  symlinkSync(join(PROJECT_ROOT, 'node_modules'), repo.path('node_modules'));
  repo.write('.gitignore', 'node_modules\n');
  repo.write('package.json', JSON.stringify({ type: 'module', scripts: { test: 'vitest run' } }));
  repo.write('vitest.config.js', 'export default { test: { include: ["test/**/*.test.js"] } };\n');
  repo.write('src/math.js', 'export const add = (a, b) => a + b;\nexport const sub = (a, b) => a - b;\n');
  repo.write(
    'test/math.test.js',
    [
      "import { describe, it, expect } from 'vitest';",
      "import { add, sub } from '../src/math.js';",
      '',
      "describe('math', () => {",
      "  it('adds', () => expect(add(1, 2)).toBe(3));",
      "  it('adds again', () => expect(add(2, 2)).toBe(4));",
      "  it.skip('later', () => {});",
      "  it('subtracts', () => expect(sub(3, 1)).toBe(1));",
      '});',
      '',
    ].join('\n'),
  );
}

/** The same suite for pytest. */
export function writePytestProject(repo: TempRepo): void {
  repo.write(
    'tests/test_math.py',
    [
      'import pytest',
      '',
      'def test_adds():',
      '    assert 1 + 2 == 3',
      '',
      'def test_adds_again():',
      '    assert 2 + 2 == 4',
      '',
      '@pytest.mark.skip(reason="later")',
      'def test_later():',
      '    pass',
      '',
      'def test_subtracts():',
      '    assert 3 - 1 == 1',
      '',
    ].join('\n'),
  );
}

/** Whether `python3 -m pytest` works here (the pytest tests are skipped where it does not). */
export function hasPytest(): boolean {
  return spawnSync('python3', ['-m', 'pytest', '--version'], { encoding: 'utf8' }).status === 0;
}

/** Records five edits one by one; returns the result of the fifth (the one that completes the batch). */
export function recordFive(repo: TempRepo): ReturnType<TempRepo['batch']> {
  const results = [0, 1, 2, 3, 4].map((i) => {
    repo.write(`notes/${i}.txt`, `note ${i}\n`);
    return repo.batch(['record', `notes/${i}.txt`]);
  });
  return results[4] as ReturnType<TempRepo['batch']>;
}

/** A stored JSON document of `.batch/`. */
export function readBatchJson<T>(repo: TempRepo, relative: string): T {
  return JSON.parse(readFileSync(repo.path(join('.batch', relative)), 'utf8')) as T;
}
