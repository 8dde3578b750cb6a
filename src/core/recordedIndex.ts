import { copyFileSync, existsSync, readdirSync, renameSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { Git } from '../adapters/git.js';
import type { Workspace } from './workspace.js';

/** A path's entry in an index: git mode and blob id. */
export interface IndexEntry {
  mode: string;
  oid: string;
}

const ZERO_OID = '0'.repeat(40);

/**
 * What has been recorded so far lives in its own index, named after its tree
 * (`.batch/recorded-<tree>.index`), so state.json's `recordedTree` always names a file that matches it:
 * a new one is written beside the old, state points at it, then the old one goes.
 */
export function recordedIndexPath(ws: Workspace, tree: string): string {
  return join(ws.batchDir, `recorded-${tree}.index`);
}

/** Makes sure the recorded index for `tree` exists, rebuilding it from the tree object when missing. */
export async function ensureRecordedIndex(git: Git, ws: Workspace, tree: string): Promise<string> {
  const path = recordedIndexPath(ws, tree);
  if (!existsSync(path)) await git.run(['read-tree', tree], { env: { GIT_INDEX_FILE: path } });
  return path;
}

/** Seeds the recorded index from the snapshot index (at initialisation: everything present counts as seen). */
export function seedRecordedIndex(ws: Workspace, snapshotIndex: string, tree: string): void {
  const path = recordedIndexPath(ws, tree);
  if (existsSync(snapshotIndex)) copyFileSync(snapshotIndex, path);
}

/** Entries of `paths` (files, or folders meaning everything under them) in an index, by path. */
export async function listEntries(
  git: Git,
  index: string,
  paths: readonly string[],
): Promise<Map<string, IndexEntry>> {
  const entries = new Map<string, IndexEntry>();
  if (paths.length === 0) return entries;
  // -s: mode, object id and stage per entry; -z: names exactly as stored, newlines and all.
  const records = await git.nulSeparated(['ls-files', '-s', '-z', '--', ...paths], {
    env: { GIT_INDEX_FILE: index },
  });
  for (const record of records) {
    const tab = record.indexOf('\t');
    const [mode, oid] = record.slice(0, tab).split(' ');
    if (mode && oid) entries.set(record.slice(tab + 1), { mode, oid });
  }
  return entries;
}

/**
 * Copies an index to `.batch/<name>`, applies `changes` to the copy (null removes the path) and
 * returns the copy's path and tree. The source index is not touched.
 */
export async function indexWithChanges(
  git: Git,
  ws: Workspace,
  source: string,
  changes: ReadonlyMap<string, IndexEntry | null>,
  name: string,
): Promise<{ index: string; tree: string }> {
  const index = join(ws.batchDir, name);
  copyFileSync(source, index);
  const lines: string[] = [];
  for (const [path, entry] of changes) {
    // --index-info: "<mode> <oid>\t<path>"; mode 0 with a zero id removes the path.
    lines.push(entry ? `${entry.mode} ${entry.oid}\t${path}` : `0 ${ZERO_OID}\t${path}`);
  }
  const env = { GIT_INDEX_FILE: index };
  if (lines.length > 0)
    await git.run(['update-index', '-z', '--index-info'], { env, input: `${lines.join('\0')}\0` });
  return { index, tree: await git.text(['write-tree'], { env }) };
}

/**
 * Writes a new recorded index: the current one with `changes` applied, and returns its tree. The
 * current index file is left as it is until `retireRecordedIndexes`.
 */
export async function applyToRecordedIndex(
  git: Git,
  ws: Workspace,
  currentTree: string,
  changes: ReadonlyMap<string, IndexEntry | null>,
): Promise<string> {
  const current = await ensureRecordedIndex(git, ws, currentTree);
  const next = await indexWithChanges(git, ws, current, changes, 'recorded-next.index');
  renameSync(next.index, recordedIndexPath(ws, next.tree));
  return next.tree;
}

/** Deletes recorded indexes other than the one for `keepTree` (called after state points at it). */
export function retireRecordedIndexes(ws: Workspace, keepTree: string): void {
  const keep = `recorded-${keepTree}.index`;
  for (const name of readdirSync(ws.batchDir)) {
    if (name.startsWith('recorded-') && name.endsWith('.index') && name !== keep)
      unlinkSync(join(ws.batchDir, name));
  }
}
