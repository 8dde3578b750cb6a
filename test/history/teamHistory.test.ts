import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BATCH_BIN, TempRepo } from '../support/repo.js';
import { PG_PASSWORD } from '../../scripts/testPostgres.js';
import { usePostgres } from '../support/postgresSuite.js';
import { historyProject } from './historyProject.js';

const pg = usePostgres();
const repos: TempRepo[] = [];
afterEach(() => repos.splice(0).forEach((r) => r.cleanup()));

interface Clone {
  dir: string;
  batch(
    args: string[],
    env?: Record<string, string>,
  ): { code: number | null; stdout: string; stderr: string };
  spawn(args: string[], env?: Record<string, string>): Promise<number | null>;
}

/** A clone of `origin` next to it, with batch initialised and the team database set in the environment. */
function cloneOf(origin: TempRepo, name: string, url: string): Clone {
  const dir = join(origin.dir, '..', name);
  origin.git('clone', '-q', origin.dir, dir);
  const env = { ...origin.env, BATCH_DATABASE_URL: url };
  const clone: Clone = {
    dir,
    batch: (args, extra = {}) => {
      const r = spawnSync(process.execPath, [BATCH_BIN, ...args], {
        cwd: dir,
        env: { ...env, ...extra },
        encoding: 'utf8',
      });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    },
    spawn: (args, extra = {}) =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, [BATCH_BIN, ...args], {
          cwd: dir,
          env: { ...env, ...extra },
          stdio: 'ignore',
        });
        child.on('close', resolve);
      }),
  };
  expect(clone.batch(['init']).code).toBe(0);
  return clone;
}

function teamRuns(clone: Clone): { id: number; host: string; ciRunId: string | null; runKey: string }[] {
  const result = clone.batch(['history', '--json', '--limit', '100']);
  expect(result.code, result.stderr).toBe(0);
  return (
    JSON.parse(result.stdout) as {
      runs: { id: number; host: string; ciRunId: string | null; runKey: string }[];
    }
  ).runs;
}

function setup(db: string): { origin: TempRepo; url: string } {
  const origin = TempRepo.create();
  repos.push(origin);
  historyProject(origin);
  return { origin, url: pg.server().createDatabase(db) };
}

describe.skipIf(pg.skip !== null)(`team history in PostgreSQL ${pg.skip ?? ''}`, () => {
  it('two clones and four CI shards at once: no run lost or stored twice; each clone sees the others', async () => {
    const { origin, url } = setup('shards');
    const a = cloneOf(origin, 'a', url);
    const b = cloneOf(origin, 'b', url);
    const shards = [1, 2, 3, 4].map((n) => cloneOf(origin, `shard${n}`, url));
    expect(a.batch(['test']).code).toBe(1);
    expect(b.batch(['test'], { FLIP: '1' }).code).toBe(1);
    expect(a.batch(['test']).code).toBe(1);
    const codes = await Promise.all(
      shards.map((s, i) => s.spawn(['test'], { BATCH_CI_RUN_ID: '777', BATCH_CI_JOB: `shard-${i + 1}` })),
    );
    expect(codes).toEqual([1, 1, 1, 1]);
    // each shard sends its runs again at once: the database keeps each run key once
    await Promise.all(shards.map((s) => s.spawn(['history', 'push'])));
    const seenByA = teamRuns(a);
    expect(seenByA).toHaveLength(7);
    expect(new Set(seenByA.map((r) => r.runKey)).size).toBe(7);
    expect(seenByA.filter((r) => r.ciRunId === '777')).toHaveLength(4);
    expect(teamRuns(b).map((r) => r.runKey)).toEqual(seenByA.map((r) => r.runKey));
    expect(a.batch(['history', '--local', '--json']).stdout).toContain('"runs"');
    expect(
      (JSON.parse(a.batch(['history', '--local', '--json']).stdout) as { runs: unknown[] }).runs,
    ).toHaveLength(2);
    // clone a sees b's failing run of `sometimes` on the same tree
    const flaky = JSON.parse(a.batch(['flaky', '--json']).stdout) as {
      flaky: { id: string; sameTreeFlips: number }[];
    };
    expect(flaky.flaky).toEqual([
      expect.objectContaining({ id: 't/a.test.js::sometimes', sameTreeFlips: 1 }),
    ]);
    expect(b.batch(['baseline', '--from-history', '--branch', 'main']).code).toBe(0);
  }, 600_000);

  it('a server that is down, or a wrong password: the run is kept locally, said in one line, sent once it is back', () => {
    const { origin, url } = setup('down');
    const a = cloneOf(origin, 'a', url);
    const wrong = url.replace(PG_PASSWORD, 'not-the-password');
    const refused = a.batch(['test'], { BATCH_DATABASE_URL: wrong });
    expect(refused.code).toBe(1); // the tests' own verdict
    const lines = refused.stderr.split('\n').filter((l) => l.includes('team database'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/password authentication failed/);
    expect(refused.stderr + refused.stdout).not.toContain('not-the-password');

    pg.server().stop();
    try {
      const down = a.batch(['test']);
      expect(down.code).toBe(1);
      expect(down.stderr.split('\n').filter((l) => l.includes('team database'))).toHaveLength(1);
      expect(down.stderr).toContain('2 runs kept locally');
      expect(down.stderr).not.toContain(PG_PASSWORD);
    } finally {
      pg.server().start();
    }
    const back = a.batch(['test']);
    expect(back.code).toBe(1);
    expect(back.stdout).toContain('sent 2 runs that waited');
    expect(back.stderr).toBe('');
    expect(teamRuns(a)).toHaveLength(3);
  }, 300_000);
});
