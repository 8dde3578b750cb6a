import { afterEach, describe, expect, it } from 'vitest';
import type { Run } from '../../src/core/model/runModel.js';
import type { StatusReport } from '../../src/core/record/status.js';
import { TempRepo } from '../support/repo.js';
import {
  hasPytest,
  readBatchJson,
  recordFive,
  writeNodeTestProject,
  writePytestProject,
  writeVitestProject,
} from './projects.js';

const repos: TempRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.cleanup();
});

function project(write: (repo: TempRepo) => void, testCommand: string): TempRepo {
  const repo = TempRepo.create();
  repos.push(repo);
  write(repo);
  repo.git('add', '-A');
  repo.git('commit', '-q', '-m', 'project');
  const init = repo.batch(['init', '--batch-size', '5', '--test-command', testCommand]);
  expect(init.code, init.stderr).toBe(0);
  return repo;
}

/** The checks every runner must pass: the fifth record runs the tests; status, files and report agree. */
function expectBatchRun(repo: TempRepo, location: RegExp): void {
  const fifth = recordFive(repo);
  expect(fifth.stderr).not.toMatch(/error:/);
  expect(fifth.stdout).toContain('batch 1 complete');
  // One failing test, no baseline: exit 1 (DESIGN.md "Exit codes").
  expect(fifth.code).toBe(1);
  expect(fifth.stdout.trimEnd().split('\n').pop()).toBe('2 passed, 1 failed, 1 skipped');

  const status = repo.json<StatusReport>(['status']);
  expect(status.lastRun).toMatchObject({ id: 1, batchId: 1, passed: 2, failed: 1, skipped: 1, total: 4 });
  expect(status.lastRun?.success).toBe(false);
  expect(status.lastRun?.stale).toBe(false);

  const run = readBatchJson<Run>(repo, 'runs/1.json');
  const failing = run.tests.filter((t) => t.status === 'failed');
  expect(failing).toHaveLength(1);
  expect(failing[0]?.name).toMatch(/subtracts/);
  expect(readBatchJson<Run>(repo, 'ci_test_results.json').id).toBe(1);

  const report = repo.batch(['report', '1']);
  expect(report.code).toBe(0);
  expect(report.stdout).toMatch(/subtracts/);
  expect(report.stdout).toMatch(location);
  expect(report.stdout).toContain('notes/4.txt');
  expect(report.stdout.trimEnd().split('\n').pop()).toBe('2 passed, 1 failed, 1 skipped');
}

describe('a completed batch runs the tests by itself', () => {
  it('node --test: per-test results from batch’s reporter, with file:line', () => {
    const repo = project(writeNodeTestProject, 'node --test');
    expectBatchRun(repo, /test\/math\.test\.js:9\b/);
    expect(readBatchJson<Run>(repo, 'runs/1.json').source.format).toBe('node-test');
  });

  it('vitest behind `npm test`: the JSON report vitest was asked for', () => {
    const repo = project(writeVitestProject, 'npm test');
    expectBatchRun(repo, /test\/math\.test\.js:8\b/);
    expect(readBatchJson<Run>(repo, 'runs/1.json').source.format).toBe('vitest-json');
  });

  it.skipIf(!hasPytest())('pytest: JUnit XML pytest was asked for', () => {
    const repo = project(writePytestProject, 'python3 -m pytest -q');
    expectBatchRun(repo, /tests\/test_math\.py:1[34]\b/);
    expect(readBatchJson<Run>(repo, 'runs/1.json').source.format).toBe('junit');
  });
});
