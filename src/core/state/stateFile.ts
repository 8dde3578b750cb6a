import { CorruptFileError } from '../../adapters/store.js';
import type { Context } from '../context/context.js';
import { BatchError } from '../context/errors.js';
import type { IndexEntry } from '../model/treeModel.js';
import { describeIssues, stateSchema, stateV2Schema } from '../model/stateSchema.js';
import { STATE_SCHEMA_VERSION, type State } from '../model/state.js';
import { editTree } from '../snapshot/unrecorded.js';
import { keepRecordedTree } from './keepRecordedTree.js';

/**
 * batch 0.1's state (schema 2) as schema 3: its recorded content was the last snapshot except for the
 * unrecorded paths, so the recorded tree is that snapshot's tree with those paths put back.
 */
async function migrateFromV2(ctx: Context, raw: unknown): Promise<State | null> {
  const old = stateV2Schema.safeParse(raw);
  if (!old.success || !old.data.lastSnapshot) return null;
  const { unrecorded, ...rest } = old.data;
  const recorded = new Map<string, IndexEntry | null>(unrecorded.map((u) => [u.path, u.recorded]));
  const recordedTree = await editTree(ctx.git, ctx.ws, old.data.lastSnapshot.tree, recorded);
  const state = { ...rest, schemaVersion: STATE_SCHEMA_VERSION, recordedTree } as unknown as State;
  state.lastSnapshot = await keepRecordedTree(ctx, state, 'migrate');
  return state;
}

/**
 * Reads state.json and checks its shape: null when there is none; a state of batch 0.1 migrated;
 * CorruptFileError (the caller rebuilds) when it cannot be read or is not a state; BatchError (exit 3)
 * when a newer batch wrote it.
 */
export async function readStateFile(ctx: Context): Promise<State | null> {
  const raw: unknown = await ctx.store.readState();
  if (raw === null) return null;
  const file = ctx.store.path('state.json');
  const version = (raw as { schemaVersion?: unknown }).schemaVersion;
  if (typeof version === 'number' && version > STATE_SCHEMA_VERSION) {
    throw new BatchError(`${file} was written by a newer version of batch`, {
      hint: 'upgrade batch (npm install -g @batch-tool/batch@latest), or `batch reset --yes` to start over',
    });
  }
  if (version === 2) {
    const migrated = await migrateFromV2(ctx, raw);
    if (migrated) return migrated;
  }
  const parsed = stateSchema.safeParse(raw);
  if (!parsed.success) {
    throw new CorruptFileError(
      file,
      typeof version === 'number' && version < STATE_SCHEMA_VERSION
        ? `written by an older version of batch (schema ${version})`
        : `not a batch state: ${describeIssues(parsed.error)}`,
    );
  }
  return parsed.data as unknown as State;
}
