import type { RevertPlan } from '../core/revert/revertPlan.js';
import { fileLine } from './describePlan.js';
import { messages } from './messages.js';
import type { Printer } from './printer.js';

/** The lines that show a revert plan: the edits taken back and the files that change. */
export function describeRevert(printer: Printer, plan: RevertPlan): string[] {
  const lines = [messages.revertPlanHeader(plan.seqs.join(', '))];
  for (const edit of plan.edits) {
    lines.push(
      printer.c.dim(
        `    edit ${edit.seq}: ${edit.kind} ${edit.path}${edit.description ? ` · ${edit.description}` : ''}`,
      ),
    );
  }
  for (const file of plan.files) {
    const merged = plan.merged.includes(file.path) ? printer.c.dim(' · merged with later changes') : '';
    lines.push(`${fileLine(printer, file)}${merged}`);
  }
  for (const conflict of plan.conflicts)
    lines.push(printer.c.red(`    conflict   ${conflict.path}: ${conflict.why}`));
  return lines;
}
