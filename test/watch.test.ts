import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TempRepo } from './support/repo.js';
import { allEdits, pollUntil, readLog, storedEdits, WatchProcess } from './support/watchProcess.js';

let repo: TempRepo;
let watch: WatchProcess | null = null;
let barriers = 0;

beforeEach(() => {
  repo = TempRepo.create();
  barriers = 0;
});

afterEach(() => {
  watch?.kill();
  watch = null;
  repo.cleanup();
});

/** Commits a .batchrc so the config is part of the tree before batch first looks. */
function configure(config: object): void {
  repo.write('.batchrc', JSON.stringify(config));
  repo.git('add', '.batchrc');
  repo.git('commit', '-q', '-m', 'config');
}

/** Waits until the log has an edit of `path` number `count` (counting edits of that path). */
async function waitForEdits(path: string, count: number): Promise<void> {
  await pollUntil(
    () => (storedEdits(repo).filter((e) => e.path === path).length >= count ? true : undefined),
    `${count} edits of ${path}`,
  );
}

/**
 * Writes a new file and waits for its edit: every event before it has been handled by then, so what
 * the log does not hold by now was not recorded (no waiting for a fixed time).
 */
async function barrier(): Promise<void> {
  const path = `barrier-${++barriers}.txt`;
  repo.write(path, `barrier ${barriers}\n`);
  await waitForEdits(path, 1);
}

function vim(file: string, text: string): void {
  const result = spawnSync('vim', ['-N', '-u', 'NONE', '-es', '-c', `%d|put ='${text}'|1d|wq`, file], {
    cwd: repo.dir,
    env: repo.env,
    encoding: 'utf8',
  });
  expect(result.status).toBe(0);
}

describe('batch watch', () => {
  it('records three vim saves of different contents as three edits and a save of the same content as none', async () => {
    repo.write('notes.txt', 'start\n');
    repo.git('add', 'notes.txt');
    repo.git('commit', '-q', '-m', 'notes');
    watch = await WatchProcess.start(repo);
    for (const [i, text] of ['first', 'second', 'third'].entries()) {
      vim('notes.txt', text);
      await waitForEdits('notes.txt', i + 1);
    }
    vim('notes.txt', 'third');
    await barrier();
    const edits = allEdits(repo);
    expect(edits.filter((e) => e.path === 'notes.txt').map((e) => e.kind)).toEqual([
      'modified',
      'modified',
      'modified',
    ]);
    // vim's probe file (4913), backup (notes.txt~) and swap file leave nothing behind in the log.
    expect(edits.map((e) => e.path).filter((p) => !p.startsWith('barrier-'))).toEqual([
      'notes.txt',
      'notes.txt',
      'notes.txt',
    ]);
    expect(await watch.stop()).toBe(130);
  });

  it('records 40 files written in one burst by one script as 40 edits in one batch', async () => {
    watch = await WatchProcess.start(repo);
    const script = `
      const { writeFileSync, mkdirSync } = require('node:fs');
      mkdirSync('src', { recursive: true });
      for (let i = 0; i < 40; i++) {
        writeFileSync('src/file' + i + '.ts', 'export const n = ' + i + ';\\n');
        const until = Date.now() + 5;
        while (Date.now() < until);
      }`;
    expect(spawnSync(process.execPath, ['-e', script], { cwd: repo.dir }).status).toBe(0);
    const batch = await pollUntil(() => {
      const found = readLog(repo).find((b) => b.edits.some((e) => e.path.startsWith('src/')));
      return found && found.edits.length >= 40 ? found : undefined;
    }, '40 edits');
    // batchSize is 5, but one burst is one record call, and a record call is never split across batches.
    expect(batch.edits.filter((e) => e.path.startsWith('src/'))).toHaveLength(40);
    expect(batch.status).toBe('complete');
    expect(batch.edits.every((e) => e.kind === 'added' && e.source === 'watch')).toBe(true);
  });

  it('logs a git checkout of 300 files as one marker, not 300 edits', async () => {
    mkdirSync(repo.path('lib'));
    for (let i = 0; i < 300; i++) writeFileSync(repo.path(`lib/m${i}.js`), `module.exports = ${i};\n`);
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'many');
    repo.git('checkout', '-q', '-b', 'other');
    for (let i = 0; i < 300; i++) writeFileSync(repo.path(`lib/m${i}.js`), `module.exports = ${i} + 1;\n`);
    repo.git('commit', '-q', '-am', 'change all');
    repo.git('checkout', '-q', 'main');
    watch = await WatchProcess.start(repo);
    repo.git('checkout', '-q', 'other');
    await barrier();
    const batches = readLog(repo);
    const edits = batches.flatMap((b) => b.edits);
    const markers = batches.flatMap((b) => b.markers ?? []);
    expect(edits.length + markers.length).toBeLessThan(10);
    expect(edits.filter((e) => e.path.startsWith('lib/'))).toEqual([]);
    expect(markers).toHaveLength(1);
    expect(markers[0]).toMatchObject({ kind: 'git', files: 300, branch: 'refs/heads/other' });
    expect(markers[0]?.description).toContain('checkout: moving from main to other');
    // What batch has recorded now is the checked-out content: editing one file is one edit again.
    repo.write('lib/m7.js', 'changed by hand\n');
    await waitForEdits('lib/m7.js', 1);
  });

  it('keeps edits made before a git stash, and logs the stash and its pop as markers', async () => {
    repo.write('a.txt', 'a\n');
    repo.write('b.txt', 'b\n');
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'ab');
    watch = await WatchProcess.start(repo);
    repo.write('a.txt', 'a edited\n');
    repo.write('b.txt', 'b edited\n');
    await waitForEdits('b.txt', 1);
    await waitForEdits('a.txt', 1);
    repo.git('stash', '-q');
    await barrier();
    repo.git('stash', 'pop', '-q');
    await barrier();
    const batches = readLog(repo);
    const markers = batches.flatMap((b) => b.markers ?? []);
    expect(markers.map((m) => [m.description, m.files])).toEqual([
      ['git stash', 2],
      ['git stash', 2],
    ]);
    expect(allEdits(repo).filter((e) => !e.path.startsWith('barrier-'))).toHaveLength(2);
  });

  it('records what changed while it was not running as one record call at start', async () => {
    watch = await WatchProcess.start(repo);
    expect(await watch.stop()).toBe(130);
    repo.write('README.md', '# changed offline\n');
    repo.write('new.txt', 'new\n');
    watch = await WatchProcess.start(repo);
    const edits = await pollUntil(() => {
      const found = allEdits(repo);
      return found.length >= 2 ? found : undefined;
    }, 'offline edits');
    expect(edits.map((e) => [e.path, e.kind, e.description])).toEqual([
      ['README.md', 'modified', 'changed while batch watch was not running'],
      ['new.txt', 'added', 'changed while batch watch was not running'],
    ]);
    expect(watch.stdout).toContain('2 edits made while batch watch was not running');
  });

  it('leaves out what git ignores, node_modules, and editor or agent temp files; a save by rename is one edit', async () => {
    repo.write('.gitignore', 'dist/\n*.log\n');
    repo.write('app.ts', 'v1\n');
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'ignore');
    watch = await WatchProcess.start(repo);
    repo.write('dist/bundle.js', 'x');
    repo.write('debug.log', 'x');
    repo.write('node_modules/pkg/index.js', 'x');
    repo.write('newdir/build/out.log', 'x');
    // An agent's save: a temp file renamed over the target.
    repo.write('app.ts.tmp.4242.17', 'v2\n');
    renameSync(repo.path('app.ts.tmp.4242.17'), repo.path('app.ts'));
    // JetBrains' safe write: the new content in ___jb_tmp___, the old file moved to ___jb_old___.
    repo.write('app.ts___jb_tmp___', 'v3\n');
    renameSync(repo.path('app.ts'), repo.path('app.ts___jb_old___'));
    renameSync(repo.path('app.ts___jb_tmp___'), repo.path('app.ts'));
    rmSync(repo.path('app.ts___jb_old___'));
    // Leftovers that stay on disk are never edits either.
    for (const name of ['4913', 'app.ts~', '.app.ts.swp', 'app.ts.tmp.999.1', 'x___jb_bak___', '#app.ts#'])
      repo.write(name, 'leftover');
    await barrier();
    const edits = allEdits(repo).filter((e) => !e.path.startsWith('barrier-'));
    expect(edits.map((e) => [e.path, e.kind])).toEqual([['app.ts', 'modified']]);
    expect(edits[0]?.hash).toBe(repo.git('hash-object', 'app.ts').trim());
  });

  it('does not watch inside a nested repository', async () => {
    mkdirSync(repo.path('vendor/lib'), { recursive: true });
    spawnSync('git', ['init', '-q', repo.path('vendor/lib')], { env: repo.env });
    watch = await WatchProcess.start(repo, ['--verbose']);
    repo.write('vendor/lib/inner.txt', 'inner');
    repo.write('vendor/outer.txt', 'outer');
    await waitForEdits('vendor/outer.txt', 1);
    await barrier();
    expect(allEdits(repo).some((e) => e.path.startsWith('vendor/lib'))).toBe(false);
    // The watcher's output up to the barrier's event has arrived once that line is there.
    await watch.waitFor(/barrier-1\.txt may have changed/, "the barrier's event");
    expect(watch.stderr).toContain('vendor/outer.txt may have changed');
    expect(watch.stderr).not.toContain('vendor/lib/inner.txt');
  });

  it('picks up .gitignore changes while watching', async () => {
    watch = await WatchProcess.start(repo);
    repo.write('.gitignore', 'out/\n');
    await waitForEdits('.gitignore', 1);
    repo.write('out/a.txt', 'x');
    repo.write('kept/a.txt', 'x');
    await waitForEdits('kept/a.txt', 1);
    await barrier();
    expect(allEdits(repo).some((e) => e.path.startsWith('out/'))).toBe(false);
  });

  it('records a renamed and a deleted directory as deletions and additions', async () => {
    repo.write('pkg/a.txt', 'a\n');
    repo.write('pkg/sub/b.txt', 'b\n');
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'pkg');
    watch = await WatchProcess.start(repo);
    renameSync(repo.path('pkg'), repo.path('moved'));
    await waitForEdits('moved/sub/b.txt', 1);
    await barrier();
    rmSync(repo.path('moved'), { recursive: true });
    await pollUntil(
      () => (storedEdits(repo).filter((e) => e.kind === 'deleted').length >= 4 ? true : undefined),
      'deletions',
    );
    const edits = allEdits(repo).filter((e) => !e.path.startsWith('barrier-'));
    expect(edits.map((e) => `${e.kind} ${e.path}`).sort()).toEqual([
      'added moved/a.txt',
      'added moved/sub/b.txt',
      'deleted moved/a.txt',
      'deleted moved/sub/b.txt',
      'deleted pkg/a.txt',
      'deleted pkg/sub/b.txt',
    ]);
  });

  it('records nothing for the files a rollback restores while it watches', async () => {
    repo.write('a.txt', 'a0\n');
    repo.write('b.txt', 'b0\n');
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'ab');
    configure({ batchSize: 2 });
    watch = await WatchProcess.start(repo);
    repo.write('a.txt', 'a1\n');
    repo.write('b.txt', 'b1\n');
    await waitForEdits('b.txt', 1);
    await waitForEdits('a.txt', 1);
    const rollback = repo.batch(['rollback', '1', '--yes', '--no-test']);
    expect(rollback.stderr).not.toMatch(/error/);
    expect(rollback.code).toBe(0);
    expect(readFileSync(repo.path('a.txt'), 'utf8')).toBe('a0\n');
    expect(readFileSync(repo.path('b.txt'), 'utf8')).toBe('b0\n');
    await barrier();
    await barrier();
    const edits = allEdits(repo).filter((e) => !e.path.startsWith('barrier-'));
    // Only the two edits made before the rollback: the files it restored are not edits.
    expect(edits.map((e) => e.path).sort()).toEqual(['a.txt', 'b.txt']);
    expect(readLog(repo).find((b) => b.id === 1)?.status).toBe('rolled-back');
    expect(readLog(repo).flatMap((b) => b.markers ?? [])).toEqual([]);
    // A real edit right after the rollback is still an edit.
    repo.write('a.txt', 'a2\n');
    await waitForEdits('a.txt', 2);
  });

  it('records nothing for a rollback that also moves the branch back over a commit', async () => {
    configure({ batchSize: 1 });
    watch = await WatchProcess.start(repo);
    repo.write('README.md', '# edited\n');
    await waitForEdits('README.md', 1);
    repo.git('commit', '-q', '-am', 'edit readme');
    await barrier();
    const rollback = repo.batch(['rollback', '1', '--yes', '--no-test']);
    expect(rollback.code).toBe(0);
    expect(repo.git('log', '-1', '--format=%s').trim()).toBe('config');
    await barrier();
    expect(allEdits(repo).filter((e) => e.path === 'README.md')).toHaveLength(1);
    expect(readLog(repo).flatMap((b) => b.markers ?? [])).toEqual([]);
  });

  it('records a pending edit on SIGINT before quitting, exits 130 and leaves state readable', async () => {
    configure({ watch: { quietMs: 5000 } });
    watch = await WatchProcess.start(repo, ['--verbose']);
    repo.write('late.txt', 'late\n');
    await watch.waitFor(/late\.txt may have changed/, 'the watcher to see late.txt');
    expect(await watch.stop('SIGINT')).toBe(130);
    expect(allEdits(repo).map((e) => e.path)).toEqual(['late.txt']);
    const status = repo.batch(['status', '--json']);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ currentBatch: { edits: 1 } });
  });

  it('exits 130 on SIGTERM too', async () => {
    watch = await WatchProcess.start(repo);
    expect(await watch.stop('SIGTERM')).toBe(130);
    expect(repo.batch(['status', '--json']).code).toBe(0);
  });
});
