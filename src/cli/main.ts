import { readFileSync } from 'node:fs';
import type { Argv } from 'yargs';
import { BatchError, ExitCode } from '../core/context/errors.js';
import { messages } from '../output/messages.js';
import { Printer, wantsColor } from '../output/printer.js';
import type { BatchCommand, GlobalArgs } from './commandModule.js';
import { recordCommand } from './commands/record.js';
import { parseFastHistory, parseFastHookRun, parseFastRecord, parseFastTest } from './fastPath.js';
import { provideRollbackRecovery } from '../core/rollback/rollbackRecoveryProvider.js';
import { provideRunHistory, triggerFor } from '../core/history/runHistoryProvider.js';
import { prepareSqlite, sqliteEngineChoice } from '../adapters/history/sqliteConnection.js';

const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

/**
 * Commands that open the history store whatever their flags: SQLite is got ready as they start (the
 * native module loaded, or the WebAssembly build compiling in the background while the rest loads).
 */
const READS_HISTORY = new Set(['history', 'flaky', 'dashboard', 'gc']);

/** Thrown once a usage error has been printed, so that yargs stops before running the command. */
class UsageReported extends Error {}

/** Builds the printer for this invocation from the global flags and the environment. */
function makePrinter(argv: Partial<GlobalArgs>): Printer {
  return new Printer({
    quiet: argv.quiet === true,
    verbose: argv.verbose === true || process.env.BATCH_DEBUG === '1',
    json: argv.json === true,
    color: wantsColor(process.env, process.stdout.isTTY === true),
  });
}

/** Prints an error the way STYLE.md asks: expected ones without a stack, unexpected ones with it. */
function report(error: unknown, printer: Printer): number {
  if (error instanceof BatchError) {
    printer.error(error.message, error.hint, error.details);
    return error.exitCode;
  }
  const err = error instanceof Error ? error : new Error(String(error));
  printer.error(messages.unexpected(err.message), messages.unexpectedHint);
  process.stderr.write(`${err.stack ?? ''}\n`);
  return ExitCode.unusable;
}

function register(
  cli: Argv<GlobalArgs>,
  command: BatchCommand<object>,
  setExit: (code: number) => void,
): void {
  cli.command({
    command: command.command,
    describe: command.describe,
    builder: command.builder,
    handler: async (args) => setExit(await runCommand(command, args)),
  });
}

/**
 * yargs renders the command's whole help text right after starting its handler, in case the handler
 * asks for the help later (batch's never do; usage errors render it afresh in `.fail`). Laying out
 * that text (string-width over every line) was about 40 ms of every command's start-up.
 */
function skipHelpCache(cli: Argv<GlobalArgs>): void {
  const internal = cli as unknown as {
    getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } };
  };
  const usage = internal.getInternalMethods?.().getUsageInstance?.();
  if (usage && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => undefined;
}

/** Runs one command with its printer and turns what it throws into an exit code. */
async function runCommand(command: BatchCommand<object>, args: GlobalArgs): Promise<number> {
  const printer = makePrinter(args);
  try {
    return await command.run(args, printer);
  } catch (error) {
    return report(error, printer);
  }
}

/**
 * `batch log | head`: once the reader is gone, writes fail with EPIPE. What is left to print is
 * dropped and the command goes on to its end (a test run is still stored), instead of crashing.
 */
function ignoreClosedOutput(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
  });
}

/** Parses argv, runs one command, and sets `process.exitCode`: the only place that decides it. */
export async function main(argv: string[]): Promise<void> {
  ignoreClosedOutput(process.stdout);
  ignoreClosedOutput(process.stderr);
  // `batch --version` alone: what editors and scripts ask first, answered without loading yargs
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    process.stdout.write(`${packageJson.version}\n`);
    return;
  }
  const commandName = argv.find((arg) => !arg.startsWith('-'));
  // a BATCH_SQLITE batch does not know is said when the store opens
  if (commandName !== undefined && READS_HISTORY.has(commandName))
    prepareSqlite(sqliteEngineChoice(process.env.BATCH_SQLITE) ?? 'auto');
  provideRollbackRecovery();
  provideRunHistory(triggerFor(commandName));
  const fastRecord = parseFastRecord(argv);
  if (fastRecord) {
    process.exitCode = await runCommand(recordCommand as BatchCommand<object>, fastRecord);
    return;
  }
  const fastTest = parseFastTest(argv);
  if (fastTest) {
    const { testCommand } = await import('./commands/test.js');
    process.exitCode = await runCommand(testCommand as BatchCommand<object>, fastTest);
    return;
  }
  const fastHookRun = parseFastHookRun(argv);
  if (fastHookRun) {
    const { hookRunCommand } = await import('./commands/hookRun.js');
    process.exitCode = await runCommand(hookRunCommand as BatchCommand<object>, fastHookRun);
    return;
  }
  const fastHistory = parseFastHistory(argv);
  if (fastHistory) {
    const { historyCommand } = await import('./commands/history.js');
    process.exitCode = await runCommand(historyCommand as BatchCommand<object>, fastHistory);
    return;
  }
  let exitCode: number = ExitCode.ok;
  let usageFailed = false;
  const [{ default: yargs }, { loadCommands, commandLoaders }] = await Promise.all([
    import('yargs'),
    import('./commands/index.js'),
  ]);
  const commands = await loadCommands(argv);
  const cli = yargs(argv)
    .scriptName('batch')
    .usage(messages.usage)
    .option('cwd', { type: 'string', describe: 'Run as if started in this directory', global: true })
    .option('quiet', {
      alias: 'q',
      type: 'boolean',
      default: false,
      describe: 'Print only verdicts and errors',
      global: true,
    })
    .option('verbose', {
      alias: 'v',
      type: 'boolean',
      default: false,
      describe: 'Print what batch does, step by step',
      global: true,
    })
    .version(packageJson.version)
    .alias('version', 'V')
    .help()
    .alias('help', 'h')
    .strict()
    .recommendCommands()
    .demandCommand(1, messages.noCommand)
    .wrap(Math.min(110, process.stdout.columns || 100))
    .epilogue(messages.epilogue)
    .fail((message: string | null, error: Error | undefined, y) => {
      // Handlers catch their own errors (runCommand), so what reaches here is yargs' validation: a
      // missing or malformed argument, or a .check() that threw. An expected BatchError passes through.
      if (error instanceof BatchError) throw error;
      // yargs may report one mistake twice (a suggestion, then "unknown argument"); either way the
      // command must not run, so the handler ends by throwing, and parseAsync's catch ignores it.
      if (usageFailed) throw new UsageReported();
      usageFailed = true;
      exitCode = ExitCode.unusable;
      message = message ?? error?.message ?? 'invalid arguments';
      const suggestion = /Did you mean (\S+?)\??$/.exec(message);
      const first = argv.find((a) => !a.startsWith('-'));
      if (suggestion) {
        makePrinter({}).error(messages.unknownCommand(first ?? ''), messages.didYouMean(suggestion[1] ?? ''));
        throw new UsageReported();
      }
      if (first && /^Unknown argument/.test(message) && !Object.hasOwn(commandLoaders, first)) {
        makePrinter({}).error(messages.unknownCommand(first), messages.usageHint);
        throw new UsageReported();
      }
      // Other usage errors: the help of the command that was misused, then the error itself.
      y.showHelp((text: string) => process.stderr.write(`${text}\n\n`));
      const known = first !== undefined && Object.hasOwn(commandLoaders, first);
      makePrinter({}).error(message, known ? messages.commandUsageHint(first) : messages.usageHint);
      throw new UsageReported();
    }) as unknown as Argv<GlobalArgs>;
  for (const command of commands) register(cli, command as BatchCommand<object>, (code) => (exitCode = code));
  skipHelpCache(cli);
  try {
    await cli.parseAsync();
  } catch (error) {
    if (!(error instanceof UsageReported)) exitCode = report(error, makePrinter({}));
  }
  process.exitCode = exitCode;
}

await main(process.argv.slice(2));
