import type { Context } from '../context/context.js';
import type { State } from '../model/state.js';

/**
 * Finishes or reverts an operation a killed process left half-done (`state.pending`). Each multi-step
 * operation registers its repair here by kind; unknown kinds are cleared with a warning.
 */
export type RecoveryHandler = (ctx: Context, state: State) => Promise<void>;

const handlers = new Map<string, RecoveryHandler>();

/**
 * Modules that register the repair of a kind, loaded only when such an operation is pending (so every
 * command can repair it, without loading rollback code on every start). The rooms above this one fill
 * it (see rollback/rollbackRecoveryProvider.ts), so state never imports them.
 */
const providers = new Map<string, () => Promise<unknown>>();

/** Names the module that registers the repair of `kind`, loaded the first time one is pending. */
export function registerRecoveryProvider(kind: string, load: () => Promise<unknown>): void {
  providers.set(kind, load);
}

/** Registers how to repair a pending operation of this kind. */
export function registerRecovery(kind: string, handler: RecoveryHandler): void {
  handlers.set(kind, handler);
}

/** Runs the repair for state.pending, if any; the handler must clear `state.pending` and save. */
export async function recoverPending(ctx: Context, state: State): Promise<void> {
  const pending = state.pending;
  if (!pending) return;
  if (!handlers.has(pending.kind)) await providers.get(pending.kind)?.();
  const handler = handlers.get(pending.kind);
  if (handler) {
    await handler(ctx, state);
    return;
  }
  ctx.logger.warn(
    `cleared an unfinished "${pending.kind}" operation from ${pending.startedAt} that this version cannot repair`,
  );
  state.pending = null;
  await ctx.store.writeState(state);
}
