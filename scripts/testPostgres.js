// A throwaway PostgreSQL 15 for the history tests (test/support/postgres.ts) and bench/history.bench.js:
// initdb into a temp folder (as the postgres user when root: initdb refuses root), password auth on a
// loopback port, the unix socket in the temp folder too; destroy() stops it and removes the folder.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = process.env.BATCH_PG_BIN ?? '/usr/lib/postgresql/15/bin';
export const PG_PASSWORD = 'batch-secret';

/** Why a server cannot be started here, or null when it can. */
export function postgresMissing() {
  return existsSync(join(BIN, 'initdb'))
    ? null
    : `PostgreSQL 15 server binaries not found in ${BIN} (apt-get install postgresql-15)`;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function asPostgres(command, args) {
  const full = join(BIN, command);
  const root = process.getuid?.() === 0;
  const [file, argv] = root ? ['runuser', ['-u', 'postgres', '--', full, ...args]] : [full, args];
  const result = spawnSync(file, argv, { encoding: 'utf8', stdio: 'pipe' });
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr || result.stdout}`);
}

/** Starts the server; resolves with its URLs and controls. */
export async function startPostgres() {
  const base = mkdtempSync(join(tmpdir(), 'batch-pg-'));
  const data = join(base, 'data');
  const socket = join(base, 'socket');
  const pwfile = join(base, 'pw');
  writeFileSync(pwfile, `${PG_PASSWORD}\n`);
  mkdirSync(data);
  mkdirSync(socket);
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    for (const path of [base, data, socket, pwfile]) chownSync(path, uid, gid);
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
  const url = (db) => `postgres://batch:${PG_PASSWORD}@127.0.0.1:${port}/${db}`;
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
