import { lstatSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import type { Git } from '../../adapters/git.js';
import type { FileChange } from '../record/fileChanges.js';

function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

/**
 * Paths a restore would have to overwrite although they are not in the tree being left: ignored
 * files (or folders holding anything) where the restore creates a path, or an ignored file or symlink
 * where it needs a folder. `git read-tree -m -u` would delete them silently (measured), so the
 * rollback stops before writing anything and names them. `index` holds the tree being left.
 */
export async function findPathsInTheWay(
  git: Git,
  root: string,
  index: string,
  changes: readonly FileChange[],
): Promise<string[]> {
  const leaving = new Set(changes.filter((c) => c.kind === 'removed').map((c) => c.path));
  const inTheWay = new Set<string>();
  const folders: string[] = [];
  for (const change of changes) {
    if (change.fromMode !== null) continue; // the path is in the tree being left: git owns it
    const parts = change.path.split('/');
    // A parent that is not a real folder must be something the restore removes anyway.
    for (let depth = 1; depth < parts.length; depth++) {
      const parent = parts.slice(0, depth).join('/');
      const stat = lstatOrNull(join(root, parent));
      if (!stat) break;
      if (!stat.isDirectory() && !leaving.has(parent)) inTheWay.add(parent);
      if (!stat.isDirectory()) break;
    }
    const stat = lstatOrNull(join(root, change.path));
    if (stat?.isDirectory()) folders.push(change.path);
    else if (stat) inTheWay.add(change.path);
  }
  if (folders.length > 0) {
    // A folder where a file comes back: whatever is in it and not in the tree being left would go.
    const others = await git.nulSeparated(
      ['ls-files', '-z', '--others', '--directory', '--no-empty-directory', '--', ...folders],
      {
        env: { GIT_INDEX_FILE: index },
      },
    );
    for (const other of others) inTheWay.add(other.replace(/\/$/, ''));
  }
  return [...inTheWay].sort();
}
