import type { DashboardSource } from '../../src/core/html/dashboardModel.js';
import type { Batch, Edit } from '../../src/core/model/batchModel.js';
import type { Run, TestResult } from '../../src/core/model/runModel.js';

/** A deterministic pseudo-random sequence (mulberry32), so every page is built from the same data. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1) + minutes * 60_000).toISOString();

function snapshot(n: number) {
  return { commit: `snap${n}`, tree: `tree${n}`, head: null, branch: 'refs/heads/main', at: at(n * 10) };
}

/**
 * A history of `runs` runs of `tests` tests, one batch per run: batch 7 breaks test 3 (a culprit
 * stored with it), test 5 is flaky (passes and fails on the same tree), test 9 slows down from run 10.
 * Test 0 carries a name with markup, quotes and unicode.
 */
export function syntheticSource(runs: number, tests: number): DashboardSource & { runs: Run[] } {
  const next = random(7);
  const names = Array.from({ length: tests }, (_, i) =>
    i === 0 ? `renders <script>alert("x")</script> & 'quotes' — ünïcödé ✓` : `test number ${i}`,
  );
  const result = (r: number, i: number): TestResult => {
    const broken = i === 3 && r >= 6;
    const flaky = i === 5 && r % 3 === 1;
    const slow = i === 9 && r >= 10;
    const failed = broken || flaky;
    return {
      id: `test/file${i % 20}.test.js::suite ${i % 7} > ${names[i]}`,
      name: names[i] ?? '',
      suite: `suite ${i % 7}`,
      file: `test/file${i % 20}.test.js`,
      line: 10 + i,
      status: failed ? 'failed' : 'passed',
      durationMs: Math.round((slow ? 900 : 20) + next() * 30 + i * 0.3),
      message: failed ? `expected 2 to equal 3 <b>not bold</b>` : null,
      stack: null,
    };
  };
  const batches: Batch[] = [];
  const stored: Run[] = [];
  for (let r = 0; r < runs; r++) {
    const results = Array.from({ length: tests }, (_, i) => result(r, i));
    const failed = results.filter((t) => t.status === 'failed').length;
    // runs 4 and 5 (and so on) are two runs of one tree: the flaky test passes on one and fails on the other
    const tree = r % 3 === 1 ? r - 1 : r;
    stored.push({
      id: r + 1,
      batchId: r + 1,
      timestamp: at(r * 10 + 5),
      success: failed === 0,
      total: tests,
      passed: tests - failed,
      failed,
      skipped: 0,
      durationMs: results.reduce((sum, t) => sum + (t.durationMs ?? 0), 0),
      commit: null,
      snapshot: `snap${tree}`,
      command: 'npm test',
      exitCode: failed ? 1 : 0,
      stale: false,
      interrupted: false,
      timedOut: false,
      source: { format: 'junit', files: [] },
      notes: [],
      tests: results,
    });
    const edit = (seq: number, path: string): Edit => ({
      seq,
      path,
      kind: 'modified',
      hash: 'h',
      previousHash: 'p',
      mode: '100644',
      previousMode: '100644',
      at: at(r * 10),
      description: seq % 2 ? 'extract parser' : null,
      source: 'manual',
      commit: null,
    });
    batches.push({
      id: r + 1,
      status: 'complete',
      edits: [edit(r * 2 + 1, `src/a${r}.ts`), edit(r * 2 + 2, `src/b${r}.ts`)],
      unrecorded: [],
      unrecordedCount: 0,
      before: snapshot(r),
      after: snapshot(r + 1),
      startedAt: at(r * 10),
      completedAt: at(r * 10 + 4),
      runId: r + 1,
    });
  }
  const breaking = batches[6];
  const culprits = breaking
    ? [
        {
          edits: [
            { seq: 13, path: 'src/a6.ts', kind: 'modified', description: 'extract parser', source: 'manual' },
          ],
          tests: [
            {
              id: stored[6]?.tests[3]?.id ?? '',
              name: names[3] ?? '',
              file: 'test/file3.test.js',
              line: 13,
              message: 'boom',
            },
          ],
        },
      ]
    : [];
  return {
    title: 'sample',
    generatedAt: at(runs * 10),
    batches: batches.map((b) => (b.id === 7 ? { ...b, culprits } : b)),
    runs: stored,
    baseline: stored[0] ?? null,
    operations: [],
    rule: { threshold: 0.5, minMs: 100 },
    focusBatch: null,
  };
}
