// Time to the culprit in a batch of 16 edits, one of them breaking, on a suite of 200 tests taking
// ~10 s: `batch bisect` (probes of the failing tests only, in a scratch worktree) against
// `git bisect run` with the full suite over the same 16 states as commits, measured in the same run.
// Targets (issue 15): at most 0.25x the git bisect time; at most log2(16) + 2 = 6 probe runs.
// Knobs: BENCH_CULPRIT_TESTS (200), BENCH_CULPRIT_SUITE_MS (10000), BENCH_CULPRIT_BREAKS (11).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { hermeticEnv, printTable, run } from './lib.js';

const EDITS = 16;
const TESTS = Number(process.env.BENCH_CULPRIT_TESTS ?? 200);
const SUITE_MS = Number(process.env.BENCH_CULPRIT_SUITE_MS ?? 10_000);
const BREAKS = Number(process.env.BENCH_CULPRIT_BREAKS ?? 11);
const FILES = 20;
const PER_FILE = Math.ceil(TESTS / FILES);
const TEST_MS = Math.round(SUITE_MS / TESTS);
const COMMAND = 'node --test --test-concurrency=1';
const BIN = fileURLToPath(new URL('../bin/batch.js', import.meta.url));

const base = mkdtempSync(join(tmpdir(), 'batch-bench-culprit-'));
const home = join(base, 'home');
const repo = join(base, 'repo');
const ref = join(base, 'ref');
mkdirSync(home);
mkdirSync(repo);
const env = hermeticEnv(home);
const opts = { cwd: repo, env };

const moduleText = (i, value) => `exports.value = ${value};\n// module ${i}\n`;
const edited = (i) => moduleText(i, i === BREAKS ? -i : i).replace('// module', '// module, edited:');

function writeProject(dir) {
  for (let i = 1; i <= EDITS; i++) writeFileSync(join(dir, `src/m${i}.js`), moduleText(i, i));
  for (let k = 1; k <= FILES; k++) {
    const m = ((k - 1) % EDITS) + 1;
    const tests = Array.from(
      { length: PER_FILE },
      (_, j) =>
        `test('module ${m} case ${j}', async () => {\n  await sleep(${TEST_MS});\n  assert.equal(value, ${m});\n});`,
    );
    writeFileSync(
      join(dir, `test/f${k}.test.js`),
      `const { test } = require('node:test');\nconst assert = require('node:assert');\nconst { setTimeout: sleep } = require('node:timers/promises');\nconst { value } = require('../src/m${m}.js');\n${tests.join('\n')}\n`,
    );
  }
}

try {
  mkdirSync(join(repo, 'src'));
  mkdirSync(join(repo, 'test'));
  writeProject(repo);
  run('git', ['init', '-q', '-b', 'main'], opts);
  run('git', ['add', '-A'], opts);
  run('git', ['commit', '-q', '-m', 'project'], opts);
  cpSync(repo, ref, { recursive: true });
  run(process.execPath, [BIN, 'init', '--batch-size', String(EDITS), '--test-command', COMMAND], opts);
  writeFileSync(
    join(repo, '.batchrc'),
    JSON.stringify({ batchSize: EDITS, testCommand: COMMAND, culprit: 'off' }),
  );
  run('git', ['add', '.batchrc'], opts);
  run('git', ['commit', '-q', '-m', 'batch config'], opts);
  run(process.execPath, [BIN, 'baseline'], opts);
  for (let i = 1; i <= EDITS; i++) {
    writeFileSync(join(repo, `src/m${i}.js`), edited(i));
    // the last record completes the batch and runs the whole suite (exit 2: the new failures)
    const result = spawnSync(process.execPath, [BIN, 'record', `src/m${i}.js`, '--quiet'], opts);
    if (result.status !== (i === EDITS ? 2 : 0)) throw new Error(`record ${i} exited ${result.status}`);
  }

  const t0 = performance.now();
  const found = JSON.parse(run(process.execPath, [BIN, 'bisect', '1', '--json'], opts));
  const bisectMs = performance.now() - t0;
  const culprit = found.culprits.map((c) => c.edits.map((e) => e.seq).join('+')).join(', ');
  if (culprit !== String(BREAKS)) throw new Error(`batch bisect named edit ${culprit}, expected ${BREAKS}`);

  // The reference: the same 16 states as commits, `git bisect run` with the full suite.
  const refOpts = { cwd: ref, env };
  run('git', ['checkout', '-q', '-b', 'states'], refOpts);
  for (let i = 1; i <= EDITS; i++) {
    writeFileSync(join(ref, `src/m${i}.js`), edited(i));
    run('git', ['commit', '-q', '-am', `edit ${i}`], refOpts);
  }
  const counter = join(base, 'git-bisect-runs');
  writeFileSync(counter, '');
  const script = join(base, 'full-suite.sh');
  writeFileSync(script, `#!/bin/sh\necho run >> ${counter}\nexec ${COMMAND} >/dev/null 2>&1\n`, {
    mode: 0o755,
  });
  run('git', ['bisect', 'start', 'states', 'main'], refOpts);
  const t1 = performance.now();
  const bisectLog = run('git', ['bisect', 'run', script], refOpts);
  const gitMs = performance.now() - t1;
  const gitRuns = readFileSync(counter, 'utf8').split('\n').filter(Boolean).length;
  if (!bisectLog.includes(`edit ${BREAKS}`)) throw new Error('git bisect did not find the same commit');

  const target = Math.log2(EDITS) + 2;
  printTable(`culprit in a batch of ${EDITS} edits, ${TESTS} tests, ~${SUITE_MS / 1000} s suite`, [
    {
      name: 'batch bisect',
      ms: bisectMs,
      refName: 'git bisect run',
      refMs: gitMs,
      target: '≤ 0.25x',
    },
  ]);
  console.log(
    `probe runs: batch bisect ${found.runs} (target ≤ ${target}), each of ${found.probes[0]?.ran ?? 0} tests; git bisect run ${gitRuns} full-suite runs`,
  );
  process.exitCode = bisectMs <= 0.25 * gitMs && found.runs <= target ? 0 : 1;
} finally {
  rmSync(base, { recursive: true, force: true });
}
