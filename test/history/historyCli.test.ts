import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TempRepo } from '../support/repo.js';
import { historyProject, runTests } from './historyProject.js';

/**
 * Preloaded with `node --require` to inject a fault: this platform's prebuilt libsql binary is missing,
 * as on a platform libsql ships none for (its index.js requires `@libsql/<platform>-<arch>-<libc>`).
 */
const NO_NATIVE_SQLITE = `const Module = require('node:module');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (/^@libsql\\/[a-z0-9-]+$/.test(request)) {
    const error = new Error("Cannot find module '" + request + "'");
    error.code = 'MODULE_NOT_FOUND';
    throw error;
  }
  return resolve.call(this, request, ...rest);
};
`;
const repos: TempRepo[] = [];
afterEach(() => repos.splice(0).forEach((r) => r.cleanup()));

function project(config: Record<string, unknown> = {}): TempRepo {
  const repo = TempRepo.create();
  repos.push(repo);
  historyProject(repo, config);
  return repo;
}

function folderSize(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce(
    (sum, e) => sum + (e.isDirectory() ? folderSize(join(dir, e.name)) : statSync(join(dir, e.name)).size),
    0,
  );
}

interface HistoryJson {
  runs: { id: number; trigger: string; branch: string; passed: number; failed: number; ciProvider: string }[];
}
interface TestJson {
  tests: { id: string; runs: { runId: number; status: string; snapshot: string }[] }[];
}
interface FlakyJson {
  flaky: {
    id: string;
    runs: number;
    passed: number;
    failed: number;
    flipRate: number;
    sameTreeFlips: number;
  }[];
  window: number;
  runsLeftOut: number;
}

describe('batch history and batch flaky on the embedded store', () => {
  it('keeps every run; lists them newest first with a trend; shows one test by id or glob', () => {
    const repo = project();
    expect(runTests(repo).code).toBe(1);
    expect(runTests(repo, { FLIP: '1' }).code).toBe(1);
    const history = repo.json<HistoryJson>(['history']);
    expect(history.runs.map((r) => [r.id, r.passed, r.failed, r.branch])).toEqual([
      [2, 5, 2, 'main'],
      [1, 6, 1, 'main'],
    ]);
    // hermetic tests run with CI=true: the run is attributed to CI
    expect(history.runs[0]).toMatchObject({ trigger: 'ci', ciProvider: 'ci' });

    const text = repo.batch(['history']);
    expect(text.stdout).toMatch(/trend over 2 runs: pass rate 85\.7% → 71\.4%/);

    const one = repo.json<TestJson>(['history', '--test', 't/a.test.js::sometimes']);
    expect(one.tests).toHaveLength(1);
    expect(one.tests[0]?.runs.map((r) => [r.runId, r.status])).toEqual([
      [2, 'failed'],
      [1, 'passed'],
    ]);
    const glob = repo.json<TestJson>(['history', '--test', '*::s*']);
    expect(glob.tests.map((t) => t.id)).toEqual(['t/a.test.js::sometimes']);
    expect(repo.json<HistoryJson>(['history', '--limit', '1']).runs).toHaveLength(1);
    expect(repo.json<HistoryJson>(['history', '--branch', 'other']).runs).toHaveLength(0);
    expect(repo.json<HistoryJson>(['history', '--since', '2000-01-01']).runs).toHaveLength(2);
    // the native SQLite where its prebuilt binary loads (linux x64 here); with BATCH_SQLITE=wasm,
    // commands that read the store compile SQLite's WebAssembly in the background from their start
    expect(repo.batch(['history', '--verbose']).stderr).toMatch(/history\.db open \(native SQLite 3\.\d+/);
    const wasm = { env: { BATCH_SQLITE: 'wasm' } };
    for (const command of ['history', 'flaky']) {
      const result = repo.batch([command, '--verbose', '--json'], wasm);
      expect(result.stderr).toContain('(SQLite in WebAssembly, compiled in the background)');
      expect(result.stdout).toBe(repo.batch([command, '--json']).stdout);
    }
    // a platform without libsql's prebuilt binary falls back to WebAssembly and says why under
    // --verbose; BATCH_SQLITE=native there is an error with a way out, and a value batch does not know
    const preload = join(repo.home, 'no-native-sqlite.cjs');
    writeFileSync(preload, NO_NATIVE_SQLITE);
    const noNative = { env: { NODE_OPTIONS: `--require ${preload}` } };
    const fallback = repo.batch(['history', '--verbose', '--json'], noNative);
    expect(fallback.stderr).toMatch(
      /\(SQLite in WebAssembly, compiled in the background; the native one does not load here: Cannot find module '@libsql\/[a-z0-9-]+'\)/,
    );
    expect(fallback.stdout).toBe(repo.batch(['history', '--json']).stdout);
    const insisted = repo.batch(['history'], { env: { ...noNative.env, BATCH_SQLITE: 'native' } });
    expect(insisted.code).toBe(3);
    expect(insisted.stderr).toMatch(
      /^error: BATCH_SQLITE=native, but the native SQLite \(libsql\) does not load here/,
    );
    expect(insisted.stderr).toContain('hint: unset BATCH_SQLITE');
    const unknown = repo.batch(['flaky'], { env: { BATCH_SQLITE: 'fast' } });
    expect([unknown.code, unknown.stderr.split('\n')[0]]).toEqual([
      3,
      'error: BATCH_SQLITE=fast is not an SQLite engine batch knows',
    ]);
    expect(unknown.stderr).not.toMatch(/\n\s+at /);
  });

  it('lists a test that passes and fails on the same tree as flaky; not one that always fails; leaves a broken run out', () => {
    const repo = project();
    runTests(repo);
    runTests(repo, { FLIP: '1' });
    runTests(repo);
    runTests(repo, { BROKEN: '1' });
    const flaky = repo.json<FlakyJson>(['flaky']);
    expect(flaky.flaky).toEqual([
      {
        id: 't/a.test.js::sometimes',
        name: 'sometimes',
        runs: 3,
        passed: 2,
        failed: 1,
        flipRate: 1,
        sameTreeFlips: 1,
        passRate: 0.667,
      },
    ]);
    expect(flaky.runsLeftOut).toBe(1);
    expect(flaky.window).toBe(30);
    expect(repo.batch(['flaky']).stdout).toContain('t/a.test.js::sometimes: flip rate 100%');
  });

  it('a bad number or an empty --test, with runs stored: exit 3, says what is wrong, no stack trace, removes nothing', () => {
    const repo = project();
    runTests(repo);
    runTests(repo);
    const cases: [string[], RegExp][] = [
      [['history', '--limit', 'abc'], /--limit must be a whole number of at least 1, got not a number/],
      [['history', '--limit', '0'], /--limit must be a whole number of at least 1, got 0/],
      [['history', '--test', ''], /--test needs a test id or a glob/],
      [['flaky', '--window', 'abc'], /--window must be a whole number of at least 2, got not a number/],
      [['flaky', '--window', '1'], /--window must be a whole number of at least 2, got 1/],
      [['gc', '--keep-runs', '-1'], /--keep-runs must be a whole number of at least 0, got -1/],
      [['gc', '--keep-runs', 'abc'], /--keep-runs must be a whole number of at least 0, got not a number/],
    ];
    for (const [args, message] of cases) {
      const result = repo.batch(args);
      expect(result.code, args.join(' ')).toBe(3);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).toMatch(/hint: e\.g\. `batch /);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
    expect(repo.json<HistoryJson>(['history']).runs).toHaveLength(2);
  });

  it('imports the runs already in .batch/runs/ once, on first use', () => {
    const repo = project();
    runTests(repo);
    runTests(repo);
    rmSync(repo.path('.batch/history.db'));
    const first = repo.batch(['history', '--json']);
    expect((JSON.parse(first.stdout) as HistoryJson).runs.map((r) => [r.id, r.trigger])).toEqual([
      [2, 'import'],
      [1, 'import'],
    ]);
    expect(first.stderr).toContain('imported 2 earlier runs');
    expect(repo.batch(['history', '--json']).stderr).not.toContain('imported');
  });

  it('baseline --from-history takes the newest complete run of the branch without new failures', () => {
    const repo = project();
    runTests(repo);
    runTests(repo, { FLIP: '1' }); // `sometimes` newly fails: not a baseline
    runTests(repo, { FLIP: '1' }); // fails what run 2 failed: nothing new, so this is the one
    const made = repo.batch(['baseline', '--from-history', '--branch', 'main']);
    expect(made.code, made.stderr).toBe(0);
    const status = repo.json<{ baseline: { id: number } }>(['status']);
    expect(status.baseline.id).toBe(3);
    rmSync(repo.path('.batch/runs'), { recursive: true }); // the history alone is enough
    runTests(repo); // run 4 passes where run 3 failed
    expect(repo.batch(['baseline', '--from-history']).code).toBe(0);
    expect(repo.json<{ baseline: { id: number } }>(['status']).baseline.id).toBe(4);
    const none = repo.batch(['baseline', '--from-history', '--branch', 'nope']);
    expect(none.code).toBe(3);
    expect(none.stderr).toContain('no complete run of branch nope');
  });

  it('gate.minPassRate blocks a run under it with exit 1 even with no failures against a baseline, or warns', () => {
    const repo = project({ gate: { minPassRate: 0.9, onFailure: 'block' } });
    runTests(repo);
    expect(repo.batch(['baseline']).code).toBe(0);
    const blocked = runTests(repo);
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toContain("pass rate 85.7% is under the gate's 90.0%");
    repo.write(
      '.batchrc',
      JSON.stringify({
        batchSize: 1,
        testCommand: 'node --test t/',
        gate: { minPassRate: 0.9, onFailure: 'warn' },
      }),
    );
    const warned = runTests(repo);
    expect(warned.stderr).toContain("is under the gate's");
  });

  it('gc --keep-runs removes old runs, their files and older batches, keeps every listed batch rollback-able, shrinks the store', () => {
    const repo = project();
    for (let i = 0; i < 4; i++) {
      repo.write(`f${i}.txt`, `${i}\n`);
      expect(repo.batch(['record', `f${i}.txt`]).code).toBe(1); // batch of 1: the tests run (runs 1–4)
    }
    const before = folderSize(repo.path('.batch'));
    const dry = repo.batch(['gc', '--keep-runs', '2', '--dry-run']);
    expect(dry.stdout).toContain('would remove run 1');
    expect(dry.stdout).toContain('would remove batch 2');
    expect(dry.stdout).not.toContain('would remove batch 3');
    expect(existsSync(repo.path('.batch/runs/1.json'))).toBe(true);
    expect(existsSync(repo.path('.batch/batches/1.json'))).toBe(true);
    expect(folderSize(repo.path('.batch'))).toBe(before);
    const gc = repo.batch(['gc', '--keep-runs', '2']);
    expect(gc.code, gc.stderr).toBe(0);
    expect(existsSync(repo.path('.batch/runs/1.json'))).toBe(false);
    expect(existsSync(repo.path('.batch/batches/2.json'))).toBe(false);
    expect(existsSync(repo.path('.batch/runs/4.json'))).toBe(true);
    expect(repo.json<HistoryJson>(['history']).runs.map((r) => r.id)).toEqual([4, 3]);
    expect(folderSize(repo.path('.batch'))).toBeLessThan(before);
    const log = repo.json<{ batches: { id: number; status: string }[] }>(['log']);
    const listed = log.batches.filter((b) => b.status === 'complete').map((b) => b.id);
    expect(listed).toEqual([3, 4]);
    for (const id of listed) {
      const plan = repo.batch(['rollback', String(id), '--dry-run']);
      expect(plan.code, plan.stderr).toBe(0);
    }
    const rollback = repo.batch(['rollback', '3', '--yes']);
    expect(rollback.code, rollback.stderr).not.toBe(3);
    expect(existsSync(repo.path('f2.txt'))).toBe(false);
    expect(existsSync(repo.path('f1.txt'))).toBe(true);
  });
});
