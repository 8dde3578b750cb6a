import { afterEach, describe, expect, it } from 'vitest';
import type { Run } from '../../src/core/model/runModel.js';
import { lostInTheWalk } from '../../src/core/runs/runTests.js';
import { TempRepo } from '../support/repo.js';
import { readBatchJson, writeNodeTestProject } from './projects.js';

const repos: TempRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.cleanup();
});

/**
 * The fault node 20's `node --test` hits when a file vanishes while it lists the tree: its first run
 * in this repository prints what node prints then ("Could not find '<path>'") and exits 1 before any
 * test; every later run is the real one. Loaded through NODE_OPTIONS, in the runner's own process only.
 */
function walkFault(lostPath: string): string {
  return `const fs = require('node:fs');
const path = require('node:path');
if (process.execArgv.includes('--test')) {
  const marker = path.join(process.cwd(), '.git', 'walk-fault-done');
  if (!fs.existsSync(marker)) {
    fs.writeFileSync(marker, '');
    console.error(\`Could not find '\${path.join(process.cwd(), ${JSON.stringify(lostPath)})}'\`);
    process.exit(1);
  }
}
`;
}

function nodeTestRepo(lostPath: string): TempRepo {
  const repo = TempRepo.create();
  repos.push(repo);
  writeNodeTestProject(repo);
  repo.write('walk-fault.cjs', walkFault(lostPath));
  repo.write('.batchrc', JSON.stringify({ batchSize: 5, testCommand: 'node --test' }));
  repo.git('add', '-A');
  repo.git('commit', '-q', '-m', 'project');
  return repo;
}

describe("a run that node --test's file walk stopped", () => {
  it('is run again when the vanished file was batch’s or git’s, and its results are the real ones', () => {
    const repo = nodeTestRepo('.git/batch/lock');
    const result = repo.batch(['test'], {
      env: { NODE_OPTIONS: `--require ${repo.path('walk-fault.cjs')}` },
    });
    expect(result.stdout).toMatch(
      /\.git\/batch\/lock was removed while it listed the tree; running it again/,
    );
    // the real run: the sample project's 'subtracts' fails
    expect(result.code, result.stderr).toBe(1);
    const run = readBatchJson<Run>(repo, 'runs/1.json');
    expect(Object.fromEntries(run.tests.map((t) => [t.name, t.status]))).toEqual({
      adds: 'passed',
      'adds again': 'passed',
      later: 'skipped',
      subtracts: 'failed',
    });
  });

  it('is left as it is when the file was the project’s own: that is the project’s failure', () => {
    const repo = nodeTestRepo('src/generated.js');
    const result = repo.batch(['test'], {
      env: { NODE_OPTIONS: `--require ${repo.path('walk-fault.cjs')}` },
    });
    expect(result.stdout + result.stderr).not.toMatch(/running it again/);
    expect(result.code).toBe(1);
    expect(readBatchJson<Run>(repo, 'runs/1.json').tests).toEqual([]);
  });

  it('is told by its output and exit code, inside git’s folder or .batch/ only', () => {
    const ws = {
      gitDir: '/r/.git',
      commonDir: '/r/.git',
      transientDir: '/r/.git/batch',
      batchDir: '/r/.batch',
    };
    expect(lostInTheWalk("x\nCould not find '/r/.git/objects/ab/tmp_obj_1'\n", 1, ws)).toBe(
      '/r/.git/objects/ab/tmp_obj_1',
    );
    expect(lostInTheWalk("Could not find '/r/.batch/state.json'", 1, ws)).toBe('/r/.batch/state.json');
    expect(lostInTheWalk("Could not find '/r/.gitignore'", 1, ws)).toBeNull();
    expect(lostInTheWalk("Could not find '/r/src/a.js'", 1, ws)).toBeNull();
    expect(lostInTheWalk("Could not find '/r/.git/batch/lock'", 2, ws)).toBeNull();
    expect(lostInTheWalk('1 passed', 1, ws)).toBeNull();
  });
});
