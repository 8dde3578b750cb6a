import { lstatSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { BatchError } from '../context/errors.js';

/**
 * Turns a path the user gave (relative to cwd, or absolute) into a worktree-relative, '/'-separated
 * path, refusing anything outside the worktree, inside `.git` or `.batch`, or reached through a
 * symlinked directory. The path itself may be a symlink (it is recorded as one).
 */
export function toWorktreePath(root: string, cwd: string, input: string): string {
  if (input.trim() === '') {
    // An unset shell variable (`batch record "$FILE"`) must not mean "everything here".
    throw new BatchError('an empty path was given', {
      hint: 'name the files to record (`batch record .` records every changed path on purpose)',
    });
  }
  const absolute = resolve(cwd, input);
  const rel = relative(root, absolute);
  if (rel === '') return '.';
  // `..notes` and `...d/z` are names inside the worktree; only a `..` component leaves it.
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    throw new BatchError(`${input} is outside the worktree (${root})`, {
      hint: 'record paths inside the repository; batch never reads or writes outside it',
    });
  }
  const parts = rel.split(sep);
  const first = parts[0]?.toLowerCase();
  if (first === '.git' || first === '.batch') {
    throw new BatchError(`${input} is inside ${parts[0]}/, which batch never records`, {
      hint: `.git/ belongs to git and .batch/ to batch; record files of the project itself`,
    });
  }
  let current = root;
  for (const part of parts.slice(0, -1)) {
    current = `${current}${sep}${part}`;
    let isLink = false;
    try {
      isLink = lstatSync(current).isSymbolicLink();
    } catch {
      break; // a missing parent: the path is a deletion or unknown, decided later
    }
    if (isLink) {
      throw new BatchError(`${input} goes through the symlinked directory ${relative(root, current)}`, {
        hint: 'record the real path instead; batch refuses paths through symlinked directories so it never writes outside the worktree',
      });
    }
  }
  return parts.join('/');
}
