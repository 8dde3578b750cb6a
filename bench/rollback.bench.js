// Rollback of a five-edit batch in a 50,000-file repository, against `git stash` + `git stash pop` of
// the same five files, measured in the same run. Target: at most 2x (median).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { hermeticEnv, printTable, run } from './lib.js';

const FILES = 50_000;
const RUNS = 11;
const BIN = fileURLToPath(new URL('../bin/batch.js', import.meta.url));
const EDITED = [0, 9_999, 20_000, 33_333, 49_999].map(fileName);

function fileName(i) {
  return `src/m${String(i % 250).padStart(3, '0')}/file${i}.ts`;
}

/** Median ms of `fn`, with `setup` run before each measurement and not counted. */
function median(setup, fn) {
  const times = [];
  for (let i = 0; i < RUNS + 1; i++) {
    setup(i);
    const start = performance.now();
    fn(i);
    if (i > 0) times.push(performance.now() - start); // the first run warms the caches
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const base = mkdtempSync(join(tmpdir(), 'batch-bench-rollback-'));
const home = join(base, 'home');
const repo = join(base, 'repo');
mkdirSync(home);
mkdirSync(repo);
const env = hermeticEnv(home);
const opts = { cwd: repo, env };
try {
  run('git', ['init', '-q', '-b', 'main'], opts);
  for (let i = 0; i < FILES; i++) {
    if (i < 250) mkdirSync(join(repo, `src/m${String(i).padStart(3, '0')}`), { recursive: true });
    writeFileSync(join(repo, fileName(i)), `export const value${i} = ${i};\n`);
  }
  writeFileSync(join(repo, '.batchrc'), '{ "batchSize": 5, "testCommand": null }\n');
  run('git', ['add', '-A'], opts);
  run('git', ['commit', '-q', '-m', '50k files'], opts);
  run(process.execPath, [BIN, 'init'], opts);

  const edit = (i) => {
    for (const file of EDITED) writeFileSync(join(repo, file), `export const edited = ${i};\n`);
  };
  let batch = 1;
  const rollbackMs = median(
    (i) => {
      edit(i);
      const out = run(process.execPath, [BIN, 'record', ...EDITED], opts);
      batch = Number(/batch (\d+) complete/.exec(out)?.[1]);
    },
    () => run(process.execPath, [BIN, 'rollback', String(batch), '--no-test', '--yes'], opts),
  );
  const stashMs = median(
    (i) => edit(1000 + i),
    () => {
      run('git', ['stash', '-q'], opts);
      run('git', ['stash', 'pop', '-q'], opts);
    },
  );
  run('git', ['checkout', '-q', '--', ...EDITED], opts);
  printTable(`rollback of a five-edit batch, ${FILES.toLocaleString('en')} files`, [
    {
      name: 'batch rollback --no-test --yes',
      ms: rollbackMs,
      refName: 'git stash + pop',
      refMs: stashMs,
      target: '<= 2x',
    },
  ]);
  if (rollbackMs > 2 * stashMs) process.exitCode = 1;
} finally {
  rmSync(base, { recursive: true, force: true });
}
