import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Run } from '../src/core/model/runModel.js';
import { BATCH_BIN, TempRepo } from './support/repo.js';
import { pollUntil, WatchProcess } from './support/watchProcess.js';

/**
 * A node:test suite whose one test holds each run until the test lets it go: run n writes
 * tmp/started-n, waits for tmp/release-n, then passes. tmp/ is ignored by git, so none of this is an edit.
 */
const HELD_TEST = `
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
test('works', async () => {
  mkdirSync('tmp', { recursive: true });
  const n = readdirSync('tmp').filter((f) => f.startsWith('started-')).length + 1;
  writeFileSync('tmp/started-' + n, '');
  while (!existsSync('tmp/release-' + n)) await new Promise((r) => setTimeout(r, 20));
});
`;

let repo: TempRepo;
let watch: WatchProcess | null = null;

beforeEach(() => {
  repo = TempRepo.create();
  repo.write('tests/held.test.mjs', HELD_TEST);
  repo.write('.gitignore', 'tmp/\n');
  repo.write('.batchrc', JSON.stringify({ batchSize: 1, testCommand: 'node --test tests/' }));
  repo.git('add', '-A');
  repo.git('commit', '-q', '-m', 'project');
});

afterEach(() => {
  watch?.kill();
  watch = null;
  repo.cleanup();
});

const started = (n: number) => existsSync(repo.path(`tmp/started-${n}`));
const waitStarted = (n: number) => pollUntil(() => (started(n) ? true : undefined), `test run ${n} to start`);

/** Pids of the processes whose working directory is `dir` (Linux /proc). */
function processesIn(dir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readlinkSync(`/proc/${entry}/cwd`) === dir) pids.push(Number(entry));
    } catch {
      // gone, or not ours to read
    }
  }
  return pids;
}

function runs(): Run[] {
  const dir = repo.path('.batch/runs');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => JSON.parse(readFileSync(`${dir}/${name}`, 'utf8')) as Run)
    .sort((a, b) => a.id - b.id);
}

describe('batch watch test runs', () => {
  it('runs the tests of a completed batch, one run at a time, at most one queued, and marks a run stale when edits land during it', async () => {
    watch = await WatchProcess.start(repo);
    repo.write('a.txt', 'a\n');
    await waitStarted(1);
    // Two more batches complete while run 1 is held: one run waits (the latest batch), none starts.
    repo.write('b.txt', 'b\n');
    await watch.waitFor(/tests for batch 2 will run when the current run ends/, 'batch 2 queued');
    repo.write('c.txt', 'c\n');
    await watch.waitFor(/tests for batch 3 will run when the current run ends/, 'batch 3 queued');
    expect(started(2)).toBe(false);
    repo.write('tmp/release-1', '');
    await waitStarted(2);
    expect(started(3)).toBe(false);
    repo.write('tmp/release-2', '');
    const done = await pollUntil(() => (runs().length === 2 ? runs() : undefined), 'two stored runs');
    expect(done.map((run) => [run.id, run.batchId])).toEqual([
      [1, 1],
      [3, 3],
    ]);
    // Edits b.txt and c.txt settled while run 1 ran: they went to batches 2 and 3, and run 1 is stale.
    expect(done[0]?.stale).toBe(true);
    expect(done[1]?.stale).toBe(false);
    expect(watch.stdout).toMatch(/✓ 1 passed/);
    expect(await watch.stop()).toBe(130);
  });
});

/** `batch watch` on a terminal: script(1) gives it one; what goes to `keys` are key presses. */
function watchOnTerminal() {
  const child = spawn('script', ['-qefc', `${process.execPath} ${BATCH_BIN} watch`, '/dev/null'], {
    cwd: repo.dir,
    env: { ...repo.env, TERM: 'xterm', COLUMNS: '200' },
    stdio: 'pipe',
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return {
    output: () => out,
    shows: (pattern: RegExp, what: string) => pollUntil(() => (pattern.test(out) ? true : undefined), what),
    keys: (text: string) => child.stdin.write(text),
    exited: new Promise<number | null>((resolve) => child.on('exit', resolve)),
    kill: () => child.kill('SIGKILL'),
  };
}

describe('batch watch on a terminal', () => {
  const hasScript = spawnSync('script', ['--version']).status === 0;

  it.skipIf(!hasScript)('shows one live status line and quits on q with exit 0', async () => {
    repo.write('tmp/release-1', '');
    const watch = watchOnTerminal();
    try {
      await watch.shows(/batch 1: 0\/1 edits · no run yet/, 'the status line');
      repo.write('a.txt', 'a\n');
      await watch.shows(/last run ✓ 1 passed/, 'the run in the status line');
      // The line is redrawn in place: erase the line, then the text, no newline.
      expect(watch.output()).toContain(
        '\r\u001b[2Kbatch 2: 0/1 edits · last run ✓ 1 passed · r run · q quit',
      );
      watch.keys('q');
      expect(await watch.exited).toBe(0);
      expect(watch.output()).toContain('stopped watching');
    } finally {
      watch.kill();
    }
  });

  it.skipIf(!hasScript)(
    'on q during a test run ends the run (recorded as interrupted) and quits',
    async () => {
      const watch = watchOnTerminal();
      try {
        await watch.shows(/no run yet/, 'the status line');
        repo.write('a.txt', 'a\n');
        // run 1 holds until tmp/release-1, which this test never writes: only q can end it
        await waitStarted(1);
        watch.keys('q');
        expect(await watch.exited).toBe(0);
        expect(watch.output()).toContain('stopped watching');
        const [run] = runs();
        expect(run).toMatchObject({ id: 1, batchId: 1, interrupted: true, success: false });
        // nothing of the test command is left running in the repository
        expect(processesIn(repo.dir)).toEqual([]);
      } finally {
        watch.kill();
      }
    },
  );
});
