/** A PostgreSQL 15 server of the tests' own (see testPostgres.js). */
export interface TestPostgres {
  port: number;
  /** postgres://batch:<password>@127.0.0.1:<port>/<db> */
  url(db: string): string;
  /** Creates a database and returns its URL. */
  createDatabase(db: string): string;
  /** Stops the server (a "server down" test); start() brings it back on the same port. */
  stop(): void;
  start(): void;
  destroy(): void;
}
export const PG_PASSWORD: string;
export function postgresMissing(): string | null;
export function startPostgres(): Promise<TestPostgres>;
