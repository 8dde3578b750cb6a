import type { BatchCommand } from '../commandModule.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each command has its own argument type
type AnyCommand = BatchCommand<any>;

/**
 * Every command, in the order `batch --help` lists them, each loaded only when needed: a command's
 * module pulls in what it runs (the test runner, parsers, rollback), and start-up time is paid on
 * every commit by the hook, so only the command being run is loaded (all of them for help and typos).
 */
export const commandLoaders: Record<string, () => Promise<AnyCommand>> = {
  init: async () => (await import('./init.js')).initCommand,
  record: async () => (await import('./record.js')).recordCommand,
  status: async () => (await import('./status.js')).statusCommand,
  log: async () => (await import('./log.js')).logCommand,
  test: async () => (await import('./test.js')).testCommand,
  report: async () => (await import('./report.js')).reportCommand,
  dashboard: async () => (await import('./dashboard.js')).dashboardCommand,
  history: async () => (await import('./history.js')).historyCommand,
  flaky: async () => (await import('./flaky.js')).flakyCommand,
  gc: async () => (await import('./gc.js')).gcCommand,
  baseline: async () => (await import('./baseline.js')).baselineCommand,
  compare: async () => (await import('./compare.js')).compareCommand,
  rollback: async () => (await import('./rollback.js')).rollbackCommand,
  undo: async () => (await import('./undo.js')).undoCommand,
  bisect: async () => (await import('./bisect.js')).bisectCommand,
  revert: async () => (await import('./revert.js')).revertCommand,
  probe: async () => (await import('./probe.js')).probeCommand,
  backup: async () => (await import('./backup.js')).backupCommand,
  watch: async () => (await import('./watch.js')).watchCommand,
  reset: async () => (await import('./reset.js')).resetCommand,
  hook: async () => (await import('./hook.js')).hookCommand,
  doctor: async () => (await import('./doctor.js')).doctorCommand,
  agent: async () => (await import('./agent.js')).agentCommand,
  mcp: async () => (await import('./mcp.js')).mcpCommand,
  'hook-run': async () => (await import('./hookRun.js')).hookRunCommand,
  'agent-run': async () => (await import('./agentRun.js')).agentRunCommand,
};

/** The commands to register for this argv: the one named, or every one when none is (help, typos). */
export async function loadCommands(argv: readonly string[]): Promise<AnyCommand[]> {
  const named = argv.find((arg) => !arg.startsWith('-'));
  const loader = named !== undefined ? commandLoaders[named] : undefined;
  if (loader && Object.hasOwn(commandLoaders, named ?? '')) return [await loader()];
  return Promise.all(Object.values(commandLoaders).map((load) => load()));
}
