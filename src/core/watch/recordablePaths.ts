import { accessSync, constants, lstatSync } from 'node:fs';
import { join } from 'node:path';
import type { Context } from '../context/context.js';
import { recordedCovers } from '../record/recordedView.js';
import type { State } from '../model/state.js';
import { listEntries } from '../snapshot/treeEntries.js';

/** Which of `specs` some entry of an index covers (the spec itself, or a folder holding it). */
export async function coveredBy(ctx: Context, index: string, specs: readonly string[]): Promise<Set<string>> {
  const wanted = new Set(specs);
  const covered = new Set<string>();
  if (specs.length === 0) return covered;
  for (const path of (await listEntries(ctx.git, index, specs)).keys()) {
    if (wanted.has('.')) covered.add('.');
    for (let end = path.length; end > 0; end = path.lastIndexOf('/', end - 1)) {
      const prefix = path.slice(0, end);
      if (wanted.has(prefix)) covered.add(prefix);
    }
  }
  return covered;
}

export interface Recordable {
  paths: string[];
  /** Existing paths batch cannot read (permission denied): their edits wait until they are readable. */
  unreadable: string[];
}

/** What recordablePaths needs of git's ignore rules (IgnoreRules). */
export interface IgnoreOracle {
  isIgnored(path: string): boolean;
  isVerified(path: string): boolean;
  check(paths: readonly string[]): Promise<Set<string>>;
}

/**
 * Narrows hinted paths to the ones worth a record call: existing paths git does not ignore (asked of
 * git while the path settled, so usually without a git call here), and missing paths batch has
 * recorded before (deletions). A temp file that came and went, or a new file git ignores, is dropped
 * here rather than refused by the record call.
 */
export async function recordablePaths(
  ctx: Context,
  state: State,
  paths: readonly string[],
  rules: IgnoreOracle,
): Promise<Recordable> {
  const existing: string[] = [];
  const missing: string[] = [];
  const unreadable: string[] = [];
  for (const path of paths) {
    const absolute = join(ctx.ws.root, path);
    let isFile: boolean;
    try {
      isFile = lstatSync(absolute).isFile();
    } catch {
      missing.push(path);
      continue;
    }
    try {
      if (isFile) accessSync(absolute, constants.R_OK);
    } catch {
      unreadable.push(path);
      continue;
    }
    existing.push(path);
  }
  await rules.check(existing.filter((path) => path !== '.' && !rules.isVerified(path)));
  // Never recorded and gone again: a temporary file. Recorded before: a deletion.
  const deleted = [...(await recordedCovers(ctx, state, missing))];
  const kept = [...existing.filter((path) => path === '.' || !rules.isIgnored(path)), ...deleted];
  return { paths: kept.sort(), unreadable };
}
