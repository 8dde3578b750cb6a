import type { Git } from '../../adapters/git.js';

/**
 * What restoring a tree does to one path, seen from the tree being left: `restored` (old content back),
 * `removed` (created since), `recreated` (deleted since), `mode` (executable bit only), `symlink` (a
 * symlink appears, goes, or changes target).
 */
export type FileChangeKind = 'restored' | 'removed' | 'recreated' | 'mode' | 'symlink';

export interface FileChange {
  path: string;
  kind: FileChangeKind;
  /** Mode in the tree being left (null when absent there). */
  fromMode: string | null;
  /** Mode in the tree being restored (null when absent there). */
  toMode: string | null;
}

const ABSENT = '000000';

function kindOf(status: string, fromMode: string, toMode: string, sameBlob: boolean): FileChangeKind {
  if (fromMode === '120000' || toMode === '120000') {
    if (status === 'A' && toMode !== '120000') return 'recreated';
    if (status === 'D' && fromMode !== '120000') return 'removed';
    return 'symlink';
  }
  if (status === 'A') return 'recreated';
  if (status === 'D') return 'removed';
  return sameBlob && fromMode !== toMode ? 'mode' : 'restored';
}

/** Parses `git diff-tree -r -z --no-renames` raw output (fields split on NUL) into file changes. */
export function parseRawDiff(fields: readonly string[]): FileChange[] {
  const changes: FileChange[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    // ":<from mode> <to mode> <from oid> <to oid> <status>", then the path.
    const [fromMode = ABSENT, toMode = ABSENT, fromOid, toOid, status = 'M'] = (fields[i] ?? '')
      .slice(1)
      .split(' ');
    const path = fields[i + 1] ?? '';
    changes.push({
      path,
      kind: kindOf(status, fromMode, toMode, fromOid === toOid),
      fromMode: fromMode === ABSENT ? null : fromMode,
      toMode: toMode === ABSENT ? null : toMode,
    });
  }
  return changes;
}

/** Every path that differs between two trees, as restoring `to` over `from` would change it. */
export async function readFileChanges(git: Git, from: string, to: string): Promise<FileChange[]> {
  if (from === to) return [];
  // -r: files, not folders; -z: names exactly as stored; --no-renames: a rename is a removal and a creation.
  return parseRawDiff(await git.nulSeparated(['diff-tree', '-r', '-z', '--no-renames', from, to]));
}
