import { existsSync, readFileSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { writeFileAtomic } from '../../adapters/atomicWrite.js';
import { listEntries } from '../snapshot/treeEntries.js';
import { editTree } from '../snapshot/unrecorded.js';
import { snapshotIndexPath } from '../snapshot/snapshot.js';
import { keepRecordedTree } from './keepRecordedTree.js';
import { packageTestScript } from '../../adapters/configFile.js';
import { readPackageFile } from '../../adapters/packageFiles.js';
import type { Context } from '../context/context.js';
import { loadConfig } from '../context/context.js';
import { BatchError } from '../context/errors.js';
import { ensureBatchExcluded } from './exclude.js';
import { saveState, withState } from './session.js';

export interface InitOptions {
  batchSize?: number;
  testCommand?: string;
}

export interface InitResult {
  configFile: string;
  /** `created`, `updated` (flags changed keys of an existing JSON .batchrc) or `kept`. */
  configAction: 'created' | 'updated' | 'kept';
  testCommand: string | null;
  /** Where the test command came from when batch proposed it. */
  testCommandSource: 'flag' | 'package.json' | 'config' | 'none';
  excludeAdded: boolean;
  batchSize: number;
}

/**
 * `batch init`: writes `.batchrc` from the template (or updates the keys given as flags), creates
 * `.batch/` with a first snapshot, and excludes `.batch/` from git. Running it again changes nothing.
 */
export async function initProject(ctx: Context, options: InitOptions): Promise<InitResult> {
  const excludeAdded = await ensureBatchExcluded(ctx.git);
  let configAction: InitResult['configAction'] = 'kept';
  let testCommandSource: InitResult['testCommandSource'] = 'config';
  let configFile = ctx.configFile;
  if (configFile === null) {
    const fromPackage = packageTestScript(ctx.ws.root) ? 'npm test' : null;
    const template = JSON.parse(readPackageFile('templates/batchrc.json')) as Record<string, unknown>;
    template.batchSize = options.batchSize ?? template.batchSize;
    template.testCommand = options.testCommand ?? fromPackage;
    testCommandSource = options.testCommand ? 'flag' : fromPackage ? 'package.json' : 'none';
    configFile = join(ctx.ws.root, '.batchrc');
    writeFileAtomic(configFile, `${JSON.stringify(template, null, 2)}\n`);
    configAction = 'created';
  } else if (options.batchSize !== undefined || options.testCommand !== undefined) {
    configAction = updateConfigFile(configFile, options);
    if (options.testCommand !== undefined) testCommandSource = 'flag';
  }
  const { config } = await loadConfig(ctx.ws.root);
  ctx.config = config;
  ctx.configFile = configFile;
  const firstInit = !ctx.store.exists();
  await withState(ctx, 'init', async (state) => {
    if (!firstInit || configAction !== 'created') return;
    // The first snapshot holds the .batchrc just written: batch's own file, not unrecorded work that
    // every batch would list until someone records it.
    const written = relative(ctx.ws.root, configFile).split(sep).join('/');
    const entries = await listEntries(ctx.git, snapshotIndexPath(ctx.ws), [written]);
    const entry = entries.get(written);
    if (!entry) return;
    state.recordedTree = await editTree(ctx.git, ctx.ws, state.recordedTree, new Map([[written, entry]]));
    state.lastSnapshot = await keepRecordedTree(ctx, state, 'init');
    await saveState(ctx, state);
  });
  return {
    configFile,
    configAction,
    testCommand: config.testCommand,
    testCommandSource: config.testCommand ? testCommandSource : 'none',
    excludeAdded,
    batchSize: config.batchSize,
  };
}

function updateConfigFile(file: string, options: InitOptions): 'updated' | 'kept' {
  const name = basename(file);
  if (name !== '.batchrc' && name !== '.batchrc.json') {
    throw new BatchError(`batch init does not rewrite ${name}`, {
      hint: `set the keys in ${file} yourself (batchSize, testCommand), or run \`batch init\` without flags`,
    });
  }
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    throw new BatchError(`${file} is YAML, and batch init only rewrites JSON`, {
      hint: `edit ${file} yourself to set batchSize or testCommand`,
    });
  }
  const before = JSON.stringify(raw);
  if (options.batchSize !== undefined) raw.batchSize = options.batchSize;
  if (options.testCommand !== undefined) raw.testCommand = options.testCommand;
  if (JSON.stringify(raw) === before) return 'kept';
  writeFileAtomic(file, `${JSON.stringify(raw, null, 2)}\n`);
  return existsSync(file) ? 'updated' : 'kept';
}
