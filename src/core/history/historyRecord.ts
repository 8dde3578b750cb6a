import { createHash } from 'node:crypto';
import type { HistoryResult, HistoryRun } from '../../adapters/history/historyStore.js';
import { normalizeMessage } from '../reports/normalizeMessage.js';
import type { Run } from '../model/runModel.js';
import type { CiInfo } from './ciInfo.js';

/** What batch triggered a run; `import` marks runs read from `.batch/runs/` when the store began. */
export type RunTrigger =
  'record' | 'hook' | 'watch' | 'test' | 'compare' | 'rollback' | 'bisect' | 'ci' | 'import';

/** Who and where: the same for every run of one clone. */
export interface RunOrigin {
  project: string;
  clone: string;
  repository: string | null;
  host: string | null;
  user: string | null;
}

/** Where in the repository a run was made, and why. */
export interface RunPlace {
  branch: string | null;
  /** The snapshot's tree, when known. */
  tree: string | null;
  trigger: RunTrigger;
  ci: CiInfo;
}

/** A run's key across clones: the clone, its local id and its start, so a reset's reused ids stay apart. */
export function runKey(clone: string, run: Pick<Run, 'id' | 'timestamp'>): string {
  return `${clone}:${run.id}:${run.timestamp}`;
}

/** Hash of the normalised failure message (the text itself stays in the run file). */
function messageHash(message: string | null, root: string): string | null {
  if (!message) return null;
  return createHash('sha1').update(normalizeMessage(message, root)).digest('hex').slice(0, 16);
}

/** A stored run as the history's run row and result rows (pure). */
export function historyRecord(
  run: Run,
  origin: RunOrigin,
  place: RunPlace,
  root: string,
): { run: HistoryRun; results: HistoryResult[] } {
  return {
    run: {
      runKey: runKey(origin.clone, run),
      project: origin.project,
      clone: origin.clone,
      localId: run.id,
      repository: origin.repository,
      branch: place.branch ?? place.ci.branch,
      commit: run.commit,
      snapshot: run.snapshot,
      tree: place.tree,
      batchId: run.batchId,
      trigger: place.trigger,
      ciProvider: place.ci.provider,
      ciRunId: place.ci.runId,
      ciJob: place.ci.job,
      host: origin.host,
      user: origin.user,
      timestamp: run.timestamp,
      durationMs: run.durationMs,
      total: run.total,
      passed: run.passed,
      failed: run.failed,
      skipped: run.skipped,
      exitCode: run.exitCode,
      command: run.command,
      success: run.success,
      complete: !run.pattern && !run.interrupted && !run.stale && !run.timedOut,
      stale: run.stale,
    },
    results: run.tests.map((t) => ({
      testId: t.id,
      name: t.name,
      suite: t.suite,
      file: t.file,
      line: t.line,
      status: t.status,
      kind: t.kind ?? null,
      durationMs: t.durationMs,
      attempt: t.kind === 'flaky' ? 2 : 1,
      messageHash: t.status === 'failed' ? messageHash(t.message, root) : null,
    })),
  };
}
