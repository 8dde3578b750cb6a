import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { BisectResult } from '../../src/core/model/culpritModel.js';
import { TempRepo } from '../support/repo.js';
import { brokenModule, harmlessEdit, TEST_COMMAND, writeCulpritProject } from './culpritProjects.js';

let repo: TempRepo;
afterEach(() => repo.cleanup());

function configure(rc: Record<string, unknown>): void {
  repo.write('.batchrc', JSON.stringify({ testCommand: TEST_COMMAND['node-test'], ...rc }));
  repo.git('add', '-A');
  repo.git('commit', '-q', '-m', 'batch config');
}

function record(path: string, content: string): number | null {
  repo.write(path, content);
  return repo.batch(['record', path]).code;
}

const culprits = (id: number) =>
  JSON.parse(readFileSync(repo.path(`.batch/culprits/${id}.json`), 'utf8')) as BisectResult;

describe('culprit: auto', () => {
  it('searches a batch with new failures against the previous batch’s run when no baseline is set', () => {
    repo = TempRepo.create();
    writeCulpritProject(repo, 'node-test');
    expect(repo.batch(['init', '--batch-size', '2', '--test-command', TEST_COMMAND['node-test']]).code).toBe(
      0,
    );
    record(...harmlessEdit('node-test', 1));
    expect(record(...harmlessEdit('node-test', 2))).toBe(0);
    record(...harmlessEdit('node-test', 3));
    // No baseline: the run exits 1, yet 'adds 4' passed in batch 1's run and fails now.
    expect(record(...brokenModule('node-test', 4))).toBe(1);
    const found = culprits(2);
    expect(found.culprits.map((c) => [c.edits.map((e) => e.seq), c.tests.map((t) => t.name)])).toEqual([
      [[4], ['adds 4']],
    ]);
  }, 240_000);
});

describe('culprit.setup', () => {
  it('runs in the scratch worktree with the project’s files there, so the probes find what it made', () => {
    repo = TempRepo.create();
    writeCulpritProject(repo, 'node-test');
    // Module 2's test needs a generated, ignored file: made by a script of the project.
    repo.write('gen.js', "require('node:fs').writeFileSync('src/generated.js', 'exports.two = 2;\\n');\n");
    repo.write(
      'test/m2.test.js',
      "const { test } = require('node:test');\nconst assert = require('node:assert');\nconst { two } = require('../src/generated.js');\nconst { f } = require('../src/m2.js');\ntest('adds 2', () => assert.strictEqual(f(1), 1 + two));\n",
    );
    repo.write('.gitignore', 'node_modules\nsrc/generated.js\n');
    expect(repo.batch(['init', '--test-command', TEST_COMMAND['node-test']]).code).toBe(0);
    configure({ batchSize: 3, culprit: { mode: 'off', setup: 'node gen.js' } });
    // The user's tree has its own generated file; the scratch worktree gets one from the setup only.
    repo.write('src/generated.js', 'exports.two = 2;\n');
    expect(repo.batch(['baseline']).code).toBe(0);
    record(...harmlessEdit('node-test', 1));
    record(...brokenModule('node-test', 2));
    expect(record(...harmlessEdit('node-test', 3))).toBe(2);
    const result = repo.batch(['bisect', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const found = JSON.parse(result.stdout) as BisectResult;
    expect(found.notReproducible).toEqual([]);
    expect(found.culprits.map((c) => c.edits.map((e) => e.path))).toEqual([['src/m2.js']]);
  }, 240_000);
});

describe('a record during a bisect', () => {
  it('is not blocked by it: it completes while a probe is running, and the edit is recorded once', async () => {
    repo = TempRepo.create();
    const gate = repo.path('../gate');
    writeCulpritProject(repo, 'node-test');
    // Module 2's test waits, once armed, for the test below to let it go: a probe that is held.
    repo.write(
      'test/m2.test.js',
      `const { test } = require('node:test');\nconst assert = require('node:assert');\nconst fs = require('node:fs');\nconst { f } = require('../src/m2.js');\ntest('adds 2', async () => {\n  if (fs.existsSync(${JSON.stringify(`${gate}-armed`)})) {\n    fs.writeFileSync(${JSON.stringify(`${gate}-started`)}, '');\n    while (!fs.existsSync(${JSON.stringify(`${gate}-release`)})) await new Promise((r) => setTimeout(r, 50));\n  }\n  assert.strictEqual(f(1), 3);\n});\n`,
    );
    expect(repo.batch(['init', '--test-command', TEST_COMMAND['node-test']]).code).toBe(0);
    configure({ batchSize: 3, culprit: 'off' });
    expect(repo.batch(['baseline']).code).toBe(0);
    record(...harmlessEdit('node-test', 1));
    record(...brokenModule('node-test', 2));
    expect(record(...harmlessEdit('node-test', 3))).toBe(2);
    repo.write('../gate-armed', '');
    const bisect = repo.spawnBatch(['bisect', '1', '--json']);
    let stdout = '';
    bisect.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => bisect.on('exit', resolve));
    while (!existsSync(`${gate}-started`)) await new Promise((r) => setTimeout(r, 50));
    // A probe is held: the search cannot end before the gate opens.
    repo.write(...harmlessEdit('node-test', 5));
    const during = repo.batch(['record', 'src/m5.js']);
    expect(during.code, during.stderr).toBe(0);
    expect(existsSync(repo.path('.batch/culprits/1.json'))).toBe(false);
    repo.write('../gate-release', '');
    expect(await exited).toBe(0);
    const found = JSON.parse(stdout) as BisectResult;
    expect(found.culprits.map((c) => c.edits.map((e) => e.seq))).toEqual([[2]]);
    const log = repo.json<{ batches: { edits: { seq: number; path: string }[] }[] }>(['log']);
    expect(log.batches.flatMap((b) => b.edits).filter((e) => e.path === 'src/m5.js')).toHaveLength(1);
  }, 240_000);
});
