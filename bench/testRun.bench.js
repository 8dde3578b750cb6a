// `batch test` against the same test command run directly, on a node --test suite of about 2 seconds,
// and against the floor: a bare node wrapper that only spawns the same command. Target: batch's median
// at most 1.05x the floor (its own work beyond it is config, lock, snapshots, reading the results).
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { hermeticEnv, medianMs, printTable, run } from './lib.js';

const BIN = fileURLToPath(new URL('../bin/batch.js', import.meta.url));
const base = realpathSync(mkdtempSync(join(tmpdir(), 'batch-bench-test-')));
const home = join(base, 'home');
const repo = join(base, 'repo');
mkdirSync(home);
mkdirSync(join(repo, 'test'), { recursive: true });
const env = hermeticEnv(home);

// 20 tests of 100 ms each, one file: about 2 s of test time whatever the core count.
const tests = Array.from(
  { length: 20 },
  (_, i) => `test('step ${i}', async () => { await sleep(100); assert.equal(${i} + 1, ${i + 1}); });`,
);
writeFileSync(
  join(repo, 'test', 'slow.test.js'),
  [
    "const { test } = require('node:test');",
    "const assert = require('node:assert');",
    'const sleep = (ms) => new Promise((r) => setTimeout(r, ms));',
    ...tests,
    '',
  ].join('\n'),
);
for (let i = 0; i < 200; i++) writeFileSync(join(repo, `file${i}.txt`), `content ${i}\n`);
const git = (...args) => run('git', args, { cwd: repo, env });
git('init', '-q', '-b', 'main');
git('add', '-A');
git('commit', '-q', '-m', 'suite');
run(process.execPath, [BIN, 'init', '--test-command', 'node --test'], { cwd: repo, env });

const direct = () => {
  const r = spawnSync('sh', ['-c', 'node --test'], { cwd: repo, env, stdio: 'ignore' });
  if (r.status !== 0) throw new Error('the suite failed when run directly');
};
const viaBatch = () => {
  const r = spawnSync(process.execPath, [BIN, 'test'], { cwd: repo, env, stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`batch test exited ${r.status}`);
};

// The floor of any test wrapper written for node: node starts, spawns the same command, waits. What
// batch adds beyond it is its own work (config, lock, snapshots, reading and storing the results).
const wrapper = () => {
  const r = spawnSync(
    process.execPath,
    [
      '-e',
      "process.exitCode = require('node:child_process').spawnSync('sh', ['-c', 'node --test'], { stdio: 'inherit' }).status",
    ],
    { cwd: repo, env, stdio: 'ignore' },
  );
  if (r.status !== 0) throw new Error('the suite failed when run through a bare node wrapper');
};

const options = { runs: Number(process.env.BENCH_RUNS) || 7, warmup: 1 };
const directMs = await medianMs(direct, options);
const batchMs = await medianMs(viaBatch, options);
const wrapperMs = await medianMs(wrapper, options);
printTable('batch test vs the test command run directly (node --test, ~2 s suite)', [
  { name: 'batch test', ms: batchMs, refName: 'bare node wrapper', refMs: wrapperMs, target: '<= 1.05x' },
  { name: 'batch test', ms: batchMs, refName: 'node --test', refMs: directMs },
  { name: 'bare node wrapper (floor)', ms: wrapperMs, refName: 'node --test', refMs: directMs },
]);
console.log(
  `batch adds ${(batchMs - directMs).toFixed(0)} ms; a node process that only spawns the command adds ${(wrapperMs - directMs).toFixed(0)} ms of it`,
);
rmSync(base, { recursive: true, force: true });
const ratio = batchMs / wrapperMs;
if (ratio > 1.05) console.log(`above target: ${ratio.toFixed(3)}x the bare node wrapper`);
