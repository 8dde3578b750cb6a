import type { HistoryStore } from '../../adapters/history/historyStore.js';
import type { SqliteHistoryStore } from '../../adapters/history/sqliteHistoryStore.js';
import { sqliteEngineChoice, type SqliteEngineChoice } from '../../adapters/history/sqliteConnection.js';
import { BatchError } from '../context/errors.js';
import type { Context } from '../context/context.js';
import type { Run } from '../model/runModel.js';
import { withState } from '../state/session.js';
import { ciInfo } from './ciInfo.js';
import { historyRecord, type RunOrigin } from './historyRecord.js';
import { historyMessages } from './historyMessages.js';
import { runOrigin, snapshotTrees } from './runOrigin.js';
import { describeTeamUrl, safeReason, teamUrl } from './teamDatabase.js';

/** Sessions whose team database was asked for (only those have a connection to close). */
const opened = new WeakSet<HistorySession>();

/** The embedded file in `.batch/`. */
export const HISTORY_FILE = 'history.db';
const CONNECT_TIMEOUT_MS = 3000;

/** The open history of one command: the local store, this clone's origin, the team store on demand. */
export interface HistorySession {
  ctx: Context;
  local: SqliteHistoryStore;
  origin: RunOrigin;
  /** The team database, opened once; null when none is configured or it cannot be reached (said once). */
  team(): Promise<HistoryStore | null>;
}

/** Opens the local store (the caller holds batch's lock): migrations applied, `.batch/runs/` imported once. */
export async function openHistory(
  ctx: Context,
  options: { importRuns?: boolean } = {},
): Promise<HistorySession> {
  const [{ SqliteHistoryStore }, { NativeSqliteUnavailable }] = await Promise.all([
    import('../../adapters/history/sqliteHistoryStore.js'),
    import('../../adapters/history/sqliteConnection.js'),
  ]);
  ctx.store.ensureDirs();
  let local: SqliteHistoryStore;
  try {
    local = await SqliteHistoryStore.open(ctx.store.path(HISTORY_FILE), { engine: sqliteEngine(ctx) });
  } catch (error) {
    if (!(error instanceof NativeSqliteUnavailable)) throw error;
    throw new BatchError(historyMessages.nativeSqliteUnavailable(error.reason), {
      hint: historyMessages.nativeSqliteUnavailableHint,
    });
  }
  ctx.logger.debug(`history: ${HISTORY_FILE} open (${local.engine.description})`);
  const origin = await runOrigin(ctx, local);
  let team: Promise<HistoryStore | null> | null = null;
  const session: HistorySession = {
    ctx,
    local,
    origin,
    team: () => {
      opened.add(session);
      return (team ??= openTeam(ctx));
    },
  };
  if (options.importRuns !== false) await importRunFiles(session);
  ctx.logger.debug(`history: project ${origin.project}, clone ${origin.clone}`);
  return session;
}

async function openTeam(ctx: Context): Promise<HistoryStore | null> {
  const url = teamUrl(ctx);
  if (url === null) return null;
  const { PostgresHistoryStore } = await import('../../adapters/history/postgresHistoryStore.js');
  try {
    return await PostgresHistoryStore.open(url, { connectTimeoutMs: CONNECT_TIMEOUT_MS });
  } catch (error) {
    ctx.logger.debug(`team database: ${safeReason(error)}`);
    throw new TeamUnreachable(describeTeamUrl(url), safeReason(error));
  }
}

/** The team database could not be opened: where (without credentials) and why. */
export class TeamUnreachable extends Error {
  constructor(
    readonly where: string,
    readonly reason: string,
  ) {
    super(`${where}: ${reason}`);
    this.name = 'TeamUnreachable';
  }
}

/** The SQLite engine BATCH_SQLITE asks for (auto when unset). */
export function sqliteEngine(ctx: Context): SqliteEngineChoice {
  const choice = sqliteEngineChoice(ctx.env.BATCH_SQLITE);
  if (choice === null)
    throw new BatchError(historyMessages.badSqliteEngine(ctx.env.BATCH_SQLITE?.trim() ?? ''), {
      hint: historyMessages.badSqliteEngineHint,
    });
  return choice;
}

/** Closes both stores. */
export async function closeHistory(session: HistorySession): Promise<void> {
  await session.local.close();
  if (!opened.has(session)) return;
  const team = await session.team().catch(() => null);
  await team?.close();
}

/** Runs `fn` with the history open under batch's lock (for commands that only read or tidy it). */
export function withHistory<T>(
  ctx: Context,
  command: string,
  fn: (session: HistorySession) => Promise<T>,
): Promise<T> {
  return withState(ctx, command, async () => {
    const session = await openHistory(ctx);
    try {
      return await fn(session);
    } finally {
      await closeHistory(session);
    }
  });
}

/** Imports every run in `.batch/runs/` the first time the store is used (then never again). */
export async function importRunFiles(session: HistorySession): Promise<void> {
  const { ctx, local } = session;
  if (local.meta('imported') !== null) return;
  let count = 0;
  for (const id of ctx.store.runIds()) {
    let run: Run | null;
    try {
      run = ctx.store.readRun<Run>(id);
    } catch {
      continue; // an unreadable old run file stays where it is, unimported
    }
    if (!run || !Array.isArray(run.tests)) continue;
    const [tree] = await snapshotTrees(ctx, [run.snapshot]);
    const place = { branch: null, tree: tree ?? null, trigger: 'import' as const, ci: ciInfo({}) };
    const record = historyRecord(run, session.origin, place, ctx.ws.root);
    if (await local.putRun(record.run, record.results)) count++;
  }
  local.setMeta('imported', new Date().toISOString());
  if (count > 0) ctx.logger.info(historyMessages.imported(count));
}

/**
 * Sends the local runs the team database does not have. Idempotent: the database keeps a run key once,
 * so a run sent twice (or by two processes at once) is stored once. Says once when the server is down.
 */
export async function pushPending(
  session: HistorySession,
  options: { quietCatchUp?: number } = {},
): Promise<number> {
  const { ctx, local, origin } = session;
  const pending = await local.unpushed(origin.project);
  if (pending.length === 0) return 0;
  let team: HistoryStore | null;
  try {
    team = await session.team();
  } catch (error) {
    if (!(error instanceof TeamUnreachable)) throw error;
    ctx.logger.warn(historyMessages.teamUnreachable(error.where, error.reason, pending.length));
    return 0;
  }
  if (team === null) return 0;
  let sent = 0;
  try {
    for (const run of pending) {
      await team.putRun(run, await local.results(run.runKey));
      await local.markPushed([run.runKey]);
      sent++;
    }
  } catch (error) {
    const where = describeTeamUrl(teamUrl(ctx) ?? '');
    ctx.logger.warn(historyMessages.teamUnreachable(where, safeReason(error), pending.length - sent));
    return sent;
  }
  const waited = sent - (options.quietCatchUp ?? 0);
  if (waited > 0) ctx.logger.info(historyMessages.teamCaughtUp(waited, describeTeamUrl(teamUrl(ctx) ?? '')));
  return sent;
}
