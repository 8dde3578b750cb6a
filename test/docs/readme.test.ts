import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, TempRepo } from '../support/repo.js';

/** The quick start's command lines, as the README shows them (comments stripped). */
function quickStart(): string[] {
  const readme = readFileSync(`${PROJECT_ROOT}README.md`, 'utf8');
  const block = /<!-- quickstart[^>]*-->\s*```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  return block
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line.startsWith('batch '));
}

/** Splits a command line into arguments, honouring double quotes. */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '');
}

describe('the README quick start, run line by line in a fresh repository', () => {
  let repo: TempRepo;
  const lines = quickStart();
  beforeAll(() => {
    repo = TempRepo.create();
    repo.write(
      'package.json',
      JSON.stringify({ name: 'app', type: 'module', scripts: { test: 'node --test' } }),
    );
    repo.write('src/app.js', 'export const answer = 42;\n');
    repo.write('test/app.test.js', "import { test } from 'node:test';\ntest('answer', () => {});\n");
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'app');
    repo.write('src/app.js', 'export const answer = 43;\n');
  });
  afterAll(() => repo.cleanup());

  it('has the commands the README promises', () => {
    expect(lines.map((l) => words(l)[1])).toEqual(
      expect.arrayContaining(['init', 'hook', 'record', 'status', 'baseline', 'log', 'report', 'rollback']),
    );
  });

  it.each(lines)('%s', (line) => {
    const result = repo.batch(words(line).slice(1));
    expect(result.code, `${line}\n${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stderr).not.toContain('error:');
    const command = words(line)[1];
    if (command === 'init') expect(repo.path('.batchrc')).toBeTruthy();
    if (command === 'record') expect(result.stdout).toContain('modified   src/app.js');
    if (command === 'status') expect(result.stdout).toMatch(/batch 1: 1\/5 edits/);
    if (command === 'baseline') expect(result.stdout + result.stderr).toContain('baseline written');
    if (command === 'log') expect(result.stdout).toContain('src/app.js  extract parser');
    if (command === 'rollback') expect(result.stdout).toContain('src/app.js');
  });
});
