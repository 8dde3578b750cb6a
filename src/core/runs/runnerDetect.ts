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
  /**
   * Arguments appended to the test command reach the runner: it is the last simple command of
   * every script on the way (joined by `&&` or `;`), with no redirection or substitution.
   */
  appendable: boolean;
  /** Set when the runner's own words are the test command's (no script): batch can rewrite them. */
  direct: boolean;
  /** For a direct runner: where its simple command starts in the line, and the words before the runner's. */
  segmentStart: number;
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
/** Launchers that run the command after them (their own flags are skipped). */
const LAUNCHERS = new Set(['npx', 'bunx', 'cross-env', 'env', 'dotenv', 'time', 'nice', 'exec']);

/** Drops env assignments and launchers (`CI=1 npx cross-env X=1 vitest` → `vitest`). */
function stripLaunchers(words: string[]): string[] {
  let rest = words;
  for (;;) {
    const [first, second] = rest;
    if (first === undefined) return rest;
    if (ASSIGNMENT.test(first)) rest = rest.slice(1);
    else if (LAUNCHERS.has(basename(first))) {
      rest = rest.slice(1);
      while (rest[0]?.startsWith('-')) rest = rest.slice(rest[0] === '--' ? 1 : 1);
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
  if (/^(node|nodejs)$/.test(name)) {
    for (const word of words.slice(1)) {
      if (word === '--test') return 'node-test';
      if (!word.startsWith('-')) break;
    }
  }
  return null;
}

/**
 * Recognises the runner behind a test command, looking through `npm test` / `npm run X` / `pnpm [run] X`
 * / `yarn [run] X` (package.json scripts, nested), `npx`, env assignments and `cross-env`. Only the
 * last simple command of each script counts: that is where arguments appended to the command land.
 */
export function detectRunner(testCommand: string, root: string): RunnerDetection {
  const scripts = readScripts(root);
  const layers: ScriptLayer[] = [];
  let line = testCommand;
  let appendable = true;
  for (let depth = 0; depth < 8; depth++) {
    const segments = splitShellCommand(line);
    const last = segments[segments.length - 1];
    if (!last) break;
    if (last.complex || !['', '&&', ';'].includes(last.joinedBy)) appendable = false;
    const words = stripLaunchers(last.words);
    const script = scriptCall(words, scripts);
    if (script) {
      // Arguments already given to the script call would land before ours: still fine.
      layers.push({ shown: script.shown, needsSeparator: script.npm && !words.includes('--') });
      line = scripts[script.name] ?? '';
      continue;
    }
    const runner = runnerOf(words);
    if (runner === null) {
      // A runner earlier in the line (`vitest run && echo done`) is found, but cannot be reached.
      const earlier = segments.map((s) => runnerOf(stripLaunchers(s.words))).find((r) => r !== null);
      if (earlier) return { ...unreachable(layers), runner: earlier, words };
    }
    const cut = last.words.length - words.length;
    const direct = layers.length === 0;
    return {
      runner,
      words,
      scripts: layers,
      appendable,
      direct,
      segmentStart: last.start,
      prefixWords: last.raw.slice(0, cut),
      rawWords: last.raw.slice(cut),
    };
  }
  return unreachable(layers);
}

function unreachable(layers: ScriptLayer[]): RunnerDetection {
  return {
    runner: null,
    words: [],
    scripts: layers,
    appendable: false,
    direct: false,
    segmentStart: 0,
    prefixWords: [],
    rawWords: [],
  };
}
