import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Git } from '../../adapters/git.js';

const EXCLUDE_LINE = '/.batch/';

/** Adds `.batch/` to git's `info/exclude` (shared by all worktrees) unless it is there; true when added. */
export async function ensureBatchExcluded(git: Git): Promise<boolean> {
  const file = await git.text(['rev-parse', '--path-format=absolute', '--git-path', 'info/exclude']);
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
  if (current.split(/\r?\n/).some((line) => line.trim() === EXCLUDE_LINE || line.trim() === '.batch/'))
    return false;
  mkdirSync(dirname(file), { recursive: true });
  const prefix = current === '' || current.endsWith('\n') ? '' : '\n';
  appendFileSync(file, `${prefix}# batch: its state folder is never part of the project\n${EXCLUDE_LINE}\n`);
  return true;
}
