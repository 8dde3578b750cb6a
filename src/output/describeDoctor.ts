import type { Context } from '../core/context/context.js';
import type { HookDiagnosis } from '../core/hooks/diagnoseHooks.js';
import { shortPath } from './describeHooks.js';
import { messages } from './messages.js';
import { symbols, type Printer } from './printer.js';

/** Prints `batch doctor`'s findings, one line each (✓ fine, ! warning, ✗ problem); returns the problem count. */
export function printDiagnosis(printer: Printer, ctx: Context, d: HookDiagnosis): number {
  const { c } = printer;
  let problems = 0;
  let warnings = 0;
  const ok = (text: string) => printer.result(`${c.green(symbols.ok)} ${text}`);
  const warn = (text: string, hint?: string) => {
    warnings++;
    printer.result(`${c.yellow(symbols.warn)} ${text}`);
    if (hint) printer.result(`  ${c.cyan('hint:')} ${hint}`);
  };
  const fail = (text: string, hint?: string) => {
    problems++;
    printer.result(`${c.red(symbols.fail)} ${text}`);
    if (hint) printer.result(`  ${c.cyan('hint:')} ${hint}`);
  };
  const { status } = d;
  if (d.gitTooOld) fail(messages.doctorGit(d.gitVersion, true), messages.doctorGitHint);
  else ok(messages.doctorGit(d.gitVersion, false));
  const setting = status.location.hooksPath;
  ok(
    messages.doctorHooksDir(
      shortPath(ctx, status.location.hooksDir),
      setting ? `= ${setting.value}, ${setting.scope} scope, ${setting.origin}` : null,
    ),
  );
  ok(messages.hookStatusManagers(status.managers));
  if (d.huskyStubsMissing) fail(messages.doctorHuskyStubs, messages.doctorHuskyStubsHint);
  const mechanism = status.installedMechanism ?? status.mechanism;
  for (const event of status.events) {
    ok(messages.doctorOwner(event.event, event.owner, mechanism));
    for (const aside of event.movedAside.filter((a) => a.batch))
      fail(messages.doctorMovedAside(event.event, shortPath(ctx, aside.file)), messages.doctorMovedAsideHint);
    if (event.displaced) ok(messages.doctorDisplaced(event.event, shortPath(ctx, event.displaced)));
    if (!event.shim) warn(messages.doctorNotInstalled(event.event), messages.hookNotInstalledHint);
    else if (!event.installed)
      fail(messages.doctorNotCalled(event.event, shortPath(ctx, event.shim)), messages.doctorNotCalledHint);
    else if (!event.current) warn(messages.doctorOutdated(event.event), messages.doctorOutdatedHint);
  }
  if (status.paths && !status.paths.nodeExists) warn(messages.doctorBakedNodeMissing(status.paths.node));
  if (status.paths && !status.paths.cliExists)
    fail(messages.doctorBakedCliMissing(status.paths.cli), messages.doctorFailsHint);
  for (const probe of d.probes) {
    const line = probe.shell.output.split('\n').pop() ?? '';
    if (probe.shell.exitCode === 0) ok(messages.doctorRuns(probe.event, line));
    else fail(messages.doctorFails(probe.event, probe.shell.output), messages.doctorFailsHint);
    if (probe.gui.exitCode === 0) ok(messages.doctorGui(probe.event, true));
    else warn(messages.doctorGui(probe.event, false), messages.doctorGuiHint(d.guiNode));
  }
  const lag = messages.hookStatusLag(status.behind, status.lastRecordedCommit, status.head);
  if (status.behind !== null && status.behind > 0) warn(lag);
  else ok(lag);
  if (d.workerRunning && status.workerPid) ok(messages.doctorWorker(status.workerPid));
  printer.result(messages.doctorSummary(problems, warnings));
  return problems;
}
