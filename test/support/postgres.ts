import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where Debian's postgresql-15 puts its server binaries (.ci/run installs them when missing). */
const BIN = process.env.BATCH_PG_BIN ?? '/usr/lib/postgresql/15/bin';
export const PG_PASSWORD = 'batch-secret';

/** A PostgreSQL 15 server of the tests' own: a temp data folder, a loopback port, stopped by `stop()`. */
export interface TestPostgres {
  /** postgres://batch:<password>@127.0.0.1:<port>/<db> for a fresh database. */
  url(db: string): string;
  port: number;
  createDatabase(db: string): string;
  /** Stops the server (a test of "server down"); `start()` brings it back on the same port. */
  stop(): void;
  start(): void;
  destroy(): void;
}

/** Why PostgreSQL tests cannot run here, or null when they can. Under CI=true the caller fails instead. */
export function postgresMissing(): string | null {
  if (!existsSync(join(BIN, 'initdb')))
    return `PostgreSQL 15 server binaries not found in ${BIN} (apt-get install postgresql-15)`;
  return null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Runs a server binary as the postgres user when we are root (initdb refuses root). */
function asPostgres(command: string, args: string[]): void {
  const full = join(BIN, command);
  const root = process.getuid?.() === 0;
  const [file, argv] = root ? ['runuser', ['-u', 'postgres', '--', full, ...args]] : [full, args];
  const result = spawnSync(file, argv, { encoding: 'utf8', stdio: 'pipe' });
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr || result.stdout}`);
}

/** Starts a throwaway PostgreSQL 15 (initdb into a temp folder, password auth on a loopback port). */
export async function startPostgres(): Promise<TestPostgres> {
  const base = mkdtempSync(join(tmpdir(), 'batch-pg-'));
  const data = join(base, 'data');
  const socket = join(base, 'socket');
  const pwfile = join(base, 'pw');
  writeFileSync(pwfile, `${PG_PASSWORD}\n`);
  execFileSync('mkdir', ['-p', data, socket]);
  if (process.getuid?.() === 0) {
    const ids = execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim();
    const gid = execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim();
    for (const path of [base, data, socket, pwfile]) chownSync(path, Number(ids), Number(gid));
  }
  chmodSync(data, 0o700);
  asPostgres('initdb', [
    '-D',
    data,
    '-U',
    'batch',
    '--pwfile',
    pwfile,
    '-A',
    'scram-sha-256',
    '-E',
    'UTF8',
    '--no-sync',
  ]);
  const port = await freePort();
  const options = `-c listen_addresses=127.0.0.1 -c port=${port} -k ${socket} -c fsync=off -c max_connections=50`;
  const start = () =>
    asPostgres('pg_ctl', ['-D', data, '-o', options, '-w', '-l', join(base, 'log'), 'start']);
  const stop = () => asPostgres('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  start();
  const url = (db: string) => `postgres://batch:${PG_PASSWORD}@127.0.0.1:${port}/${db}`;
  return {
    port,
    url,
    createDatabase(db) {
      const psql = spawnSync(join(BIN, 'psql'), [url('postgres'), '-qc', `CREATE DATABASE ${db}`], {
        encoding: 'utf8',
      });
      if (psql.status !== 0) throw new Error(`CREATE DATABASE ${db} failed: ${psql.stderr}`);
      return url(db);
    },
    stop,
    start,
    destroy() {
      try {
        stop();
      } catch {
        // already stopped
      }
      rmSync(base, { recursive: true, force: true });
    },
  };
}
