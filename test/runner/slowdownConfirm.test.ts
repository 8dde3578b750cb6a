import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Comparison } from '../../src/core/model/comparisonModel.js';
import { TempRepo } from '../support/repo.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A counter file (outside the tree, so runs are not stale) of how many slow runs are left, at 0. */
function slowCounter(): { dir: string; slowRuns: (n: number) => void; env: Record<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), 'batch-slow-'));
  const mark = join(dir, 'slow-runs');
  writeFileSync(mark, '0');
  return { dir, slowRuns: (n) => writeFileSync(mark, String(n)), env: { SLOW_MARK: mark } };
}

/**
 * A node --test project whose one test sleeps 400 ms while the counter file says slow runs are
 * left, counting it down: "slower once" is a counter of 1.
 */
function writeProject(repo: TempRepo): void {
  repo.write(
    'test/timed.test.js',
    [
      "const fs = require('node:fs');",
      "const { test } = require('node:test');",
      "test('timed', async () => {",
      "  const left = Number(fs.readFileSync(process.env.SLOW_MARK, 'utf8'));",
      '  if (left > 0) {',
      '    fs.writeFileSync(process.env.SLOW_MARK, String(left - 1));',
      '    await new Promise((resolve) => setTimeout(resolve, 400));',
      '  }',
      '});',
      '',
    ].join('\n'),
  );
  repo.write('.batchrc', JSON.stringify({ batchSize: 1, testCommand: 'node --test' }));
  repo.git('add', '-A');
  repo.git('commit', '-q', '-m', 'project');
}

// The project is built once, and once more with a baseline recorded (the counter at 0, as each test's
// own counter starts); each test starts from its own copy of one of them, with a counter of its own.
let project: TempRepo;
let baselined: TempRepo;
let baselineCounter: string;
beforeAll(() => {
  project = TempRepo.create();
  writeProject(project);
  baselined = project.copy();
  const { dir, env } = slowCounter();
  baselineCounter = dir;
  expect(baselined.batch(['baseline'], { env }).code).toBe(0);
}, 60_000);
afterAll(() => {
  project.cleanup();
  baselined.cleanup();
  rmSync(baselineCounter, { recursive: true, force: true });
});

/** A copy of `template` (the project, or the project with its baseline) and a fresh counter at 0. */
function copyOf(template: TempRepo): {
  repo: TempRepo;
  slowRuns: (n: number) => void;
  env: Record<string, string>;
} {
  const repo = template.copy();
  const { dir, slowRuns, env } = slowCounter();
  cleanups.push(
    () => repo.cleanup(),
    () => rmSync(dir, { recursive: true, force: true }),
  );
  return { repo, slowRuns, env };
}

describe('confirmed slowdowns', () => {
  it('a rollback whose tests pass exits 0, a test slower once reported as unconfirmed', () => {
    const { repo, slowRuns, env } = copyOf(baselined);
    repo.write('notes.txt', 'one\n');
    expect(repo.batch(['record', 'notes.txt'], { env }).code).toBe(0);
    slowRuns(1);
    const rollback = repo.batch(['rollback', '1', '--yes'], { env });
    expect(rollback.stdout).toMatch(/against the baseline: 1 slower \(unconfirmed\)/);
    expect(rollback.code).toBe(0);
    // After undo, the rollback's green run is not shown as the state of the tree.
    expect(repo.batch(['undo', '--yes'], { env }).code).toBe(0);
    expect(repo.batch(['status']).stdout).toMatch(/last run: .*made before `batch undo`/);
  });

  it('compare: a test slower once (only on its first run) is unconfirmed, exit 0', () => {
    const { repo, slowRuns, env } = copyOf(baselined);
    slowRuns(1);
    const compared = repo.batch(['compare', '--json'], { env });
    expect(compared.code).toBe(0);
    const once = JSON.parse(compared.stdout) as Comparison;
    expect(once.slowdowns.map((s) => [s.name, s.confirmed])).toEqual([['timed', false]]);
    expect(once.notes.join('\n')).toMatch(/alternately on the reference's tree/);
  });

  it('compare: a test an edit made slower is confirmed against the reference tree, exit 2; the user tree untouched', () => {
    const { repo, env } = copyOf(baselined);
    // The edit: the test now sleeps on every run, on this tree only.
    repo.write(
      'test/timed.test.js',
      [
        "const { test } = require('node:test');",
        "test('timed', async () => {",
        '  await new Promise((resolve) => setTimeout(resolve, 400));',
        '});',
        '',
      ].join('\n'),
    );
    repo.git('add', 'test/timed.test.js');
    const before = {
      status: repo.git('status', '--porcelain'),
      index: repo.git('diff', '--cached'),
      refs: repo.git('for-each-ref', '--format=%(refname) %(objectname)', 'refs/heads', 'refs/tags'),
      head: repo.git('rev-parse', 'HEAD'),
    };
    const compared = repo.batch(['compare'], { env });
    expect(compared.stdout).toMatch(/timed .*\(confirmed: slow again when re-run\)/);
    expect(compared.stdout).toMatch(/alternately on the reference's tree/);
    expect(compared.code).toBe(2);
    expect({
      status: repo.git('status', '--porcelain'),
      index: repo.git('diff', '--cached'),
      refs: repo.git('for-each-ref', '--format=%(refname) %(objectname)', 'refs/heads', 'refs/tags'),
      head: repo.git('rev-parse', 'HEAD'),
    }).toEqual(before);
  });

  it('compare: a machine slower for every tree confirms nothing (the reference tree, re-run, is as slow)', () => {
    const { repo, slowRuns, env } = copyOf(baselined);
    // Every run from now on is slow, on the reference tree too: re-run against the recorded
    // baseline alone, this would read as confirmed.
    slowRuns(100);
    const compared = repo.batch(['compare', '--json'], { env });
    const comparison = JSON.parse(compared.stdout) as Comparison;
    expect(comparison.slowdowns.map((s) => [s.name, s.confirmed])).toEqual([['timed', false]]);
    expect(compared.code).toBe(0);
  });

  it('compare --results cannot re-run anything: the slowdown is unconfirmed, says why, and exits by failures', () => {
    const { repo, slowRuns, env } = copyOf(project);
    const dir = mkdtempSync(join(tmpdir(), 'batch-slow-reports-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const report = (name: string) => {
      const destination = join(dir, name);
      execFileSync(
        'node',
        ['--test', '--test-reporter=junit', `--test-reporter-destination=${destination}`],
        {
          cwd: repo.path('.'),
          env: { ...process.env, ...env },
          stdio: 'ignore',
        },
      );
      return destination;
    };
    const fast = report('fast.xml');
    slowRuns(1);
    const slow = report('slow.xml');
    const baselineFile = join(dir, 'baseline.json');
    expect(repo.batch(['baseline', '--results', fast, '--baseline-file', baselineFile]).code).toBe(0);
    const args = ['compare', '--results', slow, '--baseline-file', baselineFile];
    const text = repo.batch(args);
    expect(text.stdout).toMatch(/timed .*\(unconfirmed\)/);
    expect(text.stdout).toMatch(/no tree to run the slow tests on again, so they never make exit 2/);
    expect(text.code).toBe(0);
    const json = repo.batch([...args, '--json']);
    const comparison = JSON.parse(json.stdout) as Comparison;
    expect(comparison.slowdowns.map((s) => [s.name, s.confirmed])).toEqual([['timed', false]]);
    expect(comparison.notes.join('\n')).toMatch(/from result files there is no tree/);
    expect(json.code).toBe(0);
  });
});
