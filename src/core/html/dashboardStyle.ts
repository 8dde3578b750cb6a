/** The page's style sheet: light and dark from the system's colour scheme, and a printable layout. */
export const dashboardStyle = `
:root { color-scheme: light dark; --bg: #fff; --fg: #1b1f24; --muted: #59636e; --line: #d1d9e0; --card: #f6f8fa;
  --pass: #1a7f37; --fail: #cf222e; --stale: #9a6700; --none: #6e7781; --rolled: #8250df; --slow: #bc4c00; --accent: #0969da; }
@media (prefers-color-scheme: dark) { :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --card: #151b23;
  --pass: #3fb950; --fail: #f85149; --stale: #d29922; --none: #8b949e; --rolled: #ab7df8; --slow: #db6d28; --accent: #4493f8; } }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; }
header, main { max-width: 1200px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 20px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 16px; margin: 0 0 10px; } h3 { font-size: 13px; margin: 14px 0 6px; color: var(--muted); }
section { margin: 18px 0; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; }
.muted { color: var(--muted); } .small { font-size: 12px; }
code { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
.badge { display: inline-block; padding: 0 7px; border-radius: 10px; font-size: 11px; font-weight: 600; line-height: 18px; color: #fff; background: var(--none); margin-right: 6px; white-space: nowrap; }
.v-pass, .s-passed { background: var(--pass); } .v-fail, .s-failed { background: var(--fail); } .v-stale { background: var(--stale); }
.v-none, .v-open, .s-skipped, .s-absent { background: var(--none); } .v-rolled { background: var(--rolled); }
.v-flaky { background: var(--stale); } .v-slow { background: var(--slow); }
ol.timeline { list-style: none; margin: 0; padding: 0; max-height: 520px; overflow: auto; }
ol.timeline > li { content-visibility: auto; contain-intrinsic-size: auto 52px; border-left: 4px solid var(--line); padding: 8px 12px; margin: 0 0 6px; background: var(--bg); border-radius: 0 6px 6px 0; }
ol.timeline > li.broke { border-left-color: var(--fail); } ol.timeline > li.operation { border-left-color: var(--rolled); }
.strip { display: flex; flex-wrap: wrap; gap: 3px; margin: 0 0 10px; }
.strip .square { min-width: 22px; height: 22px; padding: 0 3px; border-radius: 4px; color: #fff; font-size: 10px; line-height: 22px; text-align: center; text-decoration: none; }
.strip .square.broke { outline: 2px solid var(--fail); outline-offset: 1px; } .strip .square.rolled { opacity: .55; text-decoration: line-through; }
.batch-head { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
.culprit, .new-failures { margin: 6px 0 0; } .culprit code { background: color-mix(in srgb, var(--fail) 14%, transparent); padding: 1px 5px; border-radius: 4px; margin-right: 4px; }
.label { font-weight: 600; }
details summary { cursor: pointer; color: var(--muted); font-size: 12px; margin-top: 4px; }
ul.edits { margin: 4px 0 0; padding-left: 18px; } ul.edits li.revert code { text-decoration: line-through; }
.kind { display: inline-block; min-width: 64px; font-size: 11px; color: var(--muted); }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
figure { margin: 0; } figcaption { font-size: 12px; color: var(--muted); text-align: center; }
svg.chart { width: 100%; height: auto; display: block; }
.grid { stroke: var(--line); stroke-width: 1; } .axis { fill: var(--muted); font-size: 11px; }
.baseline { stroke: var(--accent); stroke-dasharray: 5 4; stroke-width: 1.5; }
.series { fill: none; stroke: var(--fg); stroke-opacity: .55; stroke-width: 1.5; }
circle.pt { stroke: var(--bg); stroke-width: 1; } circle.v-pass { fill: var(--pass); } circle.v-fail { fill: var(--fail); } circle.v-stale { fill: var(--stale); } circle.v-none { fill: var(--none); }
.lists { display: grid; grid-template-columns: repeat(3, 1fr); gap: 16px; }
.lists ol { margin: 0; padding-left: 20px; } .lists li { margin: 3px 0; }
.spark { vertical-align: middle; } .spark-line { fill: none; stroke: var(--accent); stroke-width: 1.5; } .fail-dot { fill: var(--fail); }
.test-link { background: none; border: 0; padding: 0; margin: 0 6px 0 0; color: var(--accent); font: inherit; cursor: pointer; text-align: left; overflow-wrap: anywhere; }
.test-link:hover { text-decoration: underline; }
:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.controls { display: flex; gap: 8px; flex-wrap: wrap; align-items: center; margin-bottom: 10px; }
.controls input { flex: 1 1 240px; padding: 6px 10px; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); color: var(--fg); font: inherit; }
.controls button { padding: 5px 12px; border: 1px solid var(--line); border-radius: 16px; background: var(--bg); color: var(--fg); font: inherit; cursor: pointer; }
.controls button[aria-pressed="true"] { background: var(--accent); border-color: var(--accent); color: #fff; }
.count { opacity: .75; }
#tests-more { margin-top: 10px; padding: 5px 12px; border: 1px solid var(--line); border-radius: 16px; background: var(--bg); color: var(--fg); font: inherit; cursor: pointer; }
table { width: 100%; border-collapse: collapse; } th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 12px; color: var(--muted); font-weight: 600; } .num { text-align: right; white-space: nowrap; }
.table-wrap { max-height: 640px; overflow: auto; }
.tags .badge { margin-top: 2px; }
dialog { width: min(760px, 94vw); max-height: 88vh; border: 1px solid var(--line); border-radius: 10px; background: var(--bg); color: var(--fg); padding: 18px 20px; }
dialog::backdrop { background: rgb(0 0 0 / .45); }
#detail-close { float: right; }
pre.message { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; font-size: 12px; max-height: 240px; overflow: auto; }
.cell.s-passed { fill: var(--pass); } .cell.s-failed { fill: var(--fail); } .cell.s-skipped, .cell.s-absent { fill: var(--line); }
table.history { margin-top: 12px; font-size: 12px; }
footer { max-width: 1200px; margin: 24px auto; padding: 0 20px; color: var(--muted); font-size: 12px; }
@media (max-width: 900px) { .charts, .lists { grid-template-columns: 1fr; } }
@media print { .controls, #detail, details summary { display: none; } ol.timeline, .table-wrap { max-height: none; overflow: visible; }
  .card { break-inside: avoid; border-color: #999; } body { font-size: 11px; } .test-link { color: inherit; } }
`;
