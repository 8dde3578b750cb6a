import { unlinkSync } from 'node:fs';
import type { Git } from '../../adapters/git.js';
import type { Workspace } from '../context/workspace.js';
import type { IndexEntry, UnrecordedPath } from '../model/treeModel.js';
import { diffTrees, indexWithChanges, type PathChange } from './treeEntries.js';

export type { UnrecordedPath };

/**
 * The unrecorded paths, by path: where a snapshot's tree differs from the recorded tree (what batch
 * has recorded for every path, DESIGN.md invariant 6). Only recording moves the recorded tree, so no
 * snapshot taken for a test run, a rollback or a git operation can make a change count as recorded.
 */
export type UnrecordedMap = Map<string, UnrecordedPath>;

/** The paths whose entry in `tree` is not what was recorded for them (one `git diff-tree`). */
export async function unrecordedBetween(
  git: Git,
  recordedTree: string,
  tree: string,
): Promise<UnrecordedMap> {
  return unrecordedFrom(await diffTrees(git, recordedTree, tree));
}

/** The unrecorded paths of a diff from the recorded tree to the current one. */
export function unrecordedFrom(changes: Map<string, PathChange>): UnrecordedMap {
  const map: UnrecordedMap = new Map();
  for (const [path, change] of changes)
    map.set(path, { path, recorded: change.before, current: change.after });
  return map;
}

export function fromUnrecordedMap(map: UnrecordedMap): UnrecordedPath[] {
  return [...map.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * The tree of an index (whose tree is known) with `changes` applied (null removes a path), through a
 * copy in batch's transient folder: costs the changed paths, the source index is not touched.
 */
export async function treeWithChanges(
  git: Git,
  ws: Workspace,
  sourceIndex: string,
  changes: ReadonlyMap<string, IndexEntry | null>,
  name: string,
): Promise<string> {
  const { index, tree } = await indexWithChanges(git, ws, sourceIndex, changes, name);
  unlinkSync(index);
  return tree;
}

/** A tree with `changes` applied, read into a scratch index first (for trees no index holds). */
export async function editTree(
  git: Git,
  ws: Workspace,
  base: string,
  changes: ReadonlyMap<string, IndexEntry | null>,
): Promise<string> {
  if (changes.size === 0) return base;
  const scratch = `${ws.transientDir}/edit-tree.index`;
  await git.run(['read-tree', base], { env: { GIT_INDEX_FILE: scratch } });
  return treeWithChanges(git, ws, scratch, changes, 'edit-tree-copy.index').finally(() => {
    unlinkSync(scratch);
  });
}
