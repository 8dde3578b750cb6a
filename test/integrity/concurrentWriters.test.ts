import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { BATCH_BIN, TempRepo } from '../support/repo.js';
import { pollUntil, WatchProcess } from '../support/watchProcess.js';
import { allEdits, waitForHookWorker, writeConfig } from '../hooks/hookHelpers.js';

/** Runs a POSIX shell loop in the repository (the writers run outside vitest's event loop). */
function shell(repo: TempRepo, script: string): Promise<{ code: number | null; stderr: string }> {
  const child = spawn('sh', ['-c', script], {
    cwd: repo.dir,
    env: { ...repo.env, BATCH_NODE: process.execPath, BATCH_CLI: BATCH_BIN },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

/** A writer that makes `count` new files named `<prefix>-<i>.txt`, recording each one. */
function recordingWriter(repo: TempRepo, prefix: string, count: number) {
  return shell(
    repo,
    `i=1; while [ $i -le ${count} ]; do
       echo "${prefix} $i" > ${prefix}-$i.txt
       "$BATCH_NODE" "$BATCH_CLI" record ${prefix}-$i.txt >/dev/null
       code=$?; [ $code -le 2 ] || echo "record ${prefix}-$i.txt exited $code" >&2
       i=$((i + 1))
     done`,
  );
}

/** How often each path appears among the recorded edits. */
function timesRecorded(repo: TempRepo): Map<string, number> {
  const counts = new Map<string, number>();
  for (const edit of allEdits(repo)) counts.set(edit.path, (counts.get(edit.path) ?? 0) + 1);
  return counts;
}

function expectEachOnce(counts: Map<string, number>, paths: string[]): void {
  const wrong = paths.filter((path) => counts.get(path) !== 1).map((p) => `${p}: ${counts.get(p) ?? 0}`);
  expect(wrong).toEqual([]);
}

function names(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}-${i + 1}.txt`);
}

/** A repository with batchSize 5 and a test command, its .batchrc committed. */
function setUp(): TempRepo {
  const repo = TempRepo.create();
  writeConfig(repo, { batchSize: 5, testCommand: 'true', watch: { quietMs: 100 } });
  repo.git('add', '.batchrc');
  repo.git('commit', '-q', '-m', 'batch config');
  expect(repo.batch(['init']).code).toBe(0);
  return repo;
}

describe('every edit is recorded exactly once, whoever writes', () => {
  let repo: TempRepo | undefined;
  let watch: WatchProcess | undefined;
  afterEach(() => {
    watch?.kill();
    repo?.cleanup();
    repo = watch = undefined;
  });

  it.each([
    [2, 50],
    [4, 25],
  ])(
    '%i concurrent record writers × %i files, tests run on every batch: 100 of 100',
    { timeout: 600_000 },
    async (writers, each) => {
      repo = setUp();
      const prefixes = Array.from({ length: writers }, (_, i) => `w${i + 1}`);
      const results = await Promise.all(
        prefixes.map((prefix) => recordingWriter(repo as TempRepo, prefix, each)),
      );
      for (const result of results) expect(result.stderr).toBe('');
      const counts = timesRecorded(repo);
      expectEachOnce(
        counts,
        prefixes.flatMap((prefix) => names(prefix, each)),
      );
      expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(100);
      // numbered 1 to 100 in the order they were logged: no number taken twice or skipped
      expect(allEdits(repo).map((e) => e.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    },
  );

  it(
    'manual record, the background post-commit hook and batch watch at once: 60 files, each once',
    { timeout: 600_000 },
    async () => {
      repo = setUp();
      expect(repo.batch(['hook', 'install']).code).toBe(0);
      watch = await WatchProcess.start(repo);
      const committing = shell(
        repo,
        `i=1; while [ $i -le 20 ]; do
         echo "h $i" > h-$i.txt && git add h-$i.txt && git commit -q -m "h $i" || echo "commit $i failed" >&2
         i=$((i + 1))
       done`,
      );
      const writing = shell(
        repo,
        `i=1; while [ $i -le 20 ]; do echo "a $i" > a-$i.txt; sleep 0.05; i=$((i + 1)); done`,
      );
      const recording = recordingWriter(repo, 'm', 20);
      for (const result of await Promise.all([committing, writing, recording]))
        expect(result.stderr).toBe('');
      const expected = [...names('h', 20), ...names('a', 20), ...names('m', 20)];
      await waitForHookWorker(repo.dir);
      await pollUntil(
        () => (expected.every((path) => timesRecorded(repo as TempRepo).has(path)) ? true : undefined),
        'every file to be recorded',
        60_000,
        500,
      ).catch(() => undefined);
      await watch.stop();
      await waitForHookWorker(repo.dir);
      expectEachOnce(timesRecorded(repo), expected);
    },
  );
});
