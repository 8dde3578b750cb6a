import { relative } from 'node:path';
import type { Context } from '../core/context/context.js';
import type { HookStatus } from '../core/hooks/hookStatus.js';
import type { InstallReport } from '../core/hooks/installHooks.js';
import type { UninstallStep } from '../core/hooks/uninstallHooks.js';
import { messages } from './messages.js';
import type { Printer } from './printer.js';

/** A path relative to the worktree root when it is inside it. */
export function shortPath(ctx: Context, file: string): string {
  const rel = relative(ctx.ws.root, file);
  return rel && !rel.startsWith('..') ? rel : file;
}

/** What `batch hook install` did, and any line the user must add. */
export function printInstallReport(printer: Printer, ctx: Context, report: InstallReport): void {
  if (!report.changed && report.instructions.length === 0) {
    printer.info(messages.hookNothingChanged);
  } else {
    for (const step of report.steps) {
      if (step.action === 'printed') continue;
      const displaced = step.displaced ? shortPath(ctx, step.displaced) : undefined;
      printer.info(messages.hookStep(step.action, step.event, shortPath(ctx, step.file), displaced));
    }
  }
  const setting = report.location.hooksPath;
  for (const instruction of report.instructions) {
    const file = shortPath(ctx, instruction.file);
    if (instruction.note === 'lefthook-install') {
      printer.info(messages.hookLefthookInstall);
    } else if (instruction.note === 'lefthook-merge') {
      printer.result(messages.hookLefthookMerge(file));
      printer.raw(instruction.text);
    } else {
      if (instruction === report.instructions[0] && setting)
        printer.result(messages.hookManualIntro(setting.value, setting.scope, setting.origin));
      printer.result(messages.hookManualLine(file));
      printer.raw(`  ${instruction.text}`);
    }
  }
  if (report.mechanism === 'manual') printer.info(messages.hookManualHint);
  else printer.info(messages.hookInstalledSummary(ctx.config.hook.mode));
}

/** What `batch hook uninstall` did, file by file. */
export function printUninstallSteps(printer: Printer, ctx: Context, steps: UninstallStep[]): void {
  const acted = steps.filter((s) => s.action !== 'left' || s.note !== 'missing');
  if (acted.length === 0) {
    printer.info(messages.hookUninstallNothing);
    return;
  }
  for (const step of acted) {
    const note = step.note?.startsWith('/') ? shortPath(ctx, step.note) : step.note;
    printer.info(messages.hookUninstallStep(step.action, shortPath(ctx, step.file), note));
  }
  printer.info(messages.hookUninstallDone);
}

/** `batch hook status`: one line per hook, then where hooks live and how far recording lags. */
export function printHookStatus(printer: Printer, ctx: Context, status: HookStatus): void {
  const { c } = printer;
  for (const event of status.events) {
    const parts: string[] = [];
    if (event.installed)
      parts.push(
        c.green('installed') + (event.current ? '' : c.yellow(' (outdated: run `batch hook install`)')),
      );
    else if (event.shim) parts.push(c.yellow('written but not called') + ` (${shortPath(ctx, event.shim)})`);
    else parts.push(c.yellow('not installed'));
    if (event.owner && event.owner !== 'batch') parts.push(`hook owned by ${event.owner}`);
    if (event.displaced) parts.push(`chains ${shortPath(ctx, event.displaced)}`);
    for (const aside of event.movedAside)
      parts.push(
        aside.batch
          ? c.red(`batch's hook was moved to ${shortPath(ctx, aside.file)}`)
          : `moved aside: ${shortPath(ctx, aside.file)}`,
      );
    printer.result(messages.hookStatusLine(event.event, parts.join(' · ')));
  }
  const setting = status.location.hooksPath;
  printer.info(
    messages.hookStatusHooksDir(
      shortPath(ctx, status.location.hooksDir),
      setting ? `= ${setting.value}, ${setting.scope}` : null,
    ),
  );
  printer.info(messages.hookStatusManagers(status.managers));
  printer.result(messages.hookStatusLag(status.behind, status.lastRecordedCommit, status.head));
  if (!status.events.some((e) => e.installed)) printer.info(messages.hookNotInstalledHint);
}
