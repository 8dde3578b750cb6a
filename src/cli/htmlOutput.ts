import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { writeFileAtomic } from '../adapters/atomicWrite.js';
import { openCommand, openInBrowser } from '../adapters/openInBrowser.js';
import { dashboardPage } from '../core/html/dashboardPage.js';
import type { DashboardData } from '../core/html/dashboardModel.js';
import { messages } from '../output/messages.js';
import type { Printer } from '../output/printer.js';
import { shownPath } from './projectPaths.js';

/**
 * Renders the page and writes it to `out` (atomically: a browser reloading it never sees half a
 * file), or prints it on stdout when no file is named; `open` then opens it in the default browser.
 */
export async function writeHtmlPage(
  data: DashboardData,
  target: { out: string | undefined; cwd: string; open?: boolean },
  printer: Printer,
): Promise<void> {
  const html = dashboardPage(data);
  if (target.out === undefined) {
    printer.raw(html);
    return;
  }
  const file = resolve(target.cwd, target.out);
  mkdirSync(dirname(file), { recursive: true });
  writeFileAtomic(file, html);
  const shown = shownPath(file, target.cwd);
  const bytes = Buffer.byteLength(html, 'utf8');
  printer.result(
    messages.htmlWritten(shown, bytes, data.batches.length, data.runs.length, data.tests.length),
  );
  if (data.batches.length === 0 && data.runs.length === 0) printer.warn(messages.htmlNoData);
  if (!target.open) return;
  try {
    await openInBrowser(file, process.platform, process.env);
  } catch (error) {
    printer.warn(messages.htmlOpenFailed(openCommand(process.platform).command, (error as Error).message));
  }
}
