import { provideKnownFlaky } from '../compare/knownFlaky.js';
import { provideRunStored } from '../runs/runStoredHook.js';
import type { RunTrigger } from './historyRecord.js';

const TRIGGERS: Record<string, RunTrigger> = {
  record: 'record',
  'hook-run': 'hook',
  watch: 'watch',
  test: 'test',
  compare: 'compare',
  rollback: 'rollback',
  undo: 'rollback',
  revert: 'rollback',
  bisect: 'bisect',
  probe: 'bisect',
  baseline: 'test',
};

/** The trigger of runs made by this command (its name as batch's first argument). */
export function triggerFor(command: string | undefined): RunTrigger {
  return (command !== undefined && TRIGGERS[command]) || 'test';
}

/**
 * Every stored run goes into the history store too, and compare's and bisect's known-flaky list comes
 * from its flaky scores; each loads its code only when first used.
 */
export function provideRunHistory(trigger: RunTrigger): void {
  provideRunStored(async () => {
    const { recordRun } = await import('./recordRun.js');
    return (ctx, run) => recordRun(ctx, run, trigger);
  });
  provideKnownFlaky(async () => (await import('./knownFlakyFromHistory.js')).knownFlakyFromHistory);
}
