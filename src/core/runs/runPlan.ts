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
  /** False when `.batchrc` names the report itself: the command then runs as written. */
  inject?: boolean;
  /** Tests to narrow the run to by name, where the runner takes names (see testSelection.ts). */
  names?: readonly NamedTest[];
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

function injectionFor(runner: RunnerKind, words: string[], path: string, nodeReporter: string): Injection {
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
      return { append: ['--json', `--outputFile=${path}`, '--testLocationInResults'] };
    case 'mocha':
      // mocha runs one reporter: its JSON reporter writes the file and nothing to the terminal, so
      // batch prints the failures and the counts itself afterwards.
      return { append: ['--reporter', 'json', '--reporter-option', `output=${path}`] };
    case 'pytest':
      // xunit1 keeps file and line on every test case (xunit2, pytest's default, drops them).
      return { append: [`--junitxml=${path}`, '-o', 'junit_family=xunit1'] };
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

function via(detection: RunnerDetection, testCommand: string): string {
  if (detection.scripts.length === 0) return testCommand;
  return [...detection.scripts.map((s) => s.shown), detection.words.join(' ')].join(' → ');
}

/** NODE_OPTIONS quoting: double quotes around values with spaces. */
function nodeOptionQuote(word: string): string {
  return /[\s"\\]/.test(word) ? `"${word.replace(/(["\\])/g, '\\$1')}"` : word;
}

/**
 * Plans a run: recognises the runner behind `testCommand` and adds what makes it also write a
 * machine-readable report into `reportBase.<ext>` while keeping its usual terminal output, plus the
 * files to narrow the run to. An unrecognised runner (or one batch cannot reach) runs as written; its
 * results then come from `report` in .batchrc, the terminal output, or the exit code.
 */
export function planRun(testCommand: string, options: PlanOptions): RunPlan {
  const detection = detectRunner(testCommand, options.root);
  const shown = via(detection, testCommand);
  const base = {
    runner: detection.runner,
    via: shown,
    env: {},
    stdoutIsReport: detection.runner === 'go',
    narrowed: true,
    namesNarrowed: false,
  };
  const { runner } = detection;
  if (runner === null || !detection.appendable || options.inject === false) {
    const reason =
      options.inject === false
        ? 'the report named in .batchrc is read'
        : runner === null
          ? 'the runner was not recognised'
          : `${runner} is not the last command of ${shown}, so batch cannot add a reporter to it`;
    const command = detection.appendable ? appendArgs(testCommand, detection, options.files) : testCommand;
    const narrowed = options.files.length === 0 || detection.appendable;
    return { ...base, stdoutIsReport: false, command, narrowed, report: null, noReportReason: reason };
  }
  const format = FORMAT[runner];
  const path = format ? `${options.reportBase}.${EXTENSION[format]}` : '';
  const injection = injectionFor(runner, detection.words, path, options.nodeReporter);
  const selection = selectByName(runner, options.names ?? []);
  injection.append.push(...selection.append);
  // node's options must precede its files, and NODE_OPTIONS refuses --test-name-pattern: names
  // reach node --test only when batch writes its command line itself.
  const nodeArgs = detection.direct ? selection.nodeArgs : [];
  if (injection.after) injection.after.args.push(...nodeArgs);
  if (selection.replacesFiles) options = { ...options, files: selection.replacesFiles };
  base.namesNarrowed = selection.append.length + nodeArgs.length > 0 || selection.replacesFiles !== null;
  const report = format ? { format, path } : null;
  const noReportReason = format
    ? null
    : `${runner} writes no report on a stable toolchain: its output is read`;
  if (detection.direct) {
    // The runner's own simple command is rewritten from its words (it has no quoting surprises).
    // The runner's simple command is rebuilt: its own words as written, ours quoted.
    const ours = (args: string[]) => args.map(shellQuote);
    let words: string[] = [];
    detection.words.forEach((word, i) => {
      if (options.files.length > 0 && isPathArgument(detection.words, i, options.root)) return;
      words.push(detection.rawWords[i] ?? shellQuote(word));
      if (injection.after && word === injection.after.word && !words.includes('\0')) {
        words.push(...ours(injection.after.args), '\0');
      }
    });
    words = words.filter((w) => w !== '\0');
    words = [...detection.prefixWords, ...words, ...ours(injection.append), ...ours(options.files)];
    const command = `${testCommand.slice(0, detection.segmentStart)}${words.join(' ')}`;
    return { ...base, command, report, noReportReason };
  }
  let env: Record<string, string> = {};
  let append = injection.append;
  if (injection.after && runner === 'node-test') {
    // Behind a script node's options must not follow its file arguments: NODE_OPTIONS carries them.
    env = {
      NODE_OPTIONS: [options.nodeOptions ?? '', ...injection.after.args.map(nodeOptionQuote)]
        .filter(Boolean)
        .join(' '),
    };
  } else if (injection.after) {
    append = [...injection.after.args, ...append]; // go test accepts its flags after the packages too
  }
  return {
    ...base,
    env,
    command: appendArgs(testCommand, detection, [...append, ...options.files]),
    report,
    noReportReason,
  };
}

/** The test command with arguments that reach the runner through its scripts (a `--` per npm layer). */
function appendArgs(testCommand: string, detection: RunnerDetection, args: string[]): string {
  if (args.length === 0) return testCommand;
  const separators = detection.scripts.filter((s) => s.needsSeparator).map(() => '--');
  return `${testCommand} ${[...separators, ...args.map(shellQuote)].join(' ')}`;
}
