import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, TempRepo } from './support/repo.js';

const MATH = 'export const add = (a, b) => a + b;\nexport const sub = (a, b) => a - b;\n';
const TESTS = `import { expect, test } from 'vitest';
import { add, sub } from '../src/math.js';

test('adds', () => expect(add(2, 3)).toBe(5));
test('subtracts', () => expect(sub(5, 3)).toBe(2));
`;

describe('rollback re-runs the tests', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = TempRepo.create();
    symlinkSync(join(PROJECT_ROOT, 'node_modules'), repo.path('node_modules'));
    repo.write('package.json', '{ "name": "sample", "type": "module", "private": true }\n');
    repo.write('.gitignore', 'node_modules\n');
    repo.write('src/math.js', MATH);
    repo.write('test/math.test.js', TESTS);
    repo.write('.batchrc', '{ "batchSize": 2, "testCommand": "node_modules/.bin/vitest run" }\n');
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'sample project');
  });
  afterEach(() => repo.cleanup());

  it('a batch breaks a test; rollback restores the tree, the tests pass again, exit 0', () => {
    expect(repo.batch(['init']).code).toBe(0);
    repo.write('README.md', '# sample, batch 1\n');
    repo.write('src/more.js', 'export const more = 1;\n');
    const first = repo.batch(['record', 'README.md', 'src/more.js']);
    expect(first.code, first.stderr).toBe(0);

    repo.write('src/math.js', MATH.replace('a - b', 'a + b'));
    repo.write('notes.md', 'broke it\n');
    const broken = repo.batch(['record', 'src/math.js', 'notes.md']);
    expect(broken.code, broken.stdout + broken.stderr).toBe(1);
    expect(broken.stdout).toContain('subtracts');

    const rollback = repo.batch(['rollback', '2', '--yes']);
    expect(rollback.code, rollback.stdout + rollback.stderr).toBe(0);
    expect(rollback.stdout).toContain('rolled back to before batch 2');
    expect(rollback.stdout).toContain('2 passed');
    expect(rollback.stdout).toContain("against batch 1's run");
    expect(repo.git('status', '--porcelain')).toBe(' M README.md\n?? src/more.js\n');

    const undo = repo.batch(['undo', '--yes']);
    expect(undo.code).toBe(0);
    const test = repo.batch(['test']);
    expect(test.code).toBe(1);
  });
});
