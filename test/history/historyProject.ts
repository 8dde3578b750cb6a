import { expect } from 'vitest';
import { TempRepo } from '../support/repo.js';

/**
 * A node --test project whose outcome the environment decides: FLIP=1 fails `sometimes`, BROKEN=1
 * fails every test (a broken environment); `always` fails always.
 */
export function historyProject(repo: TempRepo, extraConfig: Record<string, unknown> = {}): void {
  const tests = ['one', 'two', 'three', 'four', 'five']
    .map((n) => `test('${n}', () => { if (process.env.BROKEN === '1') assert.fail('env'); });`)
    .join('\n');
  repo.write(
    't/a.test.js',
    [
      "const test = require('node:test'); const assert = require('node:assert');",
      tests,
      "test('sometimes', () => { if (process.env.FLIP === '1' || process.env.BROKEN === '1') assert.fail('flip'); });",
      "test('always', () => { assert.fail('always broken'); });",
      '',
    ].join('\n'),
  );
  repo.write('package.json', '{ "name": "sample" }\n');
  repo.write(
    '.batchrc',
    `${JSON.stringify({ batchSize: 1, testCommand: 'node --test t/', ...extraConfig })}\n`,
  );
  repo.git('add', '-A');
  repo.git('commit', '-q', '-m', 'project');
  const init = repo.batch(['init']);
  expect(init.code, init.stderr).toBe(0);
}

/** `batch test` with the given environment; the exit code is the tests' verdict (1: `always` fails). */
export function runTests(repo: TempRepo, env: Record<string, string> = {}) {
  const result = repo.batch(['test'], { env });
  expect(result.stderr).not.toMatch(/error:|unexpected/);
  return result;
}
