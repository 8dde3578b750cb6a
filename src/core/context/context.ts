import { Git } from '../../adapters/git.js';
import { ConfigSyntaxError, readConfigFile } from '../../adapters/configFile.js';
import { Store } from '../../adapters/store.js';
import { storeChecks } from './storeChecks.js';
import { systemClock, type Clock } from './clock.js';
import { validateConfig, type Config } from '../model/config.js';
import { BatchError } from './errors.js';
import { silentLogger, type Logger } from './logger.js';
import type { State } from '../model/state.js';
import { findWorkspace, type Workspace } from './workspace.js';

/** Everything core needs, handed in by the CLI or an API caller: no globals. */
export interface Context {
  cwd: string;
  env: NodeJS.ProcessEnv;
  ws: Workspace;
  git: Git;
  store: Store<State>;
  clock: Clock;
  logger: Logger;
  config: Config;
  /** The file the config came from, or null when only defaults apply. */
  configFile: string | null;
}

export interface ContextOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  logger?: Logger;
  clock?: Clock;
}

/** Loads and validates the worktree's config; every problem is reported at once, naming file and key. */
export async function loadConfig(root: string): Promise<{ config: Config; file: string | null }> {
  let found: { file: string | null; raw: unknown };
  try {
    found = await readConfigFile(root);
  } catch (error) {
    if (error instanceof ConfigSyntaxError) {
      throw new BatchError(`cannot read ${error.file}: ${error.message}`, {
        hint: `fix the syntax of ${error.file} (JSON or YAML); .batchrc.example shows every key`,
      });
    }
    throw error;
  }
  const { config, problems } = validateConfig(found.raw);
  if (problems.length > 0) {
    const file = found.file ?? '.batchrc';
    throw new BatchError(`${file} has ${problems.length} problem${problems.length > 1 ? 's' : ''}:`, {
      details: problems.map((p) => `${file}: ${p}`),
      hint: 'fix the keys above; .batchrc.example documents every key with its default',
    });
  }
  return { config, file: found.file };
}

/** Finds the git worktree around `cwd` and loads its config. */
export async function openContext(options: ContextOptions): Promise<Context> {
  const ws = await findWorkspace(options.cwd, options.env);
  const { config, file } = await loadConfig(ws.root);
  return {
    cwd: options.cwd,
    env: options.env,
    ws,
    git: new Git(ws.root, options.env),
    store: new Store<State>(ws.batchDir, ws.transientDir, storeChecks),
    clock: options.clock ?? systemClock,
    logger: options.logger ?? silentLogger,
    config,
    configFile: file,
  };
}
