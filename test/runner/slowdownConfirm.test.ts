import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Comparison } from '../../src/core/model/comparisonModel.js';
import { TempRepo } from '../support/repo.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/**
 * A node --test project whose one test sleeps 400 ms while the counter file (outside the tree, so
 * runs are not stale) says slow runs are left, counting it down: "slower once" is a counter of 1.
 */
function project(): { repo: TempRepo; slowRuns: (n: number) => void; env: Record<string, string> } {
  const repo = TempRepo.create();
  const dir = mkdtempSync(join(tmpdir(), 'batch-slow-'));
  cleanups.push(
    () => repo.cleanup(),
    () => rmSync(dir, { recursive: true, force: true }),
  );
  const mark = join(dir, 'slow-runs');
  writeFileSync(mark, '0');
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
  return { repo, slowRuns: (n) => writeFileSync(mark, String(n)), env: { SLOW_MARK: mark } };
}

describe('confirmed slowdowns', () => {
  it('a rollback whose tests pass exits 0, a test slower once reported as unconfirmed', () => {
    const { repo, slowRuns, env } = project();
    expect(repo.batch(['baseline'], { env }).code).toBe(0);
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

  it('compare re-runs the slow test: slower once is unconfirmed (exit 0), slower again is exit 2', () => {
    const { repo, slowRuns, env } = project();
    expect(repo.batch(['baseline'], { env }).code).toBe(0);
    slowRuns(1);
    expect(repo.batch(['compare'], { env }).code).toBe(0);
    const once = JSON.parse(readFileSync(repo.path('.batch/regressions.json'), 'utf8')) as Comparison;
    expect(once.slowdowns.map((s) => [s.name, s.confirmed])).toEqual([['timed', false]]);

    slowRuns(2);
    const twice = repo.batch(['compare', '--json'], { env });
    expect(twice.code).toBe(2);
    const comparison = JSON.parse(twice.stdout) as Comparison;
    expect(comparison.slowdowns.map((s) => [s.name, s.confirmed])).toEqual([['timed', true]]);
  });
});
