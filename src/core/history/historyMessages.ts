/** The sentences the history room says (core may not import src/output). */
export const historyMessages = {
  teamUnreachable: (where: string, reason: string, waiting: number) =>
    `history: the team database at ${where} did not take the run (${reason}); ${waiting} run${waiting === 1 ? '' : 's'} kept locally, sent by the next command once it is back`,
  teamCaughtUp: (sent: number, where: string) =>
    `history: sent ${sent} run${sent === 1 ? '' : 's'} that waited to the team database at ${where}`,
  imported: (count: number) =>
    `history: imported ${count} earlier run${count === 1 ? '' : 's'} from .batch/runs/`,
  notRecorded: (runId: number, reason: string) =>
    `history: run ${runId} is stored in .batch/runs/ but was not added to the history store (${reason})`,
  readingLocal: (where: string, reason: string) =>
    `history: cannot reach the team database at ${where} (${reason}); showing this clone's runs only`,
  noTeamDatabase: 'no team database is configured',
  noTeamDatabaseHint:
    'set history.url in .batchrc (postgres://user@host/db) or BATCH_DATABASE_URL; the password comes from the URL, PGPASSWORD or ~/.pgpass',
  teamDown: (where: string, reason: string) => `cannot reach the team database at ${where}: ${reason}`,
  teamDownHint:
    'check that the server runs and the user and password are right; the local history keeps every run meanwhile',
  noBaselineRun: (branch: string | null) =>
    `no complete run${branch ? ` of branch ${branch}` : ''} without new failures in the history`,
  nativeSqliteUnavailable: (reason: string) =>
    `BATCH_SQLITE=native, but the native SQLite (libsql) does not load here: ${reason}`,
  nativeSqliteUnavailableHint:
    'unset BATCH_SQLITE (or set it to auto) to fall back to SQLite in WebAssembly; reinstalling batch (`npm install`) brings the prebuilt binary for this platform when there is one',
  badSqliteEngine: (value: string) => `BATCH_SQLITE=${value} is not an SQLite engine batch knows`,
  badSqliteEngineHint:
    'BATCH_SQLITE=auto (the default: native where it loads, else WebAssembly), native or wasm',
  noBaselineRunHint: 'run the whole suite once (`batch test`), or choose another branch with --branch',
};
