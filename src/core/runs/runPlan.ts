import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ReportFormat } from '../reports/index.js';
import { detectRunner, type RunnerDetection, type RunnerKind } from './runnerDetect.js';
import { shellQuote } from './shellWords.js';
import { selectByName, type NamedTest } from './testSelection.js';

/** How batch runs the test command and where it reads the results. */
export interface RunPlan {
  runner: RunnerKind | null;
  /** How the runner was found, for --verbose and the report: `npm test → vitest run`. */
  via: string;
  /** The command line actually run. */
  command: string;
  /** Extra environment for it (NODE_OPTIONS for node --test behind a script). */
  env: Record<string, string>;
  /** The report batch asked the runner to write (absolute path), or null. */
  report: { format: ReportFormat; path: string } | null;
  /** The runner's stdout is its report (go test -json): written to `report.path`, shown as text. */
  stdoutIsReport: boolean;
  /** Why no report was asked for, when none was. */
  noReportReason: string | null;
  /** False when files were asked for but could not be passed to the runner. */
  narrowed: boolean;
  /** True when test names were asked for and passed to the runner (its own selection). */
  namesNarrowed: boolean;
}

export interface PlanOptions {
  root: string;
  /** Absolute path without extension for the report batch owns: `.batch/reports/raw/run-<id>`. */
  reportBase: string;
  /** Absolute path of batch's node:test reporter module. */
  nodeReporter: string;
  /** Test files (or go packages) to narrow the run to, relative to root; empty: all. */
  files: string[];
  /** The user's NODE_OPTIONS, extended for node --test behind a script. */
  nodeOptions: string | undefined;
  /** Absolute path of batch's preload for jest and mocha (dist/reporters/runnerPreload.cjs). */
  runnerPreload: string;
  /** The folder of batch's pytest plugin (marks xpasses in the JUnit report); absent: not loaded. */
  pytestPlugin?: string;
  /** The user's PYTHONPATH, extended with the plugin's folder. */
  pythonPath?: string | undefined;
  /** The user's PYTEST_ADDOPTS, extended for pytest where arguments cannot reach it. */
  pytestAddopts?: string | undefined;
  /** False when `.batchrc` names the report itself: the command then runs as written. */
  inject?: boolean;
  /** Tests to narrow the run to by name, where the runner takes names (see testSelection.ts). */
  names?: readonly NamedTest[];
  /** Another path to `root` outside git's directory, where jest looks for the tests (see jestRoots). */
  rootAlias?: string;
}

const EXTENSION: Record<ReportFormat, string> = {
  'vitest-json': 'json',
  'jest-json': 'json',
  'mocha-json': 'json',
  'node-test': 'jsonl',
  'go-json': 'jsonl',
  junit: 'xml',
  tap: 'tap',
  stdout: 'txt',
};

/** Report format each runner is asked for (cargo has none on a stable toolchain). */
const FORMAT: Record<RunnerKind, ReportFormat | null> = {
  vitest: 'vitest-json',
  jest: 'jest-json',
  mocha: 'mocha-json',
  pytest: 'junit',
  'node-test': 'node-test',
  go: 'go-json',
  cargo: null,
};

interface Injection {
  /** Arguments appended at the end of the runner's command. */
  append: string[];
  /** Arguments that must come right after a word of the runner (node's `--test`, go's `test`). */
  after?: { word: string; args: string[] };
}

function countFlag(words: string[], flag: string): number {
  return words.filter((w) => w === flag || w.startsWith(`${flag}=`)).length;
}

function nodeReporterArgs(words: string[], nodeReporter: string, path: string): string[] {
  const userReporters = countFlag(words, '--test-reporter');
  const userDestinations = countFlag(words, '--test-reporter-destination');
  const ours = [`--test-reporter=${nodeReporter}`, `--test-reporter-destination=${path}`];
  if (userReporters === 0) return ['--test-reporter=spec', '--test-reporter-destination=stdout', ...ours];
  // Reporters pair with destinations by position: the user's unpaired reporters keep stdout.
  const fill = Array.from(
    { length: Math.max(0, userReporters - userDestinations) },
    () => '--test-reporter-destination=stdout',
  );
  return [...ours, ...fill];
}

function injectionFor(
  runner: RunnerKind,
  words: string[],
  path: string,
  nodeReporter: string,
  pytestPlugin: boolean,
): Injection {
  switch (runner) {
    case 'vitest':
      return {
        append: [
          ...(countFlag(words, '--reporter') > 0 ? [] : ['--reporter=default']),
          '--reporter=json',
          `--outputFile.json=${path}`,
          '--includeTaskLocation',
        ],
      };
    case 'jest':
    case 'mocha':
      // Through the preload (PRELOADED): nothing is added to the command line the tests see.
      return { append: [] };
    case 'pytest':
      // xunit1 keeps file and line on every test case (xunit2, pytest's default, drops them).
      return {
        append: [
          `--junitxml=${path}`,
          '-o',
          'junit_family=xunit1',
          ...(pytestPlugin ? ['-p', 'batch_pytest'] : []),
        ],
      };
    case 'node-test':
      return { append: [], after: { word: '--test', args: nodeReporterArgs(words, nodeReporter, path) } };
    case 'go':
      return { append: [], after: { word: 'test', args: ['-json'] } };
    case 'cargo':
      return { append: [] };
  }
}

/** Flags of the runners that take no value: a path after them is a positional argument. */
const BOOLEAN_FLAGS = new Set([
  '--test',
  '--run',
  'run',
  'test',
  '-q',
  '-v',
  '-x',
  '-s',
  '--verbose',
  '--ci',
  '-race',
]);

/** Whether the runner's word at `i` is a path it was told to run (replaced by `-p`'s files). */
function isPathArgument(words: string[], i: number, root: string): boolean {
  const word = words[i] as string;
  if (i === 0 || word.startsWith('-') || word === 'pytest' || word === 'test' || word === 'run') return false;
  const previous = words[i - 1] as string;
  if (previous.startsWith('-') && !previous.includes('=') && !BOOLEAN_FLAGS.has(previous)) return false;
  return /[/*]|\.\w+$|^\.{1,2}$/.test(word) || existsSync(join(root, word));
}

function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix.length === 2 ? suffix : 'th'}`;
}

/** How the runner was found: `npm test → jest (1st of 2 commands)`. */
function via(detection: RunnerDetection, testCommand: string): string {
  const parts = [...detection.scripts.map((s) => s.shown), detection.words.join(' ')];
  const shown = parts.map((part, i) => {
    const at = detection.positions[i];
    return at && at.count > 1 ? `${part} (${ordinal(at.index + 1)} of ${at.count} commands)` : part;
  });
  if (detection.scripts.length === 0) {
    return detection.positions[0]?.count === 1 || shown[0] === undefined ? testCommand : shown[0];
  }
  return shown.join(' → ');
}

/** NODE_OPTIONS quoting: double quotes around values with spaces. */
function nodeOptionQuote(word: string): string {
  return /[\s"\\]/.test(word) ? `"${word.replace(/(["\\])/g, '\\$1')}"` : word;
}

/** Runners whose report batch asks for from inside their process (reporters/runnerPreload.cts). */
const PRELOADED = new Set<RunnerKind>(['jest', 'mocha']);

/** NODE_OPTIONS with one more option, the user's own kept first. */
function withNodeOption(nodeOptions: string | undefined, args: string[]): string {
  return [nodeOptions ?? '', ...args.map(nodeOptionQuote)].filter(Boolean).join(' ');
}

/**
 * The environment that asks a runner for its report where no argument can reach it: the preload for
 * jest and mocha (it puts NODE_OPTIONS back before the tests start), node's reporters in NODE_OPTIONS,
 * pytest's in PYTEST_ADDOPTS. Null when the runner takes its report only from arguments.
 */
function reportEnv(
  runner: RunnerKind,
  injection: Injection,
  path: string,
  options: PlanOptions,
): Record<string, string> | null {
  if (PRELOADED.has(runner)) {
    const request = { runner, path, nodeOptions: options.nodeOptions ?? null };
    return {
      NODE_OPTIONS: withNodeOption(options.nodeOptions, ['--require', options.runnerPreload]),
      BATCH_REPORT: JSON.stringify(request),
    };
  }
  if (runner === 'node-test' && injection.after) {
    // Behind a script node's options must not follow its file arguments: NODE_OPTIONS carries them.
    return { NODE_OPTIONS: withNodeOption(options.nodeOptions, injection.after.args) };
  }
  if (runner === 'pytest') {
    const addopts = [options.pytestAddopts ?? '', ...injection.append.map(shellQuote)];
    return { PYTEST_ADDOPTS: addopts.filter(Boolean).join(' ') };
  }
  return null;
}

/** The direct runner's simple command rebuilt in place: its words as written, ours quoted, the rest of the line kept. */
function rewriteInPlace(
  testCommand: string,
  detection: RunnerDetection,
  injection: Injection,
  options: PlanOptions,
): string {
  const ours = (args: string[]) => args.map(shellQuote);
  const words: string[] = [];
  let inserted = false;
  detection.words.forEach((word, i) => {
    if (options.files.length > 0 && isPathArgument(detection.words, i, options.root)) return;
    words.push(detection.rawWords[i] ?? shellQuote(word));
    if (injection.after && word === injection.after.word && !inserted) {
      words.push(...ours(injection.after.args));
      inserted = true;
    }
  });
  const rebuilt = [...detection.prefixWords, ...words, ...ours(injection.append), ...ours(options.files)];
  const head = testCommand.slice(0, detection.segmentStart);
  return `${head}${rebuilt.join(' ')}${testCommand.slice(detection.segmentEnd)}`;
}

/**
 * jest leaves out every file whose path has a `.git/` in it, so in the culprit search's scratch worktree
 * (under git's directory) it would find no test at all: there it looks for them through the alias.
 * `--roots` takes several values, so a flag follows it: the name filter, or a harmless one.
 */
function jestRoots(runner: RunnerKind | null, alias: string | undefined): string[] {
  return runner === 'jest' && alias ? [`--roots=${alias}`, '--testLocationInResults'] : [];
}

/**
 * Plans a run: recognises the runner behind `testCommand` (in any command of a chain, behind scripts
 * and wrappers) and adds what makes it also write a machine-readable report into `reportBase.<ext>`
 * while keeping its usual terminal output, plus the files to narrow the run to. jest and mocha are
 * asked from inside their process, so their tests see the command line as the user wrote it. An
 * unrecognised runner (or one batch cannot reach) runs as written; its results then come from
 * `report` in .batchrc, the terminal output, or the exit code.
 */
export function planRun(testCommand: string, options: PlanOptions): RunPlan {
  const detection = detectRunner(testCommand, options.root);
  const shown = via(detection, testCommand);
  const { runner } = detection;
  const base = {
    runner,
    via: shown,
    env: {} as Record<string, string>,
    stdoutIsReport: false,
    narrowed: true,
    namesNarrowed: false,
  };
  const format = runner ? FORMAT[runner] : null;
  const path = format ? `${options.reportBase}.${EXTENSION[format]}` : '';
  const plugin = options.pytestPlugin !== undefined;
  const injection = runner ? injectionFor(runner, detection.words, path, options.nodeReporter, plugin) : null;
  const byArgs = detection.rewritable || detection.appendable;
  const useEnv =
    runner !== null &&
    (PRELOADED.has(runner) || (!detection.rewritable && (runner === 'node-test' || !detection.appendable)));
  const byEnv = runner && injection && useEnv ? reportEnv(runner, injection, path, options) : null;
  // Names reach the runner as arguments (vitest/jest -t, mocha --grep, go -run, cargo's filter, pytest
  // node ids in place of files); node's --test-name-pattern must precede its files and NODE_OPTIONS
  // refuses it, so it goes only where batch rewrites node's own command line.
  const selection = selectByName(runner, options.names ?? []);
  if (selection.replacesFiles) options = { ...options, files: selection.replacesFiles };
  const nodeArgs = detection.rewritable && !byEnv ? selection.nodeArgs : [];
  const narrowArgs = [...jestRoots(runner, options.rootAlias), ...selection.append];
  if (injection) injection.append.push(...narrowArgs);
  if (injection?.after) injection.after.args.push(...nodeArgs);
  base.namesNarrowed =
    byArgs && (selection.append.length + nodeArgs.length > 0 || selection.replacesFiles !== null);
  const withFiles = () =>
    detection.rewritable
      ? rewriteInPlace(testCommand, detection, { append: narrowArgs }, options)
      : appendArgs(testCommand, detection, [...narrowArgs, ...options.files]);
  const narrowed = options.files.length === 0 || byArgs;
  if (runner === null || injection === null || options.inject === false || (!byArgs && !byEnv)) {
    const reason =
      options.inject === false
        ? 'the report named in .batchrc is read'
        : runner === null
          ? 'the runner was not recognised'
          : `${runner} is not the last command of ${shown}, so batch cannot add a reporter to it`;
    const command = byArgs && runner !== null ? withFiles() : testCommand;
    return { ...base, command, narrowed, report: null, noReportReason: reason };
  }
  const report = format ? { format, path } : null;
  const noReportReason = format
    ? null
    : `${runner} writes no report on a stable toolchain: its output is read`;
  const planned = { ...base, stdoutIsReport: runner === 'go', narrowed, report, noReportReason };
  if (runner === 'pytest' && options.pytestPlugin !== undefined) {
    // The plugin's folder goes on PYTHONPATH so that `-p batch_pytest` finds it.
    const pythonPath = [options.pytestPlugin, options.pythonPath ?? ''].filter(Boolean).join(':');
    planned.env = { ...planned.env, PYTHONPATH: pythonPath };
  }
  if (byEnv)
    return { ...planned, env: { ...planned.env, ...byEnv }, command: byArgs ? withFiles() : testCommand };
  if (detection.rewritable) {
    return { ...planned, command: rewriteInPlace(testCommand, detection, injection, options) };
  }
  // go test accepts its flags after the packages too.
  const append = [...(injection.after?.args ?? []), ...injection.append];
  return { ...planned, command: appendArgs(testCommand, detection, [...append, ...options.files]) };
}

/** The test command with arguments that reach the runner through its scripts (a `--` per npm layer). */
function appendArgs(testCommand: string, detection: RunnerDetection, args: string[]): string {
  if (args.length === 0) return testCommand;
  const separators = detection.scripts.filter((s) => s.needsSeparator).map(() => '--');
  return `${testCommand} ${[...separators, ...args.map(shellQuote)].join(' ')}`;
}
