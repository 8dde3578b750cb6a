import type { Context } from '../context/context.js';
import type { Run } from '../model/runModel.js';

/** What is done with a run once it is stored (the history room records it); it must not throw. */
export type RunStoredHandler = (ctx: Context, run: Run) => Promise<void>;

let load: (() => Promise<RunStoredHandler>) | null = null;

/**
 * Names the code that takes every stored run, loaded the first time a run is stored. The rooms above
 * fill it (history/runHistoryProvider.ts), so runs never imports them.
 */
export function provideRunStored(loader: () => Promise<RunStoredHandler>): void {
  load = loader;
}

/** Hands a just-stored run on (lock held); nothing when no room asked for it. */
export async function notifyRunStored(ctx: Context, run: Run): Promise<void> {
  if (load) await (await load())(ctx, run);
}
