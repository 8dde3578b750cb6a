import type { Context } from '../context/context.js';
import type { State } from '../model/state.js';
import { diffTrees } from '../snapshot/treeEntries.js';
import {
  advanceUnrecorded,
  fromUnrecordedMap,
  toUnrecordedMap,
  type UnrecordedMap,
} from '../snapshot/unrecorded.js';

function covers(spec: string, path: string): boolean {
  return spec === '.' || path === spec || path.startsWith(`${spec}/`);
}

/** The unrecorded map as it would be with `tree` as the last snapshot (state is not changed). */
async function unrecordedMapAt(ctx: Context, state: State, tree: string): Promise<UnrecordedMap> {
  const map = toUnrecordedMap(state.unrecorded);
  advanceUnrecorded(map, await diffTrees(ctx.git, state.lastSnapshot?.tree ?? tree, tree));
  return map;
}

/** Paths (under `specs`, or all) whose content in `tree` differs from what batch last recorded. */
export async function unrecordedIn(
  ctx: Context,
  state: State,
  tree: string,
  specs: readonly string[] = [],
): Promise<string[]> {
  const paths = [...(await unrecordedMapAt(ctx, state, tree)).keys()];
  return specs.length === 0 ? paths.sort() : paths.filter((p) => specs.some((s) => covers(s, p))).sort();
}

/**
 * Which of `specs` name something batch has recorded as present (the spec itself, or a folder holding
 * it): in the last snapshot and not recorded as absent, or recorded before it changed.
 */
export async function recordedCovers(
  ctx: Context,
  state: State,
  specs: readonly string[],
): Promise<Set<string>> {
  const covered = new Set<string>();
  if (specs.length === 0) return covered;
  const map = toUnrecordedMap(state.unrecorded);
  const inSnapshot = state.lastSnapshot
    ? await ctx.git.nulSeparated([
        'ls-tree',
        '-r',
        '-z',
        '--name-only',
        state.lastSnapshot.tree,
        '--',
        ...specs,
      ])
    : [];
  const present = [
    ...inSnapshot.filter((path) => map.get(path)?.recorded !== null),
    ...[...map.values()].filter((u) => u.recorded !== null).map((u) => u.path),
  ];
  for (const spec of specs) if (present.some((path) => covers(spec, path))) covered.add(spec);
  return covered;
}

/**
 * Counts `paths` as recorded at their content in `tree` without making them edits (files a git
 * operation wrote). The caller sets `state.lastSnapshot` to the snapshot of `tree` and saves.
 */
export async function markRecordedAt(
  ctx: Context,
  state: State,
  tree: string,
  paths: Iterable<string>,
): Promise<void> {
  const map = await unrecordedMapAt(ctx, state, tree);
  for (const path of paths) map.delete(path);
  state.unrecorded = fromUnrecordedMap(map);
}
