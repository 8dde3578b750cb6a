import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { splitShellCommand } from './shellWords.js';

export type RunnerKind = 'vitest' | 'jest' | 'node-test' | 'mocha' | 'pytest' | 'go' | 'cargo';

/** A package-manager script the command went through, and how arguments reach it. */
export interface ScriptLayer {
  /** `npm test`, `pnpm run unit`… as written. */
  shown: string;
  /** npm needs `--` before arguments meant for the script; pnpm and yarn pass them on as they are. */
  needsSeparator: boolean;
}

/** What runs the tests behind a test command, and whether batch can append arguments to it. */
export interface RunnerDetection {
  runner: RunnerKind | null;
  /** The runner's words as they will run (after scripts, npx, env assignments are looked through). */
  words: string[];
  /** Scripts passed through, outermost first. */
  scripts: ScriptLayer[];
  /** Where each command on the way stands in its line, outermost first (the runner's last). */
  positions: ChainPosition[];
  /**
   * Arguments appended to the test command reach the runner: it is the last simple command of
   * every script on the way (joined by `&&` or `;`), with no redirection or substitution.
   */
  appendable: boolean;
  /** Set when the runner's own words are the test command's (no script). */
  direct: boolean;
  /** A direct runner whose simple command has no redirection or substitution: batch can rewrite it in place. */
  rewritable: boolean;
  /** For a direct runner: where its simple command starts and ends in the line, and the words before the runner's. */
  segmentStart: number;
  segmentEnd: number;
  prefixWords: string[];
  /** The runner's words as written (quotes kept), aligned with `words`. */
  rawWords: string[];
}

type Scripts = Record<string, string>;

function readScripts(root: string): Scripts {
  try {
    const json = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts?: unknown };
    const scripts = json.scripts;
    if (typeof scripts !== 'object' || scripts === null) return {};
    return Object.fromEntries(
      Object.entries(scripts).filter((e): e is [string, string] => typeof e[1] === 'string'),
    );
  } catch {
    return {};
  }
}

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
/**
 * Launchers and wrappers that run the command after them: env setters, coverage tools, TypeScript
 * loaders. Their own flags (some with values: `c8 -r lcov`, `dotenv -e .env --`) are skipped up to the
 * first word that starts a runner, a script call or another launcher.
 */
const LAUNCHERS = new Set([
  'npx',
  'bunx',
  'cross-env',
  'env',
  'dotenv',
  'dotenvx',
  'time',
  'nice',
  'exec',
  'c8',
  'nyc',
  'tsx',
  'ts-node',
]);

/** Where the command after a launcher's own flags starts. */
function afterLauncher(rest: string[], scripts: Scripts): number {
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i] as string;
    if (word === '--') return i + 1;
    const tail = rest.slice(i);
    if (ASSIGNMENT.test(word) || LAUNCHERS.has(basename(word))) return i;
    if (runnerOf(tail) !== null || scriptCall(tail, scripts) !== null) return i;
  }
  // No runner follows: drop the flags only, as a shell would read `launcher -x cmd`.
  let i = 0;
  while (rest[i]?.startsWith('-')) i++;
  return i;
}

/** Drops env assignments and launchers (`CI=1 npx cross-env X=1 c8 -r lcov vitest` → `vitest`). */
function stripLaunchers(words: string[], scripts: Scripts): string[] {
  let rest = words;
  for (;;) {
    const [first, second] = rest;
    if (first === undefined) return rest;
    if (ASSIGNMENT.test(first)) rest = rest.slice(1);
    else if (runnerOf(rest) !== null) return rest;
    else if (LAUNCHERS.has(basename(first))) {
      rest = rest.slice(1);
      rest = rest.slice(afterLauncher(rest, scripts));
    } else if ((first === 'pnpm' || first === 'npm') && (second === 'exec' || second === 'dlx')) {
      rest = rest.slice(2);
      if (rest[0] === '--') rest = rest.slice(1);
    } else if (['uv', 'poetry', 'pipenv', 'hatch', 'pdm'].includes(first) && second === 'run') {
      rest = rest.slice(2);
    } else return rest;
  }
}

/** The script a package-manager call runs, if it is one: `npm test`, `npm run x`, `pnpm x`, `yarn run x`. */
function scriptCall(words: string[], scripts: Scripts): { name: string; shown: string; npm: boolean } | null {
  const [pm, sub, arg] = words;
  if (pm === undefined || !['npm', 'pnpm', 'yarn', 'bun'].includes(basename(pm))) return null;
  const tool = basename(pm);
  const shown = (n: number) => words.slice(0, n).join(' ');
  if (sub === 'test' || sub === 't' || sub === 'tst') {
    return scripts.test !== undefined ? { name: 'test', shown: shown(2), npm: tool === 'npm' } : null;
  }
  if ((sub === 'run' || sub === 'run-script') && arg !== undefined) {
    return scripts[arg] !== undefined ? { name: arg, shown: shown(3), npm: tool === 'npm' } : null;
  }
  // pnpm, yarn and bun run a script named directly.
  if (tool !== 'npm' && sub !== undefined && scripts[sub] !== undefined) {
    return { name: sub, shown: shown(2), npm: false };
  }
  return null;
}

/** Which runner these words start, if batch knows it. */
export function runnerOf(words: string[]): RunnerKind | null {
  const [first, second, third] = words;
  if (first === undefined) return null;
  const name = basename(first);
  if (name === 'vitest') return 'vitest';
  if (name === 'jest') return 'jest';
  if (name === 'mocha' || name === '_mocha') return 'mocha';
  if (name === 'pytest' || name === 'py.test') return 'pytest';
  if (/^python[\d.]*$/.test(name) && second === '-m' && third === 'pytest') return 'pytest';
  if (name === 'go' && second === 'test') return 'go';
  if (name === 'cargo' && second === 'test') return 'cargo';
  // tsx takes node's own flags: `tsx --test` is node's runner with TypeScript loaded.
  if (/^(node|nodejs|tsx)$/.test(name)) {
    for (const word of words.slice(1)) {
      if (word === '--test') return 'node-test';
      if (!word.startsWith('-')) break;
    }
  }
  return null;
}

/** Where a command stands in its line: `jest && tsc` has jest at 0 of 2. */
export interface ChainPosition {
  index: number;
  count: number;
}

type Found = Omit<RunnerDetection, 'runner'> & { runner: RunnerKind };

/** The first simple command of `line` that is a runner, or a script leading to one. */
function findRunner(line: string, scripts: Scripts, depth: number): Found | null {
  if (depth > 8) return null;
  const segments = splitShellCommand(line);
  for (const [index, segment] of segments.entries()) {
    const words = stripLaunchers(segment.words, scripts);
    const next = segments[index + 1];
    // Arguments appended to the line land here only in its last command, joined plainly.
    const reachable = next === undefined && !segment.complex && ['', '&&', ';'].includes(segment.joinedBy);
    const at = { index, count: segments.length };
    const script = scriptCall(words, scripts);
    if (script) {
      const inner = findRunner(scripts[script.name] ?? '', scripts, depth + 1);
      if (!inner) continue;
      // Arguments already given to the script call would land before ours: still fine.
      const layer = { shown: script.shown, needsSeparator: script.npm && !words.includes('--') };
      return {
        ...inner,
        scripts: [layer, ...inner.scripts],
        positions: [at, ...inner.positions],
        appendable: reachable && inner.appendable,
        direct: false,
        rewritable: false,
      };
    }
    const runner = runnerOf(words);
    if (runner === null) continue;
    const cut = segment.words.length - words.length;
    return {
      runner,
      words,
      scripts: [],
      positions: [at],
      appendable: reachable,
      direct: true,
      rewritable: !segment.complex,
      segmentStart: segment.start,
      segmentEnd: segment.end,
      prefixWords: segment.raw.slice(0, cut),
      rawWords: segment.raw.slice(cut),
    };
  }
  return null;
}

/**
 * Recognises the runner behind a test command, looking through `npm test` / `npm run X` / `pnpm [run] X`
 * / `yarn [run] X` (package.json scripts, nested), `npx`, env assignments and the wrappers in
 * LAUNCHERS, in any simple command of an `&&` / `;` chain (the first that leads to a runner).
 */
export function detectRunner(testCommand: string, root: string): RunnerDetection {
  return findRunner(testCommand, readScripts(root), 0) ?? unreachable();
}

function unreachable(): RunnerDetection {
  return {
    runner: null,
    words: [],
    scripts: [],
    positions: [],
    appendable: false,
    direct: false,
    rewritable: false,
    segmentStart: 0,
    segmentEnd: 0,
    prefixWords: [],
    rawWords: [],
  };
}
