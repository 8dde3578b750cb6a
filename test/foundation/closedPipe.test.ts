import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Run } from '../../src/core/model/runModel.js';
import { readBatchJson } from '../runner/projects.js';
import { BATCH_BIN, TempRepo } from '../support/repo.js';

/** `batch ARGS | head -1` in bash with pipefail: batch's own exit status, and what reached stderr. */
function intoHead(repo: TempRepo, args: string): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(
    'bash',
    ['-c', `set -o pipefail; "${process.execPath}" "${BATCH_BIN}" ${args} | head -1`],
    { cwd: repo.dir, env: repo.env, encoding: 'utf8' },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('output into a pipe whose reader has gone (| head)', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = TempRepo.create();
  });
  afterEach(() => repo.cleanup());

  it('batch log: the rest is dropped, exit 0, no crash', () => {
    // far more than a pipe buffer (64 KB) of log lines, so writes go on after head has left
    for (let i = 0; i < 3000; i++) repo.write(`files/file-${i}.txt`, `${i}\n`);
    expect(repo.batch(['record', 'files']).code).toBe(0);
    const result = intoHead(repo, 'log');
    expect(result.stdout).toMatch(/^batch 1 \(complete, 3000 edits\)/);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('batch test: the run goes on unseen and is stored with its verdict', () => {
    repo.write('.batchrc', JSON.stringify({ testCommand: 'seq 1 300000; echo "3 passed, 0 failed"' }));
    const result = intoHead(repo, 'test');
    expect(result.stdout).toMatch(/^running the tests for batch 1/);
    expect(result.stderr).not.toMatch(/EPIPE|Error/);
    expect(result.code).toBe(0);
    expect(readBatchJson<Run>(repo, 'ci_test_results.json')).toMatchObject({ passed: 3, failed: 0 });
  });
});
