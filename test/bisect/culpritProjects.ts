import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT, type TempRepo } from '../support/repo.js';

export type Runner = 'node-test' | 'vitest' | 'jest' | 'mocha' | 'pytest';

/** The test command each sample project is recorded with. */
export const TEST_COMMAND: Record<Runner, string> = {
  'node-test': 'node --test',
  vitest: 'npx vitest run',
  jest: 'npx jest',
  mocha: 'npx mocha',
  pytest: 'python3 -m pytest -q -p no:cacheprovider',
};

function moduleFile(runner: Runner, i: number, offset: string): [string, string] {
  if (runner === 'pytest') return [`m${i}.py`, `def f(x):\n    return x + ${offset}\n`];
  const js =
    runner === 'vitest' ? `export const f = (x) => x + ${offset};\n` : `exports.f = (x) => x + ${offset};\n`;
  return [`src/m${i}.js`, js];
}

function testFile(runner: Runner, i: number): [string, string] {
  switch (runner) {
    case 'pytest':
      return [
        `tests/test_m${i}.py`,
        `from m${i} import f\n\nclass TestM${i}:\n    def test_adds(self):\n        assert f(1) == ${1 + i}\n\n    def test_other(self):\n        assert True\n`,
      ];
    case 'vitest':
      return [
        `test/m${i}.test.js`,
        `import { describe, it, expect } from 'vitest';\nimport { f } from '../src/m${i}.js';\ndescribe('m${i}', () => {\n  it('adds ${i}', () => expect(f(1)).toBe(${1 + i}));\n  it('other ${i}', () => expect(true).toBe(true));\n});\n`,
      ];
    case 'jest':
      return [
        `test/m${i}.test.js`,
        `const { f } = require('../src/m${i}.js');\ndescribe('m${i}', () => {\n  it('adds ${i}', () => expect(f(1)).toBe(${1 + i}));\n  it('other ${i}', () => expect(true).toBe(true));\n});\n`,
      ];
    case 'mocha':
      return [
        `test/m${i}.test.js`,
        `const assert = require('node:assert');\nconst { f } = require('../src/m${i}.js');\ndescribe('m${i}', () => {\n  it('adds ${i}', () => assert.strictEqual(f(1), ${1 + i}));\n  it('other ${i}', () => assert.ok(true));\n});\n`,
      ];
    case 'node-test':
      return [
        `test/m${i}.test.js`,
        `const { describe, test } = require('node:test');\nconst assert = require('node:assert');\nconst { f } = require('../src/m${i}.js');\ndescribe('m${i}', () => {\n  test('adds ${i}', () => assert.strictEqual(f(1), ${1 + i}));\n  test('other ${i}', () => assert.ok(true));\n});\n`,
      ];
  }
}

/**
 * A project of `modules` small modules, each with its own test file of two tests (`adds i` checks
 * module i), committed, with batch initialised and a baseline set. Breaking module i breaks one test.
 */
export function writeCulpritProject(repo: TempRepo, runner: Runner, modules = 6): void {
  if (runner === 'vitest' || runner === 'jest' || runner === 'mocha') {
    // The runner comes from this repository's own devDependencies, linked in as the project's.
    symlinkSync(join(PROJECT_ROOT, 'node_modules'), repo.path('node_modules'));
  }
  if (runner === 'vitest') {
    repo.write('package.json', JSON.stringify({ type: 'module' }));
    repo.write('vitest.config.js', 'export default { test: { include: ["test/**/*.test.js"] } };\n');
  }
  if (runner === 'jest') repo.write('jest.config.js', "module.exports = { testEnvironment: 'node' };\n");
  if (runner === 'mocha') repo.write('.mocharc.json', JSON.stringify({ spec: 'test/**/*.test.js' }));
  if (runner === 'pytest') repo.write('pytest.ini', '[pytest]\npythonpath = .\ntestpaths = tests\n');
  repo.write('.gitignore', 'node_modules\n__pycache__\n');
  for (let i = 1; i <= modules; i++) {
    repo.write(...moduleFile(runner, i, String(i)));
    repo.write(...testFile(runner, i));
  }
  repo.git('add', '-A');
  repo.git('commit', '-q', '-m', 'sample project');
}

/** Module i's content with `x + i` turned into `x - i` (its test then fails). */
export function brokenModule(runner: Runner, i: number): [string, string] {
  return moduleFile(runner, i, `(-${i})`);
}

/** Module i's content with a harmless change (a different offset spelled the same value). */
export function harmlessEdit(runner: Runner, i: number): [string, string] {
  return moduleFile(runner, i, `(${i} + 0)`);
}
