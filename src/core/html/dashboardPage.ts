import { createHash } from 'node:crypto';
import { dashboardClient } from './dashboardClient.js';
import type { DashboardData } from './dashboardModel.js';
import { dashboardStyle } from './dashboardStyle.js';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe for HTML content and attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/**
 * JSON that can sit inside a `<script type="application/json">` block: `<` is escaped, so no string
 * in it (a test named `</script>`) can close the block, and U+2028/2029 cannot break a line.
 */
export function embeddedJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

const BODY = `<header>
<h1 id="title"></h1>
<p class="muted" id="summary"></p>
</header>
<main>
<section class="card" aria-labelledby="h-timeline"><h2 id="h-timeline">Batches</h2><nav class="strip" id="timeline-strip" aria-label="batches at a glance"></nav><ol class="timeline" id="timeline-list"></ol></section>
<section class="card" aria-labelledby="h-trends"><h2 id="h-trends">Pass rate and duration per run</h2>
<div class="charts"><figure id="chart-pass"></figure><figure id="chart-ms"></figure></div></section>
<section class="lists">
<div class="card"><h2>Slowest tests</h2><ol id="slowest-list"></ol></div>
<div class="card"><h2>Got slower</h2><ol id="slowed-list"></ol></div>
<div class="card"><h2>Flaky tests</h2><ol id="flaky-list"></ol></div>
</section>
<section class="card" aria-labelledby="h-tests"><h2 id="h-tests">Tests</h2>
<div class="controls" role="toolbar" aria-label="filters">
<input type="search" id="search" placeholder="Search tests, suites, files" aria-label="Search tests">
<button type="button" data-filter="failed" aria-pressed="false">failed</button>
<button type="button" data-filter="new" aria-pressed="false">new</button>
<button type="button" data-filter="flaky" aria-pressed="false">flaky</button>
<button type="button" data-filter="slow" aria-pressed="false">slow</button>
<span class="muted" id="tests-count" aria-live="polite"></span>
</div>
<div class="table-wrap"><table><thead><tr><th>status</th><th>test</th><th>file</th><th class="num">last run</th><th class="num">baseline</th></tr></thead>
<tbody id="tests-body"></tbody></table></div>
<button type="button" id="tests-more" hidden>show more</button></section>
</main>
<dialog id="detail" aria-label="test history"><button type="button" id="detail-close">close</button><div id="detail-content"></div></dialog>
<footer>written by batch; one file, no network: it opens from disk and can be kept as a CI artifact.</footer>`;

/**
 * The whole page as one self-contained file: style, script and data inline, nothing fetched. A
 * Content-Security-Policy allows only this style and this script (by hash), so it stays usable where
 * a strict policy applies and nothing in the data can run.
 */
export function dashboardPage(data: DashboardData): string {
  const script = `(${dashboardClient.toString()})();`;
  const csp = [
    "default-src 'none'",
    `script-src ${sha256(script)}`,
    `style-src ${sha256(dashboardStyle)}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const title = escapeHtml(`batch · ${data.title}`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${title}</title>
<style>${dashboardStyle}</style>
</head>
<body>
${BODY.replace('<h1 id="title"></h1>', `<h1 id="title">${title}</h1>`)}
<script type="application/json" id="batch-data">${embeddedJson(data)}</script>
<script>${script}</script>
</body>
</html>
`;
}
