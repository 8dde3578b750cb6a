import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BisectResult } from '../../src/core/model/culpritModel.js';
import { TempRepo } from '../support/repo.js';
import { repoState, type RepoState } from '../support/treeState.js';
import {
  brokenModule,
  harmlessEdit,
  TEST_COMMAND,
  writeCulpritProject,
  type Runner,
} from './culpritProjects.js';

let repo: TempRepo;
afterEach(() => repo.cleanup());

/** The sample project with extra files, committed, batch initialised with `batchSize` and a baseline set. */
function setUp(
  target: TempRepo,
  runner: Runner,
  batchSize: number,
  extra: Record<string, string> = {},
): void {
  for (const [path, content] of Object.entries(extra)) target.write(path, content);
  writeCulpritProject(target, runner);
  expect(
    target.batch(['init', '--batch-size', String(batchSize), '--test-command', TEST_COMMAND[runner]]).code,
  ).toBe(0);
  target.git('add', '.batchrc');
  target.git('commit', '-q', '-m', 'batch config');
  const baseline = target.batch(['baseline']);
  expect(baseline.code, baseline.stderr).toBe(0);
}

function start(runner: Runner, batchSize: number, extra: Record<string, string> = {}): void {
  repo = TempRepo.create();
  setUp(repo, runner, batchSize, extra);
}

// The state most tests start from, start('node-test', 5), is built once; each of them gets its own copy.
let template: TempRepo;
let templateState: RepoState;
beforeAll(() => {
  template = TempRepo.create();
  setUp(template, 'node-test', 5);
  templateState = repoState(template);
}, 240_000);
afterAll(() => template.cleanup());

/** The same as start('node-test', 5): a copy of the repository built that way once. */
function startNodeTest5(): void {
  repo = template.copy();
  expect(repoState(repo)).toEqual(templateState);
}

/** Records one edit per file, in order; the last record completes the batch (and runs the tests). */
function recordEdits(edits: [string, string][]): number | null {
  let code: number | null = 0;
  edits.forEach(([path, content], i) => {
    repo.write(path, content);
    code = repo.batch(['record', path, '-d', `edit of ${path}`], {
      env: { BATCH_TEST_EDIT: String(i) },
    }).code;
  }, 240_000);
  return code;
}

function bisect(args: string[] = []): BisectResult {
  const result = repo.batch(['bisect', ...args, '--json']);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as BisectResult;
}

const culpritSeqs = (result: BisectResult) => result.culprits.map((c) => c.edits.map((e) => e.seq));

describe('batch bisect on a node --test project', () => {
  it('names edit 3 of 5 with its test, leaves the tree and index byte-identical, and revert 3 alone goes green', () => {
    startNodeTest5();
    const code = recordEdits([
      harmlessEdit('node-test', 1),
      harmlessEdit('node-test', 2),
      brokenModule('node-test', 3),
      harmlessEdit('node-test', 4),
      harmlessEdit('node-test', 5),
    ]);
    expect(code).toBe(2);
    const before = repoState(repo);
    const found = bisect(['1']);
    expect(repoState(repo)).toEqual(before);
    expect(found.culprits).toHaveLength(1);
    expect(found.culprits[0]?.edits.map((e) => [e.seq, e.path])).toEqual([[3, 'src/m3.js']]);
    expect(found.culprits[0]?.tests.map((t) => [t.id, t.file, t.line])).toEqual([
      ['test/m3.test.js::m3 > adds 3', 'test/m3.test.js', 5],
    ]);
    // k = 5 snapshots after the before-snapshot: at most ceil(log2 5) + 2 runs, each of the one test.
    expect(found.runs).toBeLessThanOrEqual(Math.ceil(Math.log2(5)) + 2);
    expect(found.probes.every((p) => p.ran === 1 && p.narrowing === 'name')).toBe(true);
    // Stored with the batch: in log --json and report --format json.
    const log = repo.json<{ batches: { id: number; culprits: BisectResult['culprits'] }[] }>(['log']);
    expect(log.batches.find((b) => b.id === 1)?.culprits[0]?.edits[0]?.seq).toBe(3);
    // A second search makes no run.
    expect(bisect(['1']).runs).toBe(0);

    const reverted = repo.batch(['revert', '3', '--yes']);
    expect(reverted.code, reverted.stdout + reverted.stderr).toBe(0);
    expect(readFileSync(repo.path('src/m3.js'), 'utf8')).toBe('exports.f = (x) => x + 3;\n');
    for (const i of [1, 2, 4, 5])
      expect(readFileSync(repo.path(`src/m${i}.js`), 'utf8')).toBe(harmlessEdit('node-test', i)[1]);
    const undo = repo.batch(['undo', '--yes']);
    expect(undo.code, undo.stderr).toBe(0);
    expect(readFileSync(repo.path('src/m3.js'), 'utf8')).toBe(brokenModule('node-test', 3)[1]);
  }, 240_000);

  it('gives each test its own culprit, and two edits that break a test only together as the pair', () => {
    // Module 7 reads two flags and breaks only when both are set: edits 2 and 5 together.
    start('node-test', 5, {
      'src/m7.js':
        "const a = require('./flagA.js');\nconst b = require('./flagB.js');\nexports.f = (x) => x + 7 + (a.on && b.on ? 1 : 0);\n",
      'test/m7.test.js':
        "const { test } = require('node:test');\nconst assert = require('node:assert');\ntest('adds 7', () => assert.strictEqual(require('../src/m7.js').f(1), 8));\n",
      'src/flagA.js': 'exports.on = false;\n',
      'src/flagB.js': 'exports.on = false;\n',
    });
    const code = recordEdits([
      brokenModule('node-test', 1),
      ['src/flagA.js', 'exports.on = true;\n'],
      harmlessEdit('node-test', 3),
      brokenModule('node-test', 4),
      ['src/flagB.js', 'exports.on = true;\n'],
    ]);
    expect(code).toBe(2);
    const found = bisect();
    const byTest = Object.fromEntries(
      found.culprits.flatMap((c) => c.tests.map((t) => [t.name, c.edits.map((e) => e.path)])),
    );
    expect(byTest).toEqual({
      'adds 1': ['src/m1.js'],
      'adds 4': ['src/m4.js'],
      'adds 7': ['src/flagA.js', 'src/flagB.js'],
    });
    expect(found.notReproducible).toEqual([]);
    expect(culpritSeqs(found)).toHaveLength(3);
  }, 240_000);

  it('reports a test that fails once and then passes as not reproducible, blaming no edit', () => {
    // The test fails once when the marker is missing (and writes it): the batch's run fails it, every later run passes.
    const marker = join(tmpdir(), `batch-flaky-${process.pid}-${Date.now()}`);
    writeFileSync(marker, '');
    start('node-test', 2, {
      'test/flaky.test.js': `const { test } = require('node:test');\nconst fs = require('node:fs');\ntest('flaky', () => {\n  if (!fs.existsSync(${JSON.stringify(marker)})) { fs.writeFileSync(${JSON.stringify(marker)}, ''); throw new Error('first time'); }\n});\n`,
    });
    rmSync(marker, { force: true });
    const code = recordEdits([harmlessEdit('node-test', 2), harmlessEdit('node-test', 3)]);
    expect(code).toBe(2);
    const found = bisect();
    expect(found.culprits).toEqual([]);
    expect(found.notReproducible.map((t) => t.name)).toEqual(['flaky']);
    rmSync(marker, { force: true });
  }, 240_000);
});

describe('a test already failing on the before-snapshot', () => {
  it('is reported as not reproducible and blamed on no edit, even where an edit of the batch fixed it for a while', () => {
    start('node-test', 4);
    // Unrecorded work breaks module 1 after the baseline: the batch's before-snapshot has it broken.
    repo.write(...brokenModule('node-test', 1));
    const code = recordEdits([
      harmlessEdit('node-test', 2),
      harmlessEdit('node-test', 1), // fixes it again
      brokenModule('node-test', 1), // breaks it once more
      brokenModule('node-test', 3), // a culprit of its own
    ]);
    expect(code).toBe(2);
    const found = bisect(['1']);
    expect(found.notReproducible.map((t) => t.name)).toEqual(['adds 1']);
    expect(found.culprits.map((c) => [c.edits.map((e) => e.seq), c.tests.map((t) => t.name)])).toEqual([
      [[4], ['adds 3']],
    ]);
  }, 240_000);
});

describe('batch revert', () => {
  it('refuses, exit 3 and nothing written, when a later edit changed the same lines', () => {
    startNodeTest5();
    repo.write('src/m1.js', 'exports.f = (x) => x + 10;\n');
    repo.batch(['record', 'src/m1.js']);
    repo.write('src/m1.js', 'exports.f = (x) => x + 20;\n');
    repo.batch(['record', 'src/m1.js']);
    const before = repoState(repo);
    const refused = repo.batch(['revert', '1', '--yes']);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/src\/m1\.js: lines edit 1 changed were changed again since/);
    expect(repoState(repo)).toEqual(before);
  }, 240_000);

  it('merges the reverse of an edit with a later edit of other lines of the same file', () => {
    startNodeTest5();
    repo.write('notes.txt', 'a\nb\nc\nd\ne\n');
    repo.batch(['record', 'notes.txt']);
    repo.write('notes.txt', 'A\nb\nc\nd\ne\n');
    repo.batch(['record', 'notes.txt']);
    repo.write('notes.txt', 'A\nb\nc\nd\nE\n');
    repo.batch(['record', 'notes.txt']);
    const reverted = repo.batch(['revert', '2', '--yes', '--no-test']);
    expect(reverted.code, reverted.stderr).toBe(0);
    expect(readFileSync(repo.path('notes.txt'), 'utf8')).toBe('a\nb\nc\nd\nE\n');
    const log = repo.json<{ batches: { edits: { seq: number; source: string; path: string }[] }[] }>(['log']);
    expect(
      log.batches
        .flatMap((b) => b.edits)
        .filter((e) => e.source === 'revert')
        .map((e) => e.path),
    ).toEqual(['notes.txt']);
  }, 240_000);
});

describe('batch probe', () => {
  it('exits 0 when the named tests pass, 1 when one fails, 125 when a named test did not run', () => {
    startNodeTest5();
    expect(repo.batch(['probe', '-t', 'test/m1.test.js::m1 > adds 1']).code).toBe(0);
    repo.write(...brokenModule('node-test', 1));
    const before = repoState(repo);
    expect(repo.batch(['probe', '-t', 'test/m1.test.js::m1 > adds 1']).code).toBe(1);
    expect(repo.batch(['probe', '-t', 'test/m1.test.js::m1 > no such test']).code).toBe(125);
    expect(repoState(repo)).toEqual(before);
  }, 240_000);
});
