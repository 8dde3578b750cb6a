// The installed Claude Code hook command (`batch agent install claude`) on a batch that does not
// complete: how long the agent's tool call waits for it. Target: under 100 ms (median). Measured in the
// same run: the reference, the bare `batch --version` (what a hook that started node would cost at
// least), and the floor, what the hook cannot do without (`sh` running the git call that finds the
// worktree and git's folder, and reading the payload). The hook starts the recording worker in the
// background; it is waited for between calls, outside the timed part, so each call is the one that
// starts a worker; a second call right after it finds that worker running (the common case in a
// session) and is timed as its own row. The worker's CPU does not leak into the next measurement. Every call must end up recorded.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
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
const TARGET_MS = 100;

const base = mkdtempSync(join(tmpdir(), 'batch-bench-agent-hook-'));
const env = { ...hermeticEnv(join(base, 'home')), BATCH_DEBUG: '' };
mkdirSync(env.HOME);
const dir = join(base, 'repo');
const agents = join(dir, '.git', 'batch', 'agents');

function alive(pidFile) {
  try {
    process.kill(Number(readFileSync(pidFile, 'utf8')), 0);
    return true;
  } catch {
    return false;
  }
}

async function waitForWorker() {
  const queue = join(agents, 'queue');
  for (let i = 0; i < 2400; i++) {
    const queued = existsSync(queue) && readdirSync(queue).some((n) => n.endsWith('.json'));
    if (!queued && !alive(join(agents, 'record-worker.pid'))) return;
    await sleep(25);
  }
  throw new Error('the recording worker did not finish');
}

function payload(n, file) {
  return JSON.stringify({
    session_id: 'bench-session',
    transcript_path: join(env.HOME, 'transcript.jsonl'),
    cwd: dir,
    permission_mode: 'acceptEdits',
    hook_event_name: 'PostToolUse',
    tool_name: 'Write',
    tool_input: { file_path: file, content: `export const changed = ${n};\n` },
    tool_response: { type: 'update', filePath: file, structuredPatch: [], userModified: false },
    tool_use_id: `toolu_bench_${n}`,
  });
}

/** Wall time of `sh -c command` with input on stdin, as Claude Code runs a hook. */
function timed(command, input) {
  const start = performance.now();
  const result = spawnSync('/bin/sh', ['-c', command], { cwd: dir, env, input, encoding: 'utf8' });
  const ms = performance.now() - start;
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr}`);
  return { ms, stdout: result.stdout };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

try {
  makeSourceRepo(dir, FILES, env);
  // a batch far larger than the run: it never completes, so no test runs
  run(process.execPath, [CLI, 'init', '--batch-size', '1000', '--test-command', 'node --test'], {
    cwd: dir,
    env,
  });
  run(process.execPath, [CLI, 'agent', 'install', 'claude'], { cwd: dir, env });
  writeFileSync(join(dir, '.git', 'info', 'exclude'), '.batch/\n.claude/\n');
  const settings = JSON.parse(readFileSync(join(dir, '.claude', 'settings.local.json'), 'utf8'));
  const hook = settings.hooks.PostToolUse[0].hooks[0].command;
  const version = `'${process.execPath}' '${CLI}' --version`;
  const floor =
    'git rev-parse --show-toplevel --path-format=absolute --git-path batch >/dev/null && cat >/dev/null';

  const times = { hook: [], busy: [], version: [], floor: [] };
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const file = join(dir, 'src', `m${i % 20}`, `f${i % FILES}.js`);
    writeFileSync(file, `export const changed = ${i};\n`);
    const hookRun = timed(hook, payload(i, file));
    if (hookRun.stdout !== '') throw new Error(`the hook answered on an open batch: ${hookRun.stdout}`);
    // the next tool call comes while that worker still runs (it lingers 1.5 s): no worker to start
    const other = join(dir, 'src', `m${(i + 7) % 20}`, `f${(i + 7) % FILES}.js`);
    writeFileSync(other, `export const also = ${i};\n`);
    const busyRun = timed(hook, payload(1000 + i, other));
    await waitForWorker();
    const versionRun = timed(version, '');
    const floorRun = timed(floor, payload(i, file));
    if (i >= WARMUP) {
      times.hook.push(hookRun.ms);
      times.busy.push(busyRun.ms);
      times.version.push(versionRun.ms);
      times.floor.push(floorRun.ms);
    }
  }
  const log = JSON.parse(run(process.execPath, [CLI, 'log', '--json'], { cwd: dir, env }));
  const recorded = log.batches.flatMap((b) => b.edits).length;
  if (recorded !== 2 * (WARMUP + RUNS))
    throw new Error(`expected ${2 * (WARMUP + RUNS)} recorded edits, got ${recorded}`);

  const ms = median(times.hook);
  const ref = median(times.version);
  const floorMs = median(times.floor);
  const busy = median(times.busy);
  printTable(`Claude Code hook command on an open batch (no test runs), ${FILES} files, ${RUNS} runs`, [
    { name: 'floor: sh + 1 git call + read stdin', ms: floorMs },
    { name: 'batch --version (node start)', ms: ref },
    {
      name: 'installed hook command',
      ms,
      refName: 'batch --version',
      refMs: ref,
      target: `< ${TARGET_MS} ms ${ms < TARGET_MS ? 'ok' : 'MISSED'}; ${(ms / floorMs).toFixed(2)}x the floor`,
    },
    {
      name: 'hook command, worker already running',
      ms: busy,
      refName: 'batch --version',
      refMs: ref,
      target: `< ${TARGET_MS} ms ${busy < TARGET_MS ? 'ok' : 'MISSED'}; ${(busy / floorMs).toFixed(2)}x the floor`,
    },
  ]);
  console.log(`every call was recorded by the background worker (${recorded} edits)`);
} finally {
  rmSync(base, { recursive: true, force: true });
}
