// Shared helpers for the benchmarks: median timing of a command or function, and a plain table.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

/** Median wall time in ms of `runs` executions of fn (after `warmup` unmeasured ones). */
export async function medianMs(fn, { runs = 15, warmup = 2 } = {}) {
  for (let i = 0; i < warmup; i++) await fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** Runs a command synchronously and throws with its stderr when it fails. */
export function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 28, ...options });
  if (result.status !== 0)
    throw new Error(`${cmd} ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return result.stdout;
}

/** The environment every benchmark child gets: no user git config, fixed identity. */
export function hermeticEnv(home) {
  return {
    ...process.env,
    HOME: home,
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Bench',
    GIT_AUTHOR_EMAIL: 'bench@example.com',
    GIT_COMMITTER_NAME: 'Bench',
    GIT_COMMITTER_EMAIL: 'bench@example.com',
    NO_COLOR: '1',
    TZ: 'UTC',
  };
}

/** Prints rows of [name, measured, reference, ratio, target] as an aligned table. */
export function printTable(title, rows) {
  const header = ['measurement', 'median', 'reference', 'ratio', 'target'];
  const cells = rows.map((r) => [
    r.name,
    `${r.ms.toFixed(1)} ms`,
    r.refName ? `${r.refName} ${r.refMs.toFixed(1)} ms` : '',
    r.refMs ? `${(r.ms / r.refMs).toFixed(2)}x` : '',
    r.target ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c) => c.map((v, i) => v.padEnd(widths[i])).join('  ');
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const c of cells) console.log(line(c));
}

/** A git repository at dir with `files` small modules under src/m0..m19/, committed. */
export function makeSourceRepo(dir, files, env) {
  mkdirSync(dir);
  run('git', ['init', '-q', '-b', 'main'], { cwd: dir, env });
  for (let i = 0; i < files; i++) {
    mkdirSync(join(dir, 'src', `m${i % 20}`), { recursive: true });
    writeFileSync(join(dir, 'src', `m${i % 20}`, `f${i}.js`), `export const v${i} = ${i};\n`);
  }
  run('git', ['add', '-A'], { cwd: dir, env });
  run('git', ['commit', '-q', '-m', 'initial'], { cwd: dir, env });
  return dir;
}
