// `git commit` with batch's hook installed (background mode) against the same commit without a hook,
// same repository shape, same run, interleaved. Target: the hook adds at most 30 ms (median).
// The background worker is waited for between commits, outside the timed part, so its CPU use does
// not leak into the next measurement; the commit itself must not wait for it (stdout is a pipe, as
// in a GUI client: a worker holding git's pipes would show up here).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { hermeticEnv, makeSourceRepo, printTable, run } from './lib.js';

const CLI = fileURLToPath(new URL('../bin/batch.js', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS) || 25;
const WARMUP = 3;
const FILES = 300;

const base = mkdtempSync(join(tmpdir(), 'batch-bench-hook-'));
const env = { ...hermeticEnv(join(base, 'home')), BATCH_DEBUG: '' };
mkdirSync(env.HOME);

function makeRepo(name) {
  return makeSourceRepo(join(base, name), FILES, env);
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// The worker's pid file and the hook queue: in batch's transient folder under git's own directory
// (`git rev-parse --git-path batch`), in `.batch/` before batch moved them there.
const TRANSIENT_DIRS = [join('.git', 'batch'), '.batch'];

function workerBusy(dir, transient) {
  let pid = 0;
  try {
    pid = Number(readFileSync(join(dir, transient, 'hook-worker.pid'), 'utf8'));
  } catch {
    // no worker (the file goes as the worker ends)
  }
  const queue = join(dir, transient, 'hook-queue');
  const queued = existsSync(queue) && statSync(queue).size > 0;
  return (pid && alive(pid)) || queued;
}

async function waitForWorker(dir) {
  for (let i = 0; i < 1200; i++) {
    if (!TRANSIENT_DIRS.some((transient) => workerBusy(dir, transient))) return;
    await sleep(25);
  }
  throw new Error('the background worker did not finish');
}

function timedCommit(dir, n) {
  const file = join(dir, 'src', `m${n % 20}`, `f${n % FILES}.js`);
  writeFileSync(file, `export const changed = ${n};\n`);
  run('git', ['add', '--', file], { cwd: dir, env });
  const start = performance.now();
  run('git', ['commit', '-q', '-m', `change ${n}`], { cwd: dir, env, stdio: 'pipe' });
  return performance.now() - start;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

try {
  const plain = makeRepo('plain');
  const hooked = makeRepo('hooked');
  run(process.execPath, [CLI, 'init'], { cwd: hooked, env });
  run(process.execPath, [CLI, 'hook', 'install'], { cwd: hooked, env });
  await waitForWorker(hooked);

  const without = [];
  const withHook = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const a = timedCommit(plain, i);
    const b = timedCommit(hooked, i);
    await waitForWorker(hooked);
    if (i >= WARMUP) {
      without.push(a);
      withHook.push(b);
    }
  }
  const log = JSON.parse(run(process.execPath, [CLI, 'log', '--json'], { cwd: hooked, env }));
  const recorded = log.batches.flatMap((b) => b.edits).length;
  if (recorded !== WARMUP + RUNS)
    throw new Error(`expected ${WARMUP + RUNS} recorded edits, got ${recorded}`);

  const ref = median(without);
  const ms = median(withHook);
  printTable(`git commit with batch's post-commit hook (background mode), ${FILES} files, ${RUNS} runs`, [
    { name: 'git commit, no hook', ms: ref },
    {
      name: 'git commit, batch hook',
      ms,
      refName: 'no hook',
      refMs: ref,
      target: `≤ +30 ms (measured +${(ms - ref).toFixed(1)} ms) ${ms - ref <= 30 ? 'ok' : 'MISSED'}`,
    },
  ]);
  console.log(`every commit was recorded by the background worker (${recorded} edits)`);
} finally {
  rmSync(base, { recursive: true, force: true });
}
