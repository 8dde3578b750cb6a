// `batch dashboard` on 200 runs × 1,000 tests (issue 18): the file's size (target < 1 MB), the time to
// write it (target < 2 s; reference: a node process that only reads and parses the 200 run files, the
// floor any reader of .batch/ pays), and the time until the page is interactive in headless Chromium
// (target < 1 s; reference: the same file without its script, i.e. parsing the HTML and the data block).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { hermeticEnv, medianMs, printTable, run } from './lib.js';

const RUNS = 200;
const TESTS = 1000;
const bin = new URL('../bin/batch.js', import.meta.url).pathname;
const base = mkdtempSync(join(tmpdir(), 'batch-bench-dashboard-'));
const repo = join(base, 'repo');
const home = join(base, 'home');
mkdirSync(repo);
mkdirSync(home);
const env = hermeticEnv(home);

/** A deterministic pseudo-random sequence (mulberry32). */
function random(seed) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const at = (minutes) => new Date(Date.UTC(2026, 0, 1) + minutes * 60_000).toISOString();
const snap = (n) => ({
  commit: `${n}`.padStart(40, '0'),
  tree: `${n}`.padStart(40, 'f'),
  head: null,
  branch: 'refs/heads/main',
  at: at(n),
});

/** 200 runs of 1,000 tests (durations 1 ms to a few seconds, 1 % failing, one flaky), one batch per run. */
function writeHistory() {
  const next = random(18);
  const typical = Array.from({ length: TESTS }, () => Math.exp(next() * 7));
  const dir = join(repo, '.batch');
  for (let r = 1; r <= RUNS; r++) {
    const tests = typical.map((ms, i) => {
      const failed = (i % 100 === 7 && r > 120) || (i === 5 && r % 3 === 0);
      return {
        id: `test/area${i % 50}/module${i % 13}.test.ts::area ${i % 50} > module ${i % 13} > handles case number ${i}`,
        name: `handles case number ${i}`,
        suite: `area ${i % 50} > module ${i % 13}`,
        file: `test/area${i % 50}/module${i % 13}.test.ts`,
        line: 10 + (i % 300),
        status: failed ? 'failed' : 'passed',
        durationMs: Math.round(ms * (0.8 + next() * 0.4) * 1000) / 1000,
        message: failed ? `AssertionError: expected ${i} to equal ${i + 1}` : null,
        stack: failed
          ? `AssertionError: expected ${i} to equal ${i + 1}\n    at test/area${i % 50}/module${i % 13}.test.ts:${10 + (i % 300)}:5`
          : null,
      };
    });
    const failed = tests.filter((t) => t.status === 'failed').length;
    const runFile = {
      id: r,
      batchId: r,
      timestamp: at(r * 10 + 5),
      success: failed === 0,
      total: TESTS,
      passed: TESTS - failed,
      failed,
      skipped: 0,
      durationMs: tests.reduce((s, t) => s + t.durationMs, 0),
      commit: null,
      snapshot: snap(r % 3 === 0 ? r - 1 : r).commit,
      command: 'npm test',
      exitCode: failed ? 1 : 0,
      stale: false,
      interrupted: false,
      timedOut: false,
      source: { format: 'junit', files: ['junit.xml'] },
      notes: [],
      tests,
    };
    writeFileSync(join(dir, 'runs', `${r}.json`), JSON.stringify(runFile, null, 2));
    const edits = Array.from({ length: 5 }, (_, e) => ({
      seq: (r - 1) * 5 + e + 1,
      path: `src/area${(r + e) % 50}/module${e}.ts`,
      kind: 'modified',
      hash: 'a'.repeat(40),
      previousHash: 'b'.repeat(40),
      mode: '100644',
      previousMode: '100644',
      at: at(r * 10),
      description: null,
      source: 'hook',
      commit: null,
    }));
    const batch = {
      id: r,
      status: 'complete',
      edits,
      unrecorded: [],
      unrecordedCount: 0,
      before: snap(r - 1),
      after: snap(r),
      startedAt: at(r * 10),
      completedAt: at(r * 10 + 4),
      runId: r,
      ...(r === 121
        ? {
            culprits: [
              {
                edits: [edits[0]],
                tests: tests
                  .filter((t) => t.status === 'failed')
                  .map(({ id, name, file, line, message }) => ({ id, name, file, line, message })),
              },
            ],
          }
        : {}),
    };
    writeFileSync(join(dir, 'batches', `${r}.json`), JSON.stringify(batch, null, 2));
    if (r === 1)
      writeFileSync(join(dir, 'baseline.json'), JSON.stringify({ ...runFile, schemaVersion: 1 }, null, 2));
  }
}

run('git', ['init', '-q', '-b', 'main'], { cwd: repo, env });
run(process.execPath, [bin, 'init'], { cwd: repo, env });
writeHistory();

const out = join(repo, '.batch', 'dashboard.html');
const write = await medianMs(() => run(process.execPath, [bin, 'dashboard'], { cwd: repo, env }), {
  runs: 3,
  warmup: 1,
});
const floorScript = `const fs=require('fs');for(let i=1;i<=${RUNS};i++)JSON.parse(fs.readFileSync('.batch/runs/'+i+'.json','utf8'))`;
const floor = await medianMs(() => run(process.execPath, ['-e', floorScript], { cwd: repo, env }), {
  runs: 3,
  warmup: 1,
});
const bytes = statSync(out).size;
const rows = [
  {
    name: `batch dashboard (${RUNS} runs × ${TESTS} tests)`,
    ms: write,
    refName: 'read+parse runs',
    refMs: floor,
    target: '< 2000 ms',
  },
];

const chromium = process.env.BATCH_CHROMIUM ?? '/usr/bin/chromium';
if (existsSync(chromium)) {
  const { chromium: pw } = await import('playwright-core');
  const bare = join(base, 'bare.html');
  writeFileSync(bare, readFileSync(out, 'utf8').replace(/<script>[\s\S]*?<\/script>/, ''));
  const browser = await pw.launch({
    executablePath: chromium,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  const interactive = async (file, ready) => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    // interactive: the first frame drawn after the page's script ran (the page marks it)
    if (ready) await page.waitForFunction(() => performance.getEntriesByName('batch-painted').length > 0);
    const ms = await page.evaluate(
      (r) =>
        r
          ? performance.getEntriesByName('batch-painted')[0].startTime
          : performance.getEntriesByType('navigation')[0].loadEventEnd,
      ready,
    );
    await page.close();
    return ms;
  };
  const median = async (file, ready) => {
    const times = [];
    for (let i = 0; i < 5; i++) times.push(await interactive(file, ready));
    return times.sort((a, b) => a - b)[2];
  };
  const tti = await median(out, true);
  const loaded = await median(bare, false);
  await browser.close();
  rows.push({
    name: 'time to interactive in headless Chromium',
    ms: tti,
    refName: 'same page, no script',
    refMs: loaded,
    target: '< 1000 ms',
  });
} else {
  console.log(`(no Chromium at ${chromium}: time to interactive not measured)`);
}
printTable('dashboard', rows);
console.log(
  `file size: ${(bytes / 1024).toFixed(0)} KB (${(bytes / 1024 / 1024).toFixed(2)} MB; target < 1 MB)`,
);
rmSync(base, { recursive: true, force: true });
