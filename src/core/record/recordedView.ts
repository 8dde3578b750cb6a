import type { Context } from '../context/context.js';
import type { State } from '../model/state.js';
import { unrecordedBetween } from '../snapshot/unrecorded.js';

function covers(spec: string, path: string): boolean {
  return spec === '.' || path === spec || path.startsWith(`${spec}/`);
}

/** Paths (under `specs`, or all) whose content in `tree` differs from what batch last recorded. */
export async function unrecordedIn(
  ctx: Context,
  state: State,
  tree: string,
  specs: readonly string[] = [],
): Promise<string[]> {
  const paths = [...(await unrecordedBetween(ctx.git, state.recordedTree, tree)).keys()];
  return specs.length === 0 ? paths.sort() : paths.filter((p) => specs.some((s) => covers(s, p))).sort();
}

/**
 * Which of `specs` name something batch has recorded as present (the spec itself, or a folder holding
 * it): a path in the recorded tree.
 */
export async function recordedCovers(
  ctx: Context,
  state: State,
  specs: readonly string[],
): Promise<Set<string>> {
  const covered = new Set<string>();
  if (specs.length === 0) return covered;
  // -r: files; --name-only: paths are all that is asked; -z: exact names.
  const present = await ctx.git.nulSeparated([
    'ls-tree',
    '-r',
    '-z',
    '--name-only',
    state.recordedTree,
    '--',
    ...specs,
  ]);
  for (const spec of specs) if (present.some((path) => covers(spec, path))) covered.add(spec);
  return covered;
}
