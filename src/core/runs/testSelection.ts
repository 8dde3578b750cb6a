import type { RunnerKind } from './runnerDetect.js';

/** A test to select by name: its own name, the describe blocks around it, its file. */
export interface NamedTest {
  name: string;
  suite: string;
  file: string | null;
}

/** How a runner is told to run only some tests by name: arguments, or positional node ids (pytest). */
export interface NameSelection {
  /** Arguments appended to the runner's command (after the report options). */
  append: string[];
  /** Arguments that go right after node's `--test` (or into NODE_OPTIONS behind a script). */
  nodeArgs: string[];
  /** pytest node ids, which replace the file arguments. */
  replacesFiles: string[] | null;
}

const NONE: NameSelection = { append: [], nodeArgs: [], replacesFiles: null };

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** One regular expression that matches any of the names (each taken literally). */
function anyOf(names: readonly string[]): string {
  const unique = [...new Set(names)].map(escapeRegExp);
  return unique.length === 1 ? (unique[0] ?? '') : `(${unique.join('|')})`;
}

/** go's -run takes one pattern per level (`TestA/sub`): the top-level test names, anchored. */
function goPattern(tests: readonly NamedTest[]): string {
  const top = tests.map((t) => (t.suite ? t.suite.split(' > ')[0] : t.name.split('/')[0]) ?? t.name);
  return `^${anyOf(top)}$`;
}

/** The classes around a pytest test: JUnit names them `pkg.module.Class` (or `Class > Inner`). */
function pytestClasses(file: string, suite: string): string[] {
  const module = file.replace(/\.py$/, '').split('/').join('.');
  let rest = suite;
  if (rest === module) return [];
  if (rest.startsWith(`${module}.`)) rest = rest.slice(module.length + 1);
  return rest ? rest.split(/ > |\./) : [];
}

function pytestIds(tests: readonly NamedTest[]): string[] | null {
  if (tests.some((t) => t.file === null)) return null;
  // Parametrised names (`test_x[1]`) are node ids too.
  return [...new Set(tests.map((t) => [t.file, ...pytestClasses(t.file ?? '', t.suite), t.name].join('::')))];
}

/**
 * The runner's own way to run only the named tests: vitest and jest `-t`, mocha `--grep`,
 * `node --test --test-name-pattern`, go `-run`, cargo's filter, pytest node ids. Names match
 * literally (regular expression characters escaped); a runner without one gets none (files only).
 */
export function selectByName(runner: RunnerKind | null, tests: readonly NamedTest[]): NameSelection {
  if (tests.length === 0 || runner === null) return NONE;
  const names = tests.map((t) => t.name);
  switch (runner) {
    case 'vitest':
    case 'jest':
      return { ...NONE, append: ['-t', anyOf(names)] };
    case 'mocha':
      return { ...NONE, append: ['--grep', anyOf(names)] };
    case 'node-test':
      return { ...NONE, nodeArgs: [`--test-name-pattern=${anyOf(names)}`] };
    case 'go':
      return { ...NONE, append: ['-run', goPattern(tests)] };
    case 'cargo':
      return { ...NONE, append: ['--', ...new Set(names)] };
    case 'pytest':
      return { ...NONE, replacesFiles: pytestIds(tests) };
  }
}
