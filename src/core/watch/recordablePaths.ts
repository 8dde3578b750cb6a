import { accessSync, constants, lstatSync } from 'node:fs';
import { join } from 'node:path';
import type { Context } from '../context.js';
import { listEntries } from '../recordedIndex.js';

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

/**
 * Narrows hinted paths to the ones worth a record call: paths batch has recorded before (changed or
 * deleted), and new paths that exist and that git does not ignore. A temp file that came and went,
 * or a new file git ignores, is dropped here rather than refused by the record call.
 */
export async function recordablePaths(
  ctx: Context,
  recordedIndex: string,
  paths: readonly string[],
  checkIgnored: (paths: string[]) => Promise<Set<string>>,
): Promise<Recordable> {
  const known = await coveredBy(ctx, recordedIndex, paths);
  const fresh: string[] = [];
  const unreadable: string[] = [];
  for (const path of paths) {
    if (known.has(path)) continue;
    const absolute = join(ctx.ws.root, path);
    let isFile: boolean;
    try {
      isFile = lstatSync(absolute).isFile();
    } catch {
      continue; // never recorded and gone again: a temporary file
    }
    try {
      if (isFile) accessSync(absolute, constants.R_OK);
    } catch {
      unreadable.push(path);
      continue;
    }
    fresh.push(path);
  }
  const ignored = await checkIgnored(fresh);
  return { paths: [...known, ...fresh.filter((path) => !ignored.has(path))].sort(), unreadable };
}
