import type { HistoryRun, HistoryStore, RunFilter } from '../../adapters/history/historyStore.js';
import { flakyScores, type FlakyReport, type ScoredRun } from './flakyScores.js';
import { testMatch } from './globToLike.js';
import { historyMessages } from './historyMessages.js';
import { pushPending, TeamUnreachable, type HistorySession } from './historySession.js';

/** What narrows a read: DESIGN.md's `history` flags. */
export interface HistoryQuery {
  branch?: string;
  since?: string;
  limit?: number;
  /** This clone's runs only, from the local store, even with a team database. */
  local?: boolean;
}

/** One test's runs, newest first: DESIGN.md's `history --test --json` entry. */
export interface TestHistory {
  id: string;
  name: string;
  runs: {
    runId: number;
    status: string;
    durationMs: number | null;
    batchId: number | null;
    commit: string | null;
    snapshot: string | null;
    timestamp: string;
    branch: string | null;
  }[];
}

/**
 * The store to read: the team database (every clone's runs, after sending what it lacks) when one is
 * configured and reachable, else the local one (said once when the team one is down).
 */
export async function readStore(session: HistorySession, local = false): Promise<HistoryStore> {
  if (local) return session.local;
  let team: HistoryStore | null;
  try {
    team = await session.team();
  } catch (error) {
    if (!(error instanceof TeamUnreachable)) throw error;
    session.ctx.logger.warn(historyMessages.readingLocal(error.where, error.reason));
    return session.local;
  }
  if (team === null) return session.local;
  await pushPending(session);
  return team;
}

function filterOf(session: HistorySession, query: HistoryQuery): RunFilter {
  return {
    project: session.origin.project,
    ...(query.branch !== undefined ? { branch: query.branch } : {}),
    ...(query.since !== undefined ? { since: query.since } : {}),
    ...(query.limit !== undefined ? { limit: query.limit } : {}),
  };
}

/** Runs newest first (every clone's with a team database, unless `local`). */
export async function recentRuns(session: HistorySession, query: HistoryQuery = {}): Promise<HistoryRun[]> {
  const store = await readStore(session, query.local);
  return store.listRuns(filterOf(session, query));
}

/** One test's runs (or every test matching a glob), newest first, grouped by test. */
export async function testHistory(
  session: HistorySession,
  idOrGlob: string,
  query: HistoryQuery = {},
): Promise<TestHistory[]> {
  const store = await readStore(session, query.local);
  const rows = await store.testRuns(filterOf(session, query), testMatch(idOrGlob));
  const byTest = new Map<string, TestHistory>();
  for (const row of rows) {
    const entry = byTest.get(row.testId) ?? { id: row.testId, name: row.name, runs: [] };
    byTest.set(row.testId, entry);
    entry.runs.push({
      runId: row.localId,
      status: row.status,
      durationMs: row.durationMs,
      batchId: row.batchId,
      commit: row.commit,
      snapshot: row.snapshot,
      timestamp: row.timestamp,
      branch: row.branch,
    });
  }
  return [...byTest.values()];
}

/**
 * The runs of a window with their results, as flaky scoring takes them: every run whose tree held
 * still while it ran, narrowed ones included (a retry that passes a test the full run failed, on the
 * same tree, is the strongest sign of flakiness there is).
 */
export async function scoredRuns(
  store: HistoryStore,
  filter: RunFilter,
  keep: (run: HistoryRun) => boolean = () => true,
): Promise<ScoredRun[]> {
  const runs = (await store.listRuns({ ...filter, freshOnly: true })).filter(keep);
  const outcomes = await store.outcomes(runs.map((r) => r.runKey));
  const byRun = new Map<string, ScoredRun['results']>();
  for (const o of outcomes) {
    const list = byRun.get(o.runKey) ?? [];
    byRun.set(o.runKey, list);
    list.push(o);
  }
  return runs.map((r) => ({
    runKey: r.runKey,
    snapshot: r.tree ?? r.snapshot,
    total: r.total,
    failed: r.failed,
    at: r.timestamp,
    results: byRun.get(r.runKey) ?? [],
  }));
}

/** Flaky tests over the last `window` runs (DESIGN.md's `flaky --json`, plus the window). */
export async function flakyTests(
  session: HistorySession,
  options: {
    window?: number;
    minRuns?: number;
    local?: boolean;
    branch?: string;
    /** This clone's run of that local id is not counted (the run compare is judging). */
    leaveOut?: number;
  } = {},
): Promise<FlakyReport & { window: number }> {
  const window = options.window ?? session.ctx.config.flaky.window;
  const store = await readStore(session, options.local);
  const limit = window + (options.leaveOut !== undefined ? 1 : 0);
  const filter = { ...filterOf(session, options.branch ? { branch: options.branch } : {}), limit };
  const left = options.leaveOut;
  const { clone } = session.origin;
  const runs = (await scoredRuns(store, filter, (r) => !(r.clone === clone && r.localId === left))).slice(
    0,
    window,
  );
  return { ...flakyScores(runs, { minRuns: options.minRuns ?? session.ctx.config.flaky.minRuns }), window };
}
