// Comparing 100,000 tests with a 100,000-test baseline: what compare adds on top of building the runs.
// Target (issue 4): at most 1 s added to parsing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBaselineFile, toBaseline, writeBaselineFile } from '../dist/core/compare/baselineFile.js';
import { compareRuns } from '../dist/core/compare/compareRuns.js';
import { comparisonText } from '../dist/core/format/comparisonText.js';
import { runFromReport } from '../dist/core/runs/runFromReport.js';
import { medianMs, printTable } from './lib.js';

const size = 100_000;

/** A deterministic pseudo-random sequence (mulberry32), so every run measures the same data. */
function random(seed) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A parsed report of `size` tests; `regressed` breaks 1 %, slows 0.1 %, and renames 0.5 % of them. */
function syntheticReport(regressed) {
  const next = random(regressed ? 2 : 1);
  const tests = [];
  for (let i = 0; i < size; i++) {
    const renamed = regressed && i % 200 === 7;
    const file = `src/module${i % 500}/feature${i % 2000}.test.ts`;
    const suite = `suite ${i % 50}`;
    const name = renamed ? `test ${i} (renamed)` : `test ${i}`;
    const failed = regressed ? i % 100 === 3 || i % 1000 === 5 : i % 1000 === 5;
    const base = 1 + (i % 97) / 10;
    const durationMs = (regressed && i % 1000 === 9 ? base + 400 : base) * (0.8 + next() * 0.4);
    tests.push({
      id: `${file}::${suite} > ${name}`,
      name,
      suite,
      file,
      line: 10 + (i % 300),
      status: failed ? 'failed' : i % 250 === 1 ? 'skipped' : 'passed',
      durationMs,
      message: failed ? `expected ${i} to be ${i + 1}` : null,
      stack: failed ? `AssertionError: expected ${i}\n    at ${file}:${10 + (i % 300)}:5` : null,
    });
  }
  return { format: 'junit', tests, durationMs: 60_000, counts: null, notes: [] };
}

const context = {
  root: '/home/dev/project',
  timestamp: '2026-01-01T00:00:00.000Z',
  files: ['reports/junit.xml'],
};
const options = {
  threshold: 0.5,
  minMs: 100,
  reference: { kind: 'file', runId: null, label: 'baseline.json' },
};
const reports = [syntheticReport(false), syntheticReport(true)];

function buildRuns() {
  return reports.map((report) => runFromReport(report, context));
}

const dir = mkdtempSync(join(tmpdir(), 'batch-bench-compare-'));
try {
  const [reference, current] = buildRuns();
  const baselinePath = join(dir, 'baseline.json');
  await writeBaselineFile(baselinePath, toBaseline(reference, context.root));
  const check = compareRuns(current, reference, options);
  console.log(
    `sanity: ${check.newFailures.length} new failures, ${check.slowdowns.length} slowdowns, ` +
      `${check.added.length} added, ${check.removed.length} removed`,
  );

  const runs = { runs: 7, warmup: 1 };
  const build = await medianMs(buildRuns, runs);
  const buildAndCompare = await medianMs(() => {
    const [ref, cur] = buildRuns();
    return compareRuns(cur, ref, options);
  }, runs);
  const compareOnly = await medianMs(() => compareRuns(current, reference, options), runs);
  const readBaseline = await medianMs(() => readBaselineFile(baselinePath), runs);
  const render = await medianMs(() => {
    JSON.stringify(check, null, 2);
    comparisonText(check);
  }, runs);
  // What `batch compare` adds to parsing: read and check the baseline, compare, render.
  const added = buildAndCompare - build + readBaseline + render;
  printTable(
    `compare: ${size.toLocaleString('en')} tests against a ${size.toLocaleString('en')}-test baseline`,
    [
      {
        name: 'build both runs + compareRuns',
        ms: buildAndCompare,
        refName: 'build both runs',
        refMs: build,
      },
      { name: 'compareRuns alone', ms: compareOnly },
      { name: 'read + check baseline.json', ms: readBaseline },
      { name: 'render JSON + text', ms: render },
      { name: 'added by compare (total)', ms: added, target: '≤ 1000 ms' },
    ],
  );
  if (added > 1000) {
    console.error(`compare adds ${added.toFixed(0)} ms: over the 1 s target`);
    process.exitCode = 1;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
