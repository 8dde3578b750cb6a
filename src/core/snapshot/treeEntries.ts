import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Git } from '../../adapters/git.js';
import type { Workspace } from '../context/workspace.js';

import type { IndexEntry, PathChange } from '../model/treeModel.js';

export type { IndexEntry, PathChange };

const ZERO = /^0+$/;

/** The paths that differ between two trees, with both entries, from one `git diff-tree --raw` (tree walk only). */
export async function diffTrees(git: Git, from: string, to: string): Promise<Map<string, PathChange>> {
  const changes = new Map<string, PathChange>();
  if (from === to) return changes;
  // -r: files, not folders; -z: exact names; --raw: modes and ids of both sides; --no-renames: a rename
  // is a deletion and an addition, which is what the edit log records.
  const fields = await git.nulSeparated(['diff-tree', '-r', '-z', '--raw', '--no-renames', from, to]);
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const [oldMode = '', newMode = '', oldOid = '', newOid = ''] = (fields[i] ?? '').slice(1).split(' ');
    changes.set(fields[i + 1] ?? '', {
      before: ZERO.test(oldMode) ? null : { mode: oldMode, oid: oldOid },
      after: ZERO.test(newMode) ? null : { mode: newMode, oid: newOid },
    });
  }
  return changes;
}

/** Whether two entries (or absences) are the same content, mode and type. */
export function sameEntry(a: IndexEntry | null, b: IndexEntry | null): boolean {
  return a === null || b === null ? a === b : a.mode === b.mode && a.oid === b.oid;
}

/**
 * Copies an index to `<transientDir>/<name>`, applies `changes` to the copy (null removes the path) and
 * returns the copy's path and tree. The source index is not touched.
 */
export async function indexWithChanges(
  git: Git,
  ws: Workspace,
  source: string,
  changes: ReadonlyMap<string, IndexEntry | null>,
  name: string,
): Promise<{ index: string; tree: string }> {
  const index = join(ws.transientDir, name);
  copyFileSync(source, index);
  const zero = '0'.repeat(40);
  // --index-info: "<mode> <oid>\t<path>"; mode 0 with a zero id removes the path.
  const lines = [...changes].map(([path, e]) => (e ? `${e.mode} ${e.oid}\t${path}` : `0 ${zero}\t${path}`));
  const env = { GIT_INDEX_FILE: index };
  if (lines.length > 0)
    await git.run(['update-index', '-z', '--index-info'], { env, input: `${lines.join('\0')}\0` });
  return { index, tree: await git.text(['write-tree'], { env }) };
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
