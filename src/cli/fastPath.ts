import { parseArgs } from 'node:util';
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

/**
 * `batch record` runs after every edit (from hooks, watchers and agents) and `batch test` is timed
 * against the bare test command, so plain invocations of those two skip loading yargs (about 60 ms of
 * start-up) and are parsed by node's own parseArgs. Anything unusual — help, an unknown flag, a bad
 * value — returns null and goes through yargs, which explains it.
 */
export function parseFastTest(argv: string[]): FastTestArgs | null {
  if (argv[0] !== 'test') return null;
  try {
    const { values, positionals } = parseArgs({
      args: argv.slice(1),
      allowPositionals: true,
      strict: true,
      options: { pattern: { type: 'string', short: 'p' }, json: { type: 'boolean' }, ...GLOBAL_OPTIONS },
    });
    if (positionals.length > 0) return null;
    return {
      pattern: values.pattern,
      json: values.json ?? false,
      cwd: values.cwd,
      quiet: values.quiet ?? false,
      verbose: values.verbose ?? false,
    };
  } catch {
    return null;
  }
}

/** See parseFastTest: the same for `batch record`. */
export function parseFastRecord(argv: string[]): FastRecordArgs | null {
  if (argv[0] !== 'record') return null;
  let parsed;
  try {
    parsed = parseArgs({
      args: argv.slice(1),
      allowPositionals: true,
      strict: true,
      options: {
        description: { type: 'string', short: 'd' },
        'from-commit': { type: 'string' },
        source: { type: 'string' },
        'stdin-json': { type: 'boolean' },
        agent: { type: 'string' },
        ...GLOBAL_OPTIONS,
      },
    });
  } catch {
    return null;
  }
  const { values, positionals } = parsed;
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
    cwd: values.cwd,
    quiet: values.quiet ?? false,
    verbose: values.verbose ?? false,
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
  if (argv[0] !== 'hook-run') return null;
  try {
    const { values, positionals } = parseArgs({
      args: argv.slice(1),
      allowPositionals: true,
      strict: true,
      options: { worker: { type: 'boolean' }, 'dry-run': { type: 'boolean' }, ...GLOBAL_OPTIONS },
    });
    const [event, kind, ...rest] = positionals;
    if (event === undefined || rest.length > 0) return null;
    return {
      event,
      kind,
      worker: values.worker ?? false,
      'dry-run': values['dry-run'] ?? false,
      cwd: values.cwd,
      quiet: values.quiet ?? false,
      verbose: values.verbose ?? false,
    };
  } catch {
    return null;
  }
}
