import type { BisectResult, CulpritTest } from '../core/model/culpritModel.js';
import { messages } from './messages.js';
import { symbols, type Printer } from './printer.js';

function testLine(printer: Printer, test: CulpritTest): string {
  const where = test.file ? `${test.file}${test.line !== null ? `:${test.line}` : ''}  ` : '';
  const why = test.message ? ` ${symbols.dot} ${test.message.split('\n')[0] ?? ''}` : '';
  return `    ${printer.c.red(symbols.fail)} ${where}${test.name}${printer.c.dim(why)}`;
}

/** The lines `batch bisect` prints: each culprit's edits and the tests it broke, then what was left out. */
export function describeCulprits(printer: Printer, result: BisectResult): string[] {
  const { c } = printer;
  const lines = [c.bold(messages.culpritHeader(result.batch))];
  if (result.culprits.length === 0) lines.push(`  ${messages.culpritNone}`);
  for (const culprit of result.culprits) {
    const seqs = culprit.edits.map((e) => e.seq).join(' + ');
    const head = culprit.edits.length > 1 ? messages.culpritTogether(seqs) : messages.culpritEdits(seqs);
    lines.push(`  ${c.bold(head)} ${messages.culpritBroke(culprit.tests.length)}`);
    for (const edit of culprit.edits) {
      const stat = edit.added === null ? 'binary' : `+${edit.added} -${edit.removed ?? 0}`;
      const about = [
        edit.description,
        edit.source !== 'manual' ? edit.source : null,
        edit.commit?.slice(0, 10),
      ]
        .filter(Boolean)
        .join(', ');
      lines.push(
        `    ${String(edit.seq).padStart(4)}  ${edit.kind.padEnd(10)} ${edit.path}  ${c.dim(`${stat}${about ? ` · ${about}` : ''}`)}`,
      );
    }
    for (const test of culprit.tests) lines.push(testLine(printer, test));
    lines.push(c.dim(`  ${messages.culpritRevertHint(culprit.edits.map((e) => e.seq).join(' '))}`));
  }
  if (result.notReproducible.length > 0) {
    lines.push(c.yellow(messages.notReproducible(result.notReproducible.length)));
    for (const test of result.notReproducible) lines.push(testLine(printer, test));
  }
  if (result.unresolved.length > 0) {
    lines.push(c.yellow(messages.unresolved(result.unresolved.length)));
    for (const test of result.unresolved) lines.push(testLine(printer, test));
  }
  for (const note of result.notes) lines.push(c.dim(note));
  lines.push(c.dim(messages.culpritRuns(result.runs, result.cached)));
  return lines;
}
