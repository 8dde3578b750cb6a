import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { GlobalArgs } from './commandModule.js';

export interface FastRecordArgs extends GlobalArgs {
  paths: string[];
  description: string | undefined;
  'from-commit': string | undefined;
  source: 'manual' | 'hook' | 'watch' | 'api' | 'agent' | 'shell';
  'stdin-json': boolean;
  agent: string | undefined;
}

const SOURCES = ['manual', 'hook', 'watch', 'api', 'agent', 'shell'];

export interface FastTestArgs extends GlobalArgs {
  pattern: string | undefined;
  json: boolean;
}

const GLOBAL_OPTIONS = {
  cwd: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  verbose: { type: 'boolean', short: 'v' },
} as const;

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * argv after `command`, parsed strictly with the command's options and the global ones; null when it
 * is another command or parseArgs refuses it (an unknown flag, a value missing or looking like a flag).
 */
function parseStrict<O extends Options>(argv: string[], command: string, options: O) {
  if (argv[0] !== command) return null;
  try {
    const { values, positionals } = parseArgs({
      args: argv.slice(1),
      allowPositionals: true,
      strict: true,
      options: { ...options, ...GLOBAL_OPTIONS },
    });
    // the generic's values are only known at each call; the global ones are these
    const global = values as { cwd?: string; quiet?: boolean; verbose?: boolean };
    const globals: GlobalArgs = {
      cwd: global.cwd,
      quiet: global.quiet ?? false,
      verbose: global.verbose ?? false,
    };
    return { values, positionals, globals };
  } catch {
    return null;
  }
}

/**
 * `batch record` runs after every edit (from hooks, watchers and agents) and `batch test` is timed
 * against the bare test command, so plain invocations of those two skip loading yargs (about 60 ms of
 * start-up) and are parsed by node's own parseArgs. Anything unusual — help, an unknown flag, a bad
 * value — returns null and goes through yargs, which explains it.
 */
export function parseFastTest(argv: string[]): FastTestArgs | null {
  const parsed = parseStrict(argv, 'test', {
    pattern: { type: 'string', short: 'p' },
    json: { type: 'boolean' },
  });
  if (!parsed || parsed.positionals.length > 0) return null;
  const { values, globals } = parsed;
  return { pattern: values.pattern, json: values.json ?? false, ...globals };
}

/** See parseFastTest: the same for `batch record`. */
export function parseFastRecord(argv: string[]): FastRecordArgs | null {
  const parsed = parseStrict(argv, 'record', {
    description: { type: 'string', short: 'd' },
    'from-commit': { type: 'string' },
    source: { type: 'string' },
    'stdin-json': { type: 'boolean' },
    agent: { type: 'string' },
  });
  if (!parsed) return null;
  const { values, positionals, globals } = parsed;
  const source = values.source ?? 'manual';
  const fromCommit = values['from-commit'];
  const stdinJson = values['stdin-json'] ?? false;
  if (!SOURCES.includes(source)) return null;
  if (
    stdinJson
      ? positionals.length > 0 || fromCommit !== undefined
      : (positionals.length === 0) === (fromCommit === undefined)
  )
    return null;
  return {
    paths: positionals,
    description: values.description,
    'from-commit': fromCommit,
    source: source as FastRecordArgs['source'],
    'stdin-json': stdinJson,
    agent: values.agent,
    ...globals,
  };
}

export interface FastHookRunArgs extends GlobalArgs {
  event: string;
  kind: string | undefined;
  worker: boolean;
  'dry-run': boolean;
}

/** See parseFastTest: the same for `batch hook-run`, which the installed git hooks call on every commit. */
export function parseFastHookRun(argv: string[]): FastHookRunArgs | null {
  const parsed = parseStrict(argv, 'hook-run', {
    worker: { type: 'boolean' },
    'dry-run': { type: 'boolean' },
  });
  if (!parsed) return null;
  const { values, positionals, globals } = parsed;
  const [event, kind, ...rest] = positionals;
  if (event === undefined || rest.length > 0) return null;
  return { event, kind, worker: values.worker ?? false, 'dry-run': values['dry-run'] ?? false, ...globals };
}

/** How many runs `batch history` shows without --limit. */
export const HISTORY_LIMIT = 20;

export interface FastHistoryArgs extends GlobalArgs {
  action: 'push' | undefined;
  test: string | undefined;
  branch: string | undefined;
  since: string | undefined;
  limit: number;
  local: boolean;
  json: boolean;
}

/**
 * See parseFastTest: the same for `batch history`, which a user (or an agent) asks about one test
 * again and again. A `--limit` that is not digits goes through yargs; the command checks the number.
 */
export function parseFastHistory(argv: string[]): FastHistoryArgs | null {
  const parsed = parseStrict(argv, 'history', {
    test: { type: 'string' },
    branch: { type: 'string' },
    since: { type: 'string' },
    limit: { type: 'string' },
    local: { type: 'boolean' },
    json: { type: 'boolean' },
  });
  if (!parsed) return null;
  const { values, positionals, globals } = parsed;
  const [action, ...rest] = positionals;
  if ((action !== undefined && action !== 'push') || rest.length > 0) return null;
  const limit = values.limit ?? String(HISTORY_LIMIT);
  if (!/^\d+$/.test(limit)) return null;
  return {
    action,
    test: values.test,
    branch: values.branch,
    since: values.since,
    limit: Number(limit),
    local: values.local ?? false,
    json: values.json ?? false,
    ...globals,
  };
}
