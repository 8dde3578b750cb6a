import type { PathChange, UnrecordedPath } from '../model/treeModel.js';
import { sameEntry } from './treeEntries.js';

export type { UnrecordedPath };

/**
 * The unrecorded paths, by path. Every path not in it has its last-snapshot content as its recorded
 * content, so the map (kept in state.json) grows with unrecorded work, never with history.
 */
export type UnrecordedMap = Map<string, UnrecordedPath>;

export function toUnrecordedMap(list: readonly UnrecordedPath[]): UnrecordedMap {
  return new Map(list.map((entry) => [entry.path, entry]));
}

export function fromUnrecordedMap(map: UnrecordedMap): UnrecordedPath[] {
  return [...map.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Folds the changes between the last snapshot and a new one into the map (A→B→A drops out again). */
export function advanceUnrecorded(map: UnrecordedMap, changes: ReadonlyMap<string, PathChange>): void {
  for (const [path, change] of changes) {
    const recorded = map.get(path)?.recorded ?? (map.has(path) ? null : change.before);
    if (sameEntry(recorded, change.after)) map.delete(path);
    else map.set(path, { path, recorded, current: change.after });
  }
}
