import { parseArgs } from 'node:util';
import type { GlobalArgs } from './commandModule.js';

export interface FastRecordArgs extends GlobalArgs {
  paths: string[];
  description: string | undefined;
  'from-commit': string | undefined;
  source: 'manual' | 'hook' | 'watch' | 'api';
}

const SOURCES = ['manual', 'hook', 'watch', 'api'];

/**
 * `batch record` runs after every edit (from hooks, watchers and agents), so a plain invocation skips
 * loading yargs (about 60 ms of start-up) and is parsed by node's own parseArgs. Anything unusual —
 * help, an unknown flag, a bad value — returns null and goes through yargs, which explains it.
 */
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
        cwd: { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        verbose: { type: 'boolean', short: 'v' },
      },
    });
  } catch {
    return null;
  }
  const { values, positionals } = parsed;
  const source = values.source ?? 'manual';
  const fromCommit = values['from-commit'];
  if (!SOURCES.includes(source)) return null;
  if ((positionals.length === 0) === (fromCommit === undefined)) return null;
  return {
    paths: positionals,
    description: values.description,
    'from-commit': fromCommit,
    source: source as FastRecordArgs['source'],
    cwd: values.cwd,
    quiet: values.quiet ?? false,
    verbose: values.verbose ?? false,
  };
}
