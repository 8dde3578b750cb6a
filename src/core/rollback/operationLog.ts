import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import type { Store } from '../../adapters/store.js';
import type { State } from '../model/state.js';
import type { Operation } from '../model/operationModel.js';

const DIR = 'operations';

/** Ids of the stored operations, oldest first. */
export function operationIds(store: Store<State>): number[] {
  const dir = store.path(DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => /^(\d+)\.json$/.exec(name)?.[1])
    .filter((id): id is string => id !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

/** The newest operation (what `batch undo` undoes), or null when there is none. */
export function lastOperation(store: Store<State>): Operation | null {
  const ids = operationIds(store);
  const last = ids[ids.length - 1];
  return last === undefined ? null : store.readDocument<Operation>(`${DIR}/${last}.json`);
}

/** The id the next operation gets. */
export function nextOperationId(store: Store<State>): number {
  const ids = operationIds(store);
  return (ids[ids.length - 1] ?? 0) + 1;
}

/** Writes an operation's record (atomically; writing the same record again after a crash is harmless). */
export function writeOperation(store: Store<State>, operation: Operation): void {
  mkdirSync(store.path(DIR), { recursive: true });
  store.writeDocument(`${DIR}/${operation.id}.json`, operation);
}
