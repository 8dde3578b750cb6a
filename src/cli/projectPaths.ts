/** Where `baseline` and `compare` work: the cwd, the git worktree (if any), and the baseline file. */
import { isAbsolute, join, relative, resolve } from 'node:path';
import { findWorktreeRoot } from '../adapters/worktreeRoot.js';
import { BatchError } from '../core/context/errors.js';
import { messages } from '../output/messages.js';

export interface ProjectPaths {
  cwd: string;
  /** The git worktree root, or null outside a repository (CI on bare report files). */
  worktreeRoot: string | null;
  baselineFile: string;
  /** How the baseline path is printed: relative to the cwd when under it. */
  baselineShownAs: string;
  /** `.batch/` at the worktree root, or null outside a repository. */
  stateDir: string | null;
}

/** A path as the user reads it: relative to the cwd when it is under it, else absolute. */
export function shownPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

/**
 * Resolves the paths for one command. `--baseline-file` is read relative to the cwd; without it the
 * baseline is `.batch/baseline.json` at the worktree root, and outside a repository that is an error.
 */
export async function projectPaths(
  cwdFlag: string | undefined,
  baselineFlag: string | undefined,
  command: string,
): Promise<ProjectPaths> {
  const cwd = resolve(cwdFlag ?? process.cwd());
  const worktreeRoot = await findWorktreeRoot(cwd);
  const stateDir = worktreeRoot === null ? null : join(worktreeRoot, '.batch');
  if (baselineFlag !== undefined && baselineFlag !== '') {
    const baselineFile = resolve(cwd, baselineFlag);
    return { cwd, worktreeRoot, baselineFile, baselineShownAs: shownPath(baselineFile, cwd), stateDir };
  }
  if (worktreeRoot === null || stateDir === null) {
    throw new BatchError(messages.baselineFileRequired(command), { hint: messages.baselineFileRequiredHint });
  }
  const baselineFile = join(stateDir, 'baseline.json');
  // The default file is named from the worktree root, wherever in the worktree the command runs.
  return {
    cwd,
    worktreeRoot,
    baselineFile,
    baselineShownAs: shownPath(baselineFile, worktreeRoot),
    stateDir,
  };
}
