import type { Git } from '../../adapters/git.js';

/** Folders and files test runs write by themselves (caches, bytecode, coverage, build output). */
const ARTEFACT =
  /(?:^|\/)(?:__pycache__|\.pytest_cache|\.mypy_cache|\.ruff_cache|\.hypothesis|\.tox|\.nox|node_modules|coverage|\.nyc_output|\.vitest|\.jest-cache|\.cache|test-results|target|\.turbo)\/|\.py[co]$/;

export interface TreeChanges {
  /** Paths that existed before and were changed or deleted, or new files that are not run artefacts. */
  changed: string[];
  /** New files a test run writes by itself (caches, bytecode, coverage): they do not make a run stale. */
  artefacts: string[];
}

/**
 * What changed in the working tree between two snapshot trees taken before and after a run. A run is
 * stale when `changed` is not empty: someone edited the tree while the tests ran, so the results may
 * not describe either snapshot. Files the run itself creates in cache or output folders, and the
 * report files it was told to write, do not count.
 */
export async function treeChanges(
  git: Git,
  before: string,
  after: string,
  reportFiles: readonly string[] = [],
): Promise<TreeChanges> {
  if (before === after) return { changed: [], artefacts: [] };
  const fields = await git.nulSeparated([
    'diff-tree',
    '-r',
    '-z',
    '--no-renames',
    '--name-status',
    before,
    after,
  ]);
  const changed: string[] = [];
  const artefacts: string[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const status = fields[i] as string;
    const path = fields[i + 1] as string;
    if (reportFiles.includes(path) || (status === 'A' && ARTEFACT.test(path))) artefacts.push(path);
    else changed.push(path);
  }
  return { changed, artefacts };
}
