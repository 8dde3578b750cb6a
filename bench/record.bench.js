// `batch record` of one changed file: against `node -e 0`, with 1,000 batches of history against a fresh
// repository, and in a 50,000-file repository against a 100-file one beside `git status` there.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hermeticEnv, medianMs, printTable, run } from './lib.js';

const bin = fileURLToPath(new URL('../bin/batch.js', import.meta.url));
const base = mkdtempSync(join(tmpdir(), 'batch-bench-record-'));
const env = hermeticEnv(base);

function makeRepo(name, files) {
  const dir = join(base, name);
  mkdirSync(dir);
  run('git', ['init', '-q', '-b', 'main'], { cwd: dir, env });
  for (let i = 0; i < files; i++) {
    const sub = join(dir, `d${Math.floor(i / 500)}`);
    if (i % 500 === 0) mkdirSync(sub);
    writeFileSync(join(sub, `f${i}.txt`), `file ${i}\n`);
  }
  run('git', ['add', '-A'], { cwd: dir, env });
  run('git', ['commit', '-q', '-m', 'initial'], { cwd: dir, env });
  run(process.execPath, [bin, 'init', '--batch-size', '5'], { cwd: dir, env });
  return dir;
}

/** Times `batch record` of one file whose content changes before every call. */
async function timeRecord(dir) {
  let n = 0;
  return medianMs(() => {
    writeFileSync(join(dir, 'edited.txt'), `edit ${n++}\n`);
    run(process.execPath, [bin, 'record', 'edited.txt'], { cwd: dir, env });
  });
}

/** Builds 1,000 completed batches (batch size 1) through the programmatic API, in one process. */
async function buildHistory(dir) {
  const api = await import('../dist/index.js');
  // batch size 1 for the build, then the file exactly as init wrote it: a .batchrc left different from
  // the recorded one would be an unrecorded change, which every later record carries (4 git commands)
  const config = readFileSync(join(dir, '.batchrc'));
  writeFileSync(join(dir, '.batchrc'), JSON.stringify({ batchSize: 1 }));
  const ctx = await api.openContext({ cwd: dir, env });
  for (let i = 0; i < 1000; i++) {
    writeFileSync(join(dir, 'history.txt'), `history ${i}\n`);
    await api.recordEdits(ctx, { paths: ['history.txt'], source: 'api' });
  }
  writeFileSync(join(dir, '.batchrc'), config);
}

try {
  const small = makeRepo('small', 100);
  const history = makeRepo('history', 100);
  const large = makeRepo('large', 50_000);
  const node = await medianMs(() => run(process.execPath, ['-e', '0']));
  const fresh = await timeRecord(small);
  await buildHistory(history);
  const withHistory = await timeRecord(history);
  const big = await timeRecord(large);
  const status = await medianMs(() => run('git', ['status', '--porcelain'], { cwd: large, env }));
  printTable('batch record of one changed file (median)', [
    { name: 'record, 100-file repo', ms: fresh, refName: 'node -e 0', refMs: node, target: '<= 3x' },
    {
      name: 'record, 1,000 batches of history',
      ms: withHistory,
      refName: 'fresh repo',
      refMs: fresh,
      target: '<= 1.2x',
    },
    {
      name: 'record, 50,000-file repo',
      ms: big,
      refName: '100-file + 2x git status',
      refMs: fresh + 2 * status,
      target: '<= 1x',
    },
    { name: 'git status, 50,000-file repo', ms: status },
  ]);
} finally {
  rmSync(base, { recursive: true, force: true });
}
