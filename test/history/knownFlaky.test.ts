import { mkdirSync, rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Comparison } from '../../src/core/model/comparisonModel.js';
import { TempRepo } from '../support/repo.js';
import { historyProject } from './historyProject.js';

const repos: TempRepo[] = [];
afterEach(() => repos.splice(0).forEach((r) => r.cleanup()));

type Flaky = { flaky: { id: string }[] };

/**
 * `sometimes` passes and fails in turn over five batches, each on a new tree: no tree saw it both pass
 * and fail (the run files' rule finds nothing), but its flip rate makes `batch flaky` list it. The
 * baseline is the last run, where it passed.
 */
function flakyInHistory(): TempRepo {
  const repo = TempRepo.create();
  repos.push(repo);
  historyProject(repo);
  for (let i = 0; i < 5; i++) {
    repo.write(`f${i}.txt`, `${i}\n`);
    const recorded = repo.batch(['record', `f${i}.txt`], { env: { FLIP: i % 2 === 1 ? '1' : '0' } });
    expect(recorded.code, recorded.stderr).toBe(1); // `always` fails
  }
  expect(repo.json<Flaky>(['flaky']).flaky.map((f) => f.id)).toEqual(['t/a.test.js::sometimes']);
  expect(repo.batch(['baseline']).code).toBe(0);
  repo.write('g.txt', 'new tree\n');
  return repo;
}

function compare(repo: TempRepo): { code: number | null; comparison: Comparison } {
  const result = repo.batch(['compare', '--json'], { env: { FLIP: '1' } });
  return { code: result.code, comparison: JSON.parse(result.stdout) as Comparison };
}

describe("compare's known-flaky list is batch flaky's", () => {
  it('a test made flaky in the history store is known-flaky in batch compare, not a regression', () => {
    const repo = flakyInHistory();
    // the run files say nothing: each of them ran a different tree
    rmSync(repo.path('.batch/runs'), { recursive: true });
    mkdirSync(repo.path('.batch/runs'));
    const { code, comparison } = compare(repo);
    expect(comparison.newFailures).toEqual([]);
    expect(comparison.flaky.map((t) => [t.id, (t as { reason?: string }).reason])).toEqual([
      ['t/a.test.js::sometimes', 'known-flaky'],
    ]);
    expect(code).toBe(1);
  });

  it('a store that cannot be opened falls back to the run files, and compare still answers', () => {
    const repo = flakyInHistory();
    rmSync(repo.path('.batch/history.db'));
    mkdirSync(repo.path('.batch/history.db')); // a folder where the database file should be
    const { code, comparison } = compare(repo);
    // the run files' rule (pass and fail on one tree) does not know it: a new failure
    expect(comparison.newFailures.map((t) => t.id)).toEqual(['t/a.test.js::sometimes']);
    expect(code).toBe(2);
  });
});
