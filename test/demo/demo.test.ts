import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { hermeticEnv, PROJECT_ROOT } from '../support/repo.js';

it('npm run demo catches a regression, names the failing test and the edit that broke it, and reverts that edit alone', () => {
  const home = mkdtempSync(join(tmpdir(), 'batch-demo-home-'));
  try {
    const result = spawnSync(process.execPath, ['scripts/demo.js'], {
      cwd: PROJECT_ROOT,
      env: hermeticEnv(home),
      encoding: 'utf8',
    });
    expect(result.status, result.stdout + result.stderr).toBe(0);
    const out = result.stdout;
    expect(out).toContain('batch 1 complete (5 edits)');
    expect(out).toContain('batch 2 complete (5 edits)');
    expect(out).toMatch(/✗ applyDiscount takes a percentage off\s+test\/cart\.test\.js:15/);
    expect(out).toContain('(exit 2)');
    expect(out).toMatch(/edit 6 broke 2 tests:\s+6 {2}modified {3}src\/cart\.js/);
    expect(out).toContain('reverted edit 6: 1 file written');
    expect(out).toMatch(/✓ 6 passed/);
    expect(out).toContain('Done: a regression caught, its edit named and taken back alone.');
    // every change in the demo is a recorded edit: the log lists nothing as unrecorded
    expect(out).not.toContain('unrecorded');
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});
