import { writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TempRepo } from '../support/repo.js';

interface LogJson {
  batches: { id: number; edits: { seq: number; path: string }[] }[];
}

function exitOf(child: ReturnType<TempRepo['spawnBatch']>): Promise<number | null> {
  return new Promise((resolve) => child.on('close', (code) => resolve(code)));
}

describe('two writers and killed writers', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = TempRepo.create();
  });
  afterEach(() => repo.cleanup());

  it('a record killed with SIGKILL at random instants, 40 times, leaves state every command reads', async () => {
    repo.batch(['init', '--batch-size', '3']);
    const finished: string[] = [];
    for (let i = 0; i < 40; i++) {
      const path = `k/${i}.txt`;
      repo.write(path, `content ${i}`);
      const child = repo.spawnBatch(['record', path]);
      const delay = Math.floor(Math.random() * 120);
      const timer = setTimeout(() => child.kill('SIGKILL'), delay);
      const code = await exitOf(child);
      clearTimeout(timer);
      if (code === 0) finished.push(path);
    }
    for (const command of [['status'], ['log']]) {
      const result = repo.batch([...command, '--json']);
      expect(result.code, result.stderr).toBe(0);
      JSON.parse(result.stdout);
    }
    const logged = new Set(repo.json<LogJson>(['log']).batches.flatMap((b) => b.edits.map((e) => e.path)));
    for (const path of finished) expect(logged.has(path), path).toBe(true);
    // a later record of every file counts exactly the ones not yet logged, once each
    const rest = Array.from({ length: 40 }, (_, i) => `k/${i}.txt`);
    expect(repo.batch(['record', ...rest]).code).toBe(0);
    const all = repo.json<LogJson>(['log']).batches.flatMap((b) => b.edits.map((e) => e.path));
    expect(all.filter((p) => p.startsWith('k/')).sort()).toEqual([...rest].sort());
  });

  it('takes over a lock left by a dead process and says so', () => {
    repo.batch(['init']);
    writeFileSync(
      repo.transientPath('lock'),
      JSON.stringify({ pid: 999999, host: hostname(), command: 'record', since: 'x' }),
    );
    const result = repo.batch(['status']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('took over the lock');
  });

  it('gives up with exit 3 and names the holder when a live process keeps the lock', async () => {
    repo.batch(['init']);
    const { spawn } = await import('node:child_process');
    const holder = spawn('sleep', ['30']);
    try {
      writeFileSync(
        repo.transientPath('lock'),
        JSON.stringify({ pid: holder.pid, host: hostname(), command: 'watch', since: 'now' }),
      );
      const result = repo.batch(['status'], { env: { BATCH_LOCK_TIMEOUT_MS: '300' } });
      expect(result.code).toBe(3);
      expect(result.stderr).toContain(`pid ${holder.pid}`);
      expect(result.stderr).toContain('hint:');
    } finally {
      holder.kill();
    }
  });
});
