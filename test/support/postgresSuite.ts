import { afterAll, beforeAll } from 'vitest';
import { postgresMissing, startPostgres, type TestPostgres } from '../../scripts/testPostgres.js';

/**
 * For a test file that needs PostgreSQL: starts one server before its tests and stops it after.
 * Outside CI without the binaries the file's PostgreSQL tests skip with `reason`; under CI=true a
 * missing server is an error (`.ci/run` installs postgresql-15).
 */
export function usePostgres(): { skip: string | null; server: () => TestPostgres } {
  const missing = postgresMissing();
  if (missing && process.env.CI === 'true') throw new Error(`CI needs PostgreSQL: ${missing}`);
  let server: TestPostgres | null = null;
  if (!missing) {
    beforeAll(async () => {
      server = await startPostgres();
    }, 120_000);
    afterAll(() => server?.destroy());
  }
  return {
    skip: missing ? `skipped: ${missing}` : null,
    server: () => {
      if (!server) throw new Error('PostgreSQL did not start');
      return server;
    },
  };
}
