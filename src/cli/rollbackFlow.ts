import type { Context } from '../core/context/context.js';
import { applyRollback, previewRollback, type RollbackOutcome } from '../core/rollback/rollbackApply.js';
import { planRefusal, type RollbackPlan } from '../core/rollback/rollbackPlan.js';
import type { RollbackRequest } from '../core/rollback/rollbackTarget.js';
import { describePlan } from '../output/describePlan.js';
import { messages } from '../output/messages.js';
import type { Printer } from '../output/printer.js';
import { confirm } from './confirm.js';

export type FlowResult =
  { kind: 'dry-run' } | { kind: 'declined' } | { kind: 'done'; outcome: RollbackOutcome };

function printPlan(printer: Printer, plan: RollbackPlan): void {
  for (const line of describePlan(printer, plan)) printer.info(line);
}

/** What was done and the exact way back. */
function printDone(printer: Printer, outcome: RollbackOutcome): void {
  const { plan, operation } = outcome;
  const changed = plan.files.length - outcome.submodulesLeft.length;
  printer.result(
    operation.kind === 'undo'
      ? messages.undoDone(operation.undoes ?? 0, changed)
      : messages.rollbackDone(operation.batch ?? 0, changed),
  );
  for (const left of outcome.submodulesLeft)
    printer.warn(messages.submoduleLeft(left.path, left.at, left.wanted));
  const move = operation.branch;
  if (move) {
    printer.result(messages.branchMoved(move.ref, move.from, move.to));
    if (move.kept) printer.result(messages.branchKept(move.kept, move.from));
  } else if (plan.current.head !== plan.target.head) {
    printer.info(messages.branchStayed(plan.current.head));
  }
  printer.result(messages.howToUndo(operation.pre.commit));
}

/**
 * The shared flow of `rollback` and `undo`: plan, print, ask `[y/N]` on a terminal (refuse without
 * one unless --yes), apply, print what was done and how to take it back.
 */
export async function rollbackFlow(
  ctx: Context,
  printer: Printer,
  request: RollbackRequest,
  options: { yes: boolean; dryRun: boolean; command: string },
): Promise<FlowResult> {
  let expected: { preTree: string; head: string | null } | undefined;
  if (options.dryRun || !options.yes) {
    const plan = await previewRollback(ctx, request);
    printPlan(printer, plan);
    const refusal = planRefusal(plan);
    if (refusal) throw refusal;
    if (options.dryRun) {
      printer.info(messages.dryRunDone);
      return { kind: 'dry-run' };
    }
    const refused = {
      message: messages.rollbackRefused(request.kind),
      hint: messages.rollbackRefusedHint(options.command),
    };
    if (!(await confirm(messages.rollbackConfirm(request.kind), refused))) {
      printer.info(messages.rollbackDeclined);
      return { kind: 'declined' };
    }
    expected = { preTree: plan.preTree, head: plan.current.head };
  }
  const outcome = await applyRollback(ctx, request, {
    expected,
    onStep: (step) => printer.debug(`${request.kind}: ${step}`),
  });
  if (options.yes) printPlan(printer, outcome.plan);
  printDone(printer, outcome);
  return { kind: 'done', outcome };
}
