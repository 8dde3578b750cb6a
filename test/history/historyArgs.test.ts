import yargs from 'yargs';
import { describe, expect, it } from 'vitest';
import type { GlobalArgs } from '../../src/cli/commandModule.js';
import { historyCommand } from '../../src/cli/commands/history.js';
import { parseFastHistory } from '../../src/cli/fastPath.js';

const KEYS = ['action', 'test', 'branch', 'since', 'limit', 'local', 'json', 'cwd', 'quiet', 'verbose'];

/** What yargs hands `batch history`'s handler for argv (with main.ts's global options). */
function viaYargs(argv: string[]): Record<string, unknown> {
  let handed: Record<string, unknown> = {};
  const cli = yargs(argv)
    .option('cwd', { type: 'string', global: true })
    .option('quiet', { alias: 'q', type: 'boolean', default: false, global: true })
    .option('verbose', { alias: 'v', type: 'boolean', default: false, global: true })
    .strict()
    .fail((message: string) => {
      throw new Error(message);
    }) as unknown as import('yargs').Argv<GlobalArgs>;
  cli.command({
    command: historyCommand.command,
    describe: false,
    builder: historyCommand.builder,
    handler: (args) => {
      handed = args;
    },
  });
  cli.parseSync();
  return pick(handed);
}

function pick(args: object): Record<string, unknown> {
  const entries = Object.entries(args).filter(([k, v]) => KEYS.includes(k) && v !== undefined);
  return Object.fromEntries(entries);
}

describe('batch history parsed without yargs', () => {
  it.each([
    [['history']],
    [['history', '--test', 'src/a.test.ts::adds > one']],
    [['history', '--test=*login*', '--json']],
    [['history', '--branch', 'main', '--since', '7d', '--limit', '5', '--local']],
    [['history', '--limit=0', '-q']],
    [['history', 'push', '-v', '--cwd', '/tmp']],
  ])('%j gives the handler what yargs gives it', (argv) => {
    const fast = parseFastHistory(argv);
    expect(fast).not.toBeNull();
    expect(pick(fast ?? {})).toEqual(viaYargs(argv));
  });

  it.each([
    [['history', '--help']],
    [['history', '--limit', 'many']],
    [['history', '--limit', '-3']],
    [['history', '--no-json']],
    [['history', '--tset', 'x']],
    [['history', 'pull']],
    [['history', 'push', 'now']],
    [['history', '--test']],
    [['history', '--json', '--test', '--looks-like-a-flag']],
    [['flaky']],
  ])('%j is left to yargs, which explains it', (argv) => {
    expect(parseFastHistory(argv)).toBeNull();
  });
});
