import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { acquireLock, LockHeldError } from '../../adapters/lock.js';
import type { Batch } from '../model/batchModel.js';
import type { Context } from '../context/context.js';
import { BatchError, InterruptedError } from '../context/errors.js';
import { batchNewFailures, compareWithReferences } from '../compare/runComparisons.js';
import { knownFlakyTests } from '../compare/knownFlaky.js';
import type { TestRef } from '../model/comparisonModel.js';
import { culpritsDocument, type BisectResult, type ProbeRecord } from '../model/culpritModel.js';
import type { Run } from '../model/runModel.js';
import { probeRun, type ProbeTest } from '../runs/probeRun.js';
import { describeCulprits } from './describeCulprits.js';
import { recordGroups, treeWithEdits } from './editTrees.js';
import { ProbeCache } from './probeCache.js';
import { checkOutTree, openScratch, transientDir, type Scratch } from './scratchWorktree.js';
import { RunLimitReached, searchCulprits, type Verdict } from './searchCulprits.js';

export interface FindCulpritsOptions {
  /** The most probe runs to make (default `culprit.maxRuns`). */
  maxRuns?: number;
  signal?: AbortSignal;
  /** Told before each probe run: the tree and how many tests it asks about. */
  onProbe?: (info: { run: number; tree: string; tests: number }) => void;
}

/** A batch with its run and the tests it newly broke. */
interface Target {
  batch: Batch;
  run: Run;
  failures: TestRef[];
}

async function newFailuresOf(ctx: Context, batch: Batch): Promise<Target | null> {
  if (batch.status !== 'complete' || batch.runId === null) return null;
  const run = ctx.store.readRun<Run>(batch.runId);
  if (!run || run.interrupted) return null;
  const comparisons = await compareWithReferences(ctx, run);
  // Without a reference run every failing test is a candidate: the search's first probe on the
  // before-snapshot leaves out those that failed before the batch too.
  const failures =
    (comparisons.previous ?? comparisons.baseline)
      ? batchNewFailures(comparisons)
      : run.tests.filter((t) => t.status === 'failed' && !t.id.startsWith('batch::'));
  return failures.length > 0 ? { batch, run, failures } : null;
}

/** The batch asked for, or the last batch with new failures. */
async function findTarget(ctx: Context, batchId: number | null): Promise<Target> {
  if (batchId !== null) {
    const batch = ctx.store.readBatch<Batch>(batchId);
    if (!batch) {
      throw new BatchError(`batch ${batchId} is not a completed batch`, {
        hint: '`batch log` lists the batches; only a completed batch with a run can be searched',
      });
    }
    const target = await newFailuresOf(ctx, batch);
    if (!target) {
      throw new BatchError(`batch ${batchId} has no new failures to find a culprit for`, {
        hint: '`batch report` shows what its run found; a batch whose run broke nothing has no culprit',
      });
    }
    return target;
  }
  for (const id of ctx.store.batchIds().reverse()) {
    const batch = ctx.store.readBatch<Batch>(id);
    const target = batch && (await newFailuresOf(ctx, batch));
    if (target) return target;
  }
  throw new BatchError('no batch has new failures', {
    hint: '`batch bisect N` names a batch; `batch log` lists them',
  });
}

function testParts(test: TestRef): ProbeTest {
  return { id: test.id, name: test.name, suite: test.suite, file: test.file };
}

/**
 * `batch bisect`: finds, for each test a batch newly broke, the edit (or smallest set of edits) that
 * broke it, probing the batch's record snapshots in a scratch worktree under git's own directory
 * with only those tests. Never writes the user's tree, index or refs, and holds batch's state lock
 * only to read: records go on meanwhile. The result is stored as `.batch/culprits/<batch>.json`.
 */
export async function findCulprits(
  ctx: Context,
  batchId: number | null,
  options: FindCulpritsOptions = {},
): Promise<BisectResult> {
  const target = await findTarget(ctx, batchId);
  const dir = transientDir(ctx);
  let release: () => void;
  try {
    release = await acquireLock(join(dir, 'culprit.lock'), { command: 'batch bisect', timeoutMs: 0 });
  } catch (error) {
    if (!(error instanceof LockHeldError)) throw error;
    throw new BatchError('another culprit search is running in this worktree', {
      hint: `wait for it (pid ${error.owner?.pid ?? '?'}) to end, then run the same command again`,
    });
  }
  try {
    const scratch = await openScratch(ctx);
    return await search(ctx, target, scratch, options);
  } finally {
    release();
  }
}

async function search(
  ctx: Context,
  target: Target,
  scratch: Scratch,
  options: FindCulpritsOptions,
): Promise<BisectResult> {
  const { batch, failures } = target;
  const cache = new ProbeCache(ctx.store);
  const maxRuns = options.maxRuns ?? ctx.config.culprit.maxRuns;
  const byId = new Map(failures.map((t) => [t.id, testParts(t)]));
  const probes: ProbeRecord[] = [];
  const notes = new Set<string>();
  let cached = 0;
  const probe = async (tree: string, tests: string[], fresh = false): Promise<Map<string, Verdict>> => {
    const verdicts = new Map<string, Verdict>();
    const ask = fresh ? tests : tests.filter((t) => cache.get(tree, t) === undefined);
    for (const test of tests) if (!ask.includes(test)) verdicts.set(test, cache.get(tree, test) as Verdict);
    if (ask.length < tests.length) cached++;
    if (ask.length === 0) return verdicts;
    if (probes.length >= maxRuns) throw new RunLimitReached();
    options.onProbe?.({ run: probes.length + 1, tree, tests: ask.length });
    await checkOutTree(scratch, tree);
    const outcome = await probeRun(ctx, {
      root: scratch.dir,
      rootAlias: scratch.alias,
      tests: ask.map((t) => byId.get(t) as ProbeTest),
      workDir: join(ctx.ws.gitDir, 'batch', 'probes'),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    if (outcome.interrupted) throw new InterruptedError('the culprit search was interrupted');
    probes.push({ tree, asked: ask.length, ran: outcome.ran, narrowing: outcome.narrowing });
    if (outcome.narrowing !== 'name') notes.add(narrowingNote(outcome.narrowing));
    for (const test of ask) {
      const verdict: Verdict = outcome.statuses.get(test) === 'passed' ? 'pass' : 'fail';
      verdicts.set(test, verdict);
      // A run without per-test results answers nothing for later searches.
      if (outcome.reported) cache.set(tree, test, verdict);
    }
    cache.save();
    return verdicts;
  };
  mkdirSync(join(ctx.ws.gitDir, 'batch', 'probes'), { recursive: true });
  const found = await searchCulprits({
    beforeTree: batch.before.tree,
    groups: await recordGroups(ctx, batch),
    tests: failures.map((t) => t.id),
    probe,
    treeWith: (seqs) => treeWithEdits(ctx, batch, seqs),
    flaky: await knownFlakyTests(ctx, batch.runId !== null ? { leaveOut: batch.runId } : {}),
  });
  if (found.unresolved.length > 0) notes.add(`stopped at --max-runs ${maxRuns}: some tests are unresolved`);
  const result = await describeCulprits(ctx, target, found, {
    runs: probes.length,
    cached,
    probes,
    notes: [...notes],
  });
  mkdirSync(ctx.store.path('culprits'), { recursive: true });
  ctx.store.writeDocument(culpritsDocument(batch.id), result);
  return result;
}

function narrowingNote(narrowing: 'file' | 'none'): string {
  return narrowing === 'file'
    ? 'the runner takes no test names: probes ran the failing tests’ whole files'
    : 'the runner could be narrowed neither by file nor by name: probes ran the whole suite';
}
