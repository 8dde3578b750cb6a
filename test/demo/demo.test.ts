import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { hermeticEnv, PROJECT_ROOT } from '../support/repo.js';

it('npm run demo catches a regression, names the failing test, and rolls it back', () => {
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
    expect(out).toMatch(/✗ applyDiscount takes a percentage off\s+test\/cart\.test\.js:14/);
    expect(out).toContain('(exit 2)');
    expect(out).toContain('rolled back to before batch 2');
    expect(out).toMatch(/✓ 5 passed/);
    expect(out).toContain('Done: a regression caught, named, and rolled back.');
    // every change in the demo is a recorded edit: the log lists nothing as unrecorded
    expect(out).not.toContain('unrecorded');
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});
