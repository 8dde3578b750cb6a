import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { BisectResult } from '../../src/core/model/culpritModel.js';
import { TempRepo } from '../support/repo.js';
import {
  brokenModule,
  harmlessEdit,
  TEST_COMMAND,
  writeCulpritProject,
  type Runner,
} from './culpritProjects.js';

let repo: TempRepo;
afterEach(() => repo.cleanup());

describe.each<Runner>(['vitest', 'jest', 'mocha', 'pytest'])('batch bisect on a %s project', (runner) => {
  it('probes only the failing test, by name, in at most ceil(log2 k) + 2 runs', () => {
    repo = TempRepo.create();
    writeCulpritProject(repo, runner);
    expect(repo.batch(['init', '--batch-size', '3', '--test-command', TEST_COMMAND[runner]]).code).toBe(0);
    const baseline = repo.batch(['baseline']);
    expect(baseline.code, baseline.stdout + baseline.stderr).toBe(0);
    const edits = [harmlessEdit(runner, 1), brokenModule(runner, 2), harmlessEdit(runner, 3)];
    let code: number | null = 0;
    for (const [path, content] of edits) {
      repo.write(path, content);
      code = repo.batch(['record', path, '-d', `edit of ${path}`, '--quiet']).code;
    }
    // culprit: auto already searched; the stored result is what bisect reads back (no new run).
    expect(code).toBe(2);
    // The search `culprit: auto` made (stored with the batch): each probe ran the one failing test.
    const first = JSON.parse(readFileSync(repo.path('.batch/culprits/1.json'), 'utf8')) as BisectResult;
    expect(first.runs).toBeGreaterThan(0);
    expect(first.runs).toBeLessThanOrEqual(Math.ceil(Math.log2(3)) + 2);
    expect(first.probes.map((p) => [p.ran, p.narrowing])).toEqual(first.probes.map(() => [1, 'name']));
    const result = repo.batch(['bisect', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const found = JSON.parse(result.stdout) as BisectResult;
    expect(found.culprits.map((c) => [c.edits.map((e) => e.path), c.tests.length])).toEqual([
      [[edits[1]?.[0]], 1],
    ]);
    expect(found.runs).toBe(0);
    const stored = repo.json<{ batches: { culprits: BisectResult['culprits'] }[] }>(['log']);
    expect(stored.batches[0]?.culprits).toEqual(found.culprits);
    const report = JSON.parse(repo.batch(['report', '1', '--format', 'json']).stdout) as {
      culprits: BisectResult['culprits'];
    };
    expect(report.culprits).toHaveLength(1);
  }, 240_000);
});
