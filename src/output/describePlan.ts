import type { FileChange, FileChangeKind } from '../core/record/fileChanges.js';
import type { RollbackPlan } from '../core/rollback/rollbackPlan.js';
import { messages } from './messages.js';
import type { Printer } from './printer.js';

/** Files listed one by one before the rest are counted. */
const LISTED_FILES = 30;
const ORDER: FileChangeKind[] = ['restored', 'removed', 'recreated', 'mode', 'symlink'];

function counts(files: readonly FileChange[]): string {
  return ORDER.map((kind) => [kind, files.filter((f) => f.kind === kind).length] as const)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${n} ${kind}`)
    .join(' · ');
}

/** One file of a plan: what happens to it, coloured by kind. */
export function fileLine(printer: Printer, file: FileChange): string {
  const { c } = printer;
  const colour = file.kind === 'removed' ? c.red : file.kind === 'recreated' ? c.green : c.yellow;
  const modes = file.kind === 'mode' ? `  ${file.fromMode ?? ''} → ${file.toMode ?? ''}` : '';
  const note = messages.planFileNote(file.kind, file.fromMode, file.toMode);
  return `    ${colour(file.kind.padEnd(10))} ${file.path}  ${c.dim(`(${note})`)}${modes}`;
}

function branchLine(plan: RollbackPlan): string {
  const b = plan.branch;
  if (b.move) {
    const name = b.ref.replace(/^refs\/heads\//, '');
    return b.dropped > 0
      ? messages.planBranchMoves(name, b.from, b.to, b.dropped)
      : messages.planBranchForward(name, b.from, b.to);
  }
  return messages.planBranchStays(
    b.head,
    messages.branchStayReason(b.reason, b.pushed, b.commitsSince, b.upstream),
    b.commitsSince,
  );
}

/** The lines that show a rollback plan: what comes back, what goes, what happens to the branch. */
export function describePlan(printer: Printer, plan: RollbackPlan): string[] {
  const lines = [
    plan.undoes
      ? messages.undoHeader(
          plan.undoes.id,
          messages.operationName(plan.undoes.kind, plan.undoes.batch),
          plan.target.commit,
        )
      : messages.rollbackHeader(plan.batch ?? 0, plan.target.commit, plan.target.at),
  ];
  if (plan.kind === 'undo') lines.push(messages.planBatchesBack(plan.restoredBatches));
  lines.push(messages.planBatchesUndone(plan.undoneBatches, plan.openBatch));
  lines.push(plan.files.length ? messages.planFiles(counts(plan.files)) : messages.planFilesNone);
  for (const file of plan.files.slice(0, LISTED_FILES)) lines.push(fileLine(printer, file));
  if (plan.files.length > LISTED_FILES)
    lines.push(messages.planFileMore(plan.files.length - LISTED_FILES, plan.preTree, plan.target.tree));
  lines.push(branchLine(plan));
  if (plan.inTheWay.length) lines.push(printer.c.red(messages.planInTheWay(plan.inTheWay)));
  return lines;
}
