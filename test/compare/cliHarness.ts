import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const binPath = fileURLToPath(new URL('../../bin/batch.js', import.meta.url));
export const fixturesDir = fileURLToPath(new URL('../fixtures/reports/', import.meta.url));

/** Fails early, with the command to run, when the CLI has not been built. */
export function assertBuilt(): void {
  if (!existsSync(fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url)))) {
    throw new Error('dist/ is missing: run `npx tsc -p tsconfig.build.json` before the end-to-end tests');
  }
}

/** A temp folder (its real path, so paths print the same on macOS) and a function removing it. */
export async function tempDir(prefix: string): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await realpath(await mkdtemp(join(tmpdir(), prefix)));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** The environment of every spawned git and CLI: built from scratch, so nothing of the developer's leaks in. */
export function hermeticEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: home,
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    // No repository above the temp folders may be found: "outside a repository" must stay outside.
    GIT_CEILING_DIRECTORIES: tmpdir(),
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@example.com',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.com',
    GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
    GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
    TZ: 'UTC',
    LC_ALL: 'C',
    NO_COLOR: '1',
    ...extra,
  };
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `bin/batch.js args` in `cwd` and returns its exit code and output. */
export function batch(args: string[], cwd: string, env: NodeJS.ProcessEnv): CliResult {
  const result = spawnSync(process.execPath, [binPath, ...args], { cwd, env, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs git in `cwd`, throwing on failure. */
export function git(args: string[], cwd: string, env: NodeJS.ProcessEnv): string {
  const result = spawnSync('git', args, { cwd, env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

/** The lowercase words of a test's name, so `test_added` and `added test` compare alike. */
export function words(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean),
  );
}

/** True when every word of `phrase` is among the words of the test's name. */
export function named(test: { name: string }, phrase: string): boolean {
  const have = words(test.name);
  return [...words(phrase)].every((w) => have.has(w));
}

/** Which of `phrases` each test matches (one each), to compare lists across runners' naming. */
export function phrasesOf(tests: Array<{ name: string }>, phrases: readonly string[]): string[] {
  return tests.map((t) => phrases.filter((p) => named(t, p)).join('|') || `<unexpected: ${t.name}>`).sort();
}
