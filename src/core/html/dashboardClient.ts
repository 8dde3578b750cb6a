/// <reference lib="dom" />
import type { DashboardData } from './dashboardModel.js';

/**
 * The page's script, run in the browser: reads the data block and draws the timeline, the charts, the
 * lists and the test table. The page embeds this function's source (`dashboardClient.toString()`), so
 * it must use nothing from outside its body. It builds every node with createElement and textContent:
 * test names and messages are shown as text, never parsed as markup.
 */
export function dashboardClient(): void {
  const SVG = 'http://www.w3.org/2000/svg';
  const dataNode = document.getElementById('batch-data');
  const data = JSON.parse(dataNode?.textContent ?? '{}') as DashboardData;
  const str = (i: number): string => (i >= 0 ? (data.strings[i] ?? '') : '');
  const T = data.tests.length;
  const R = data.runs.length;
  type Kids = (Node | string | null)[];

  function el(
    tag: string,
    cls: string | null,
    kids: Kids = [],
    attrs: Record<string, string> = {},
  ): HTMLElement {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    for (const kid of kids) if (kid !== null) node.append(kid);
    return node;
  }
  function svg(tag: string, attrs: Record<string, string | number>, kids: Node[] = []): SVGElement {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    for (const kid of kids) node.append(kid);
    return node;
  }
  function title(text: string): SVGElement {
    const node = svg('title', {});
    node.textContent = text;
    return node;
  }
  const $ = (id: string): HTMLElement => document.getElementById(id) as HTMLElement;
  const ms = (n: number): string => (n >= 1000 ? `${(n / 1000).toFixed(n >= 10000 ? 0 : 1)} s` : `${n} ms`);
  const status = (v: number): string =>
    v >= 0 ? 'passed' : v === -1 ? 'absent' : v === -2 ? 'skipped' : 'failed';
  const dur = (v: number): number => (v >= 0 ? v : v <= -3 ? -3 - v : -1);
  const verdictText: Record<string, string> = {
    pass: 'passed',
    fail: 'failed',
    stale: 'stale',
    none: 'no results',
  };
  const testName = (t: number): string => str(data.tests[t]?.[0] ?? -1);
  const testSuite = (t: number): string => str(data.tests[t]?.[1] ?? -1);
  const where = (t: number, line?: number): string => {
    const test = data.tests[t];
    if (!test || test[2] < 0) return '';
    const at = line ?? test[3];
    return at > 0 ? `${str(test[2])}:${at}` : str(test[2]);
  };

  // What each test did last, and whether it is new, flaky or slower.
  const row = (t: number): number[] => data.results[t] ?? [];
  const lastValues = data.results.map((r) => {
    for (let i = r.length - 1; i >= 0; i--) if ((r[i] ?? -1) !== -1) return r[i] ?? -1;
    return -1;
  });
  const last = (t: number): number => lastValues[t] ?? -1;
  const flaky = new Map(data.flaky.map((f) => [f.test, f]));
  const lastRun = R - 1;
  function isNew(t: number): boolean {
    const r = row(t);
    if ((r[lastRun] ?? -1) > -3 || flaky.has(t)) return false;
    return (data.baselineMs[t] ?? -1) >= 0 || (R > 1 && (r[lastRun - 1] ?? -1) >= 0);
  }
  type Slowdown = { ref: number; cur: number; ratio: number };
  const slowdowns = data.results.map((_, t) => measureSlowdown(t));
  const slowdown = (t: number): Slowdown | null => slowdowns[t] ?? null;
  function measureSlowdown(t: number): Slowdown | null {
    const cur = last(t);
    if (cur < 0) return null;
    let ref = data.baselineMs[t] ?? -1;
    if (ref < 0) ref = row(t).find((v) => v >= 0) ?? -1;
    if (ref < 0 || cur <= ref * (1 + data.rule.threshold) || cur - ref < data.rule.minMs) return null;
    return { ref, cur, ratio: ref > 0 ? cur / ref : Infinity };
  }

  function sparkline(t: number, width: number, height: number): SVGElement {
    const r = row(t);
    const values = r.map(dur);
    const max = Math.max(1, ...values);
    const step = r.length > 1 ? width / (r.length - 1) : 0;
    let path = '';
    const marks: Node[] = [];
    values.forEach((v, i) => {
      if (v < 0) return;
      const x = (i * step).toFixed(1);
      const y = (height - 2 - (v / max) * (height - 4)).toFixed(1);
      path += `${path ? 'L' : 'M'}${x} ${y}`;
      if ((r[i] ?? 0) <= -3) marks.push(svg('circle', { cx: x, cy: y, r: 2, class: 'fail-dot' }));
    });
    return svg(
      'svg',
      {
        class: 'spark',
        viewBox: `0 0 ${width} ${height}`,
        width,
        height,
        role: 'img',
        'aria-label': `duration over ${R} runs`,
      },
      [svg('path', { d: path, class: 'spark-line' }), ...marks],
    );
  }

  function testButton(t: number, label?: string): HTMLElement {
    const button = el('button', 'test-link', [label ?? testName(t)], {
      type: 'button',
      'data-test': String(t),
    });
    return button;
  }

  // The header
  const baseline = data.baseline;
  $('summary').textContent = [
    `${data.batches.length} batch${data.batches.length === 1 ? '' : 'es'}`,
    `${R} run${R === 1 ? '' : 's'}`,
    `${T} tests`,
    baseline
      ? `baseline: run ${baseline.id}, ${baseline.passed} passed, ${baseline.failed} failed`
      : 'no baseline',
    `written ${data.generatedAt.replace('T', ' ').slice(0, 16)} UTC`,
  ].join(' · ');

  // The timeline: batches and rollbacks, newest first
  const timeline = $('timeline-list');
  type Item = { at: string; node: HTMLElement };
  const items: Item[] = [];
  for (const b of data.batches) {
    const broke = b.newFailures.length > 0 || b.culprits.length > 0;
    const verdict = b.open ? 'open' : b.verdict;
    const head = el('div', 'batch-head', [
      el('span', `badge v-${verdict}`, [b.open ? 'open' : (verdictText[b.verdict] ?? b.verdict)]),
      el('strong', null, [`batch ${b.id}`]),
      el('span', 'muted', [
        `${b.edits.length} edit${b.edits.length === 1 ? '' : 's'} · ${b.at.replace('T', ' ').slice(0, 16)}`,
      ]),
      b.newFailures.length > 0
        ? el('span', 'badge v-fail', [
            `${b.newFailures.length} new failure${b.newFailures.length === 1 ? '' : 's'}`,
          ])
        : null,
      b.rolledBackBy >= 0 ? el('span', 'badge v-rolled', ['rolled back']) : null,
    ]);
    const body: Kids = [head];
    for (const c of b.culprits) {
      const edits = c.edits.map((seq) => b.edits.find((e) => e[0] === seq));
      body.push(
        el('div', 'culprit', [
          el('span', 'label', [c.edits.length > 1 ? 'culprit edits: ' : 'culprit edit: ']),
          ...edits.map((e, i) =>
            el('code', null, [
              `#${c.edits[i] ?? '?'} ${e ? str(e[1]) : ''}${e && e[3] >= 0 ? ` — ${str(e[3])}` : ''}`,
            ]),
          ),
          el('span', 'muted', [' broke ']),
          ...c.tests.map((t) => testButton(t)),
        ]),
      );
    }
    if (b.newFailures.length > 0 && b.culprits.length === 0) {
      body.push(
        el('div', 'new-failures', [
          el('span', 'label', ['new failures: ']),
          ...b.newFailures.map((t) => testButton(t)),
        ]),
      );
    }
    const edits = el(
      'ul',
      'edits',
      b.edits.map((e) =>
        el('li', e[4] === 'revert' ? 'revert' : null, [
          el('span', `kind k-${e[2]}`, [e[2]]),
          el('code', null, [str(e[1])]),
          e[3] >= 0 ? el('span', 'muted', [` ${str(e[3])}`]) : null,
          e[4] === 'revert' ? el('span', 'badge v-rolled', ['revert']) : null,
          el('span', 'muted seq', [` #${e[0]}`]),
        ]),
      ),
    );
    const details = el('details', null, [el('summary', null, ['edits']), edits]);
    if (broke || b.id === data.focusBatch) details.setAttribute('open', '');
    body.push(details);
    const li = el('li', `batch${broke ? ' broke' : ''}`, body, {
      'data-batch': String(b.id),
      id: `batch-${b.id}`,
    });
    items.push({ at: b.at, node: li });
  }
  for (const op of data.operations) {
    const text =
      op.kind === 'rollback'
        ? `rollback to before batch ${op.batch}${op.undone.length > 0 ? ` (rolled back batches ${op.undone.join(', ')})` : ''}`
        : `undo${op.restored.length > 0 ? ` (brought back batches ${op.restored.join(', ')})` : ''}`;
    items.push({
      at: op.at,
      node: el(
        'li',
        'operation',
        [
          el('span', 'badge v-rolled', [op.kind]),
          el('span', null, [` ${text}`]),
          el('span', 'muted', [` · ${op.at.replace('T', ' ').slice(0, 16)}`]),
        ],
        { 'data-operation': String(op.id) },
      ),
    });
  }
  items.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  // every batch at a glance, oldest first: one square each, a link to its entry
  $('timeline-strip').append(
    ...data.batches.map((b) =>
      el(
        'a',
        `square v-${b.open ? 'open' : b.verdict}${b.culprits.length > 0 || b.newFailures.length > 0 ? ' broke' : ''}${b.rolledBackBy >= 0 ? ' rolled' : ''}`,
        [String(b.id)],
        {
          href: `#batch-${b.id}`,
          title: `batch ${b.id}: ${b.open ? 'open' : (verdictText[b.verdict] ?? b.verdict)}${b.newFailures.length > 0 ? `, ${b.newFailures.length} new failures` : ''}${b.rolledBackBy >= 0 ? ', rolled back' : ''}`,
        },
      ),
    ),
  );
  timeline.append(...items.map((i) => i.node));
  if (items.length === 0) timeline.append(el('li', 'muted', ['no batches yet']));

  // The charts: pass rate and total duration per run, the baseline as a dashed line
  function chart(
    id: string,
    label: string,
    value: (i: number) => number,
    base: number | null,
    format: (n: number) => string,
    fixedMax?: number,
  ): void {
    const W = 640;
    const H = 180;
    const P = { l: 56, r: 12, t: 12, b: 24 };
    const values = data.runs.map((_, i) => value(i));
    const max = fixedMax ?? Math.max(1, base ?? 0, ...values) * 1.1;
    // the pass rate is read near the top: the axis starts 10 points below the lowest value
    const min =
      fixedMax === undefined ? 0 : Math.max(0, Math.floor(Math.min(base ?? 100, ...values) / 10) * 10 - 10);
    const x = (i: number): number => P.l + (R > 1 ? (i / (R - 1)) * (W - P.l - P.r) : (W - P.l - P.r) / 2);
    const y = (v: number): number => H - P.b - ((v - min) / (max - min)) * (H - P.t - P.b);
    const kids: Node[] = [];
    for (const frac of [0, 0.5, 1]) {
      const v = min + (max - min) * frac;
      kids.push(svg('line', { x1: P.l, x2: W - P.r, y1: y(v), y2: y(v), class: 'grid' }));
      const t = svg('text', { x: P.l - 6, y: y(v) + 4, class: 'axis', 'text-anchor': 'end' });
      t.textContent = format(v);
      kids.push(t);
    }
    if (base !== null) {
      kids.push(
        svg('line', { x1: P.l, x2: W - P.r, y1: y(base), y2: y(base), class: 'baseline' }, [
          title(`baseline: ${format(base)}`),
        ]),
      );
      const t = svg('text', { x: W - P.r, y: y(base) - 4, class: 'axis', 'text-anchor': 'end' });
      t.textContent = 'baseline';
      kids.push(t);
    }
    const path = values.map((v, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)} ${y(v).toFixed(1)}`).join('');
    kids.push(svg('path', { d: path, class: 'series' }));
    values.forEach((v, i) => {
      const run = data.runs[i];
      if (!run) return;
      kids.push(
        svg('circle', { cx: x(i), cy: y(v), r: R > 60 ? 2 : 3.5, class: `pt v-${run.verdict}` }, [
          title(`run ${run.id}${run.batch >= 0 ? ` (batch ${run.batch})` : ''}: ${format(v)}`),
        ]),
      );
    });
    const figure = $(id);
    figure.append(
      svg(
        'svg',
        { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-label': `${label} over ${R} runs` },
        kids,
      ),
      el('figcaption', null, [label]),
    );
  }
  const rate = (p: number, f: number): number => (p + f > 0 ? (100 * p) / (p + f) : 0);
  chart(
    'chart-pass',
    'pass rate (%)',
    (i) => rate(data.runs[i]?.passed ?? 0, data.runs[i]?.failed ?? 0),
    baseline ? rate(baseline.passed, baseline.failed) : null,
    (n) => `${Math.round(n)}%`,
    100,
  );
  chart(
    'chart-ms',
    'total duration',
    (i) => data.runs[i]?.ms ?? 0,
    baseline ? baseline.ms : null,
    (n) => ms(Math.round(n)),
  );

  // The lists: slowest, slower than before, flaky
  const all = Array.from({ length: T }, (_, t) => t);
  function list(id: string, tests: number[], note: (t: number) => string, empty: string): void {
    const ol = $(id);
    if (tests.length === 0) ol.append(el('li', 'muted', [empty]));
    for (const t of tests)
      ol.append(
        el('li', null, [testButton(t), el('span', 'muted', [` ${note(t)} `]), sparkline(t, 120, 24)]),
      );
  }
  const slowest = all
    .filter((t) => last(t) >= 0)
    .sort((a, b) => last(b) - last(a))
    .slice(0, 10);
  list('slowest-list', slowest, (t) => ms(last(t)), 'no passing test yet');
  const slowed = all
    .map((t) => ({ t, s: slowdown(t) }))
    .filter((x) => x.s !== null)
    .sort((a, b) => (b.s?.ratio ?? 0) - (a.s?.ratio ?? 0));
  list(
    'slowed-list',
    slowed.slice(0, 10).map((x) => x.t),
    (t) => {
      const s = slowdown(t);
      return s ? `${ms(s.ref)} → ${ms(s.cur)}` : '';
    },
    'no test got slower',
  );
  list(
    'flaky-list',
    data.flaky.slice(0, 20).map((f) => f.test),
    (t) => {
      const f = flaky.get(t);
      return f
        ? `flip rate ${Math.round(f.flipRate / 10)}% · ${f.passed} passed, ${f.failed} failed on ${f.runs} runs`
        : '';
    },
    'no test passed and failed on the same tree',
  );

  // The table of tests, with filters and search. Rows are built when first shown, and at most
  // PAGE at a time (more on request): a page of 100,000 tests stays as quick as one of 100.
  const PAGE = 200;
  const body = $('tests-body');
  const rows = new Map<number, HTMLElement>();
  // failing tests first, new failures before old ones, then by name
  const order = [...all].sort((a, b) => rank(a) - rank(b) || (testName(a) < testName(b) ? -1 : 1));
  function rank(t: number): number {
    return isNew(t) ? 0 : last(t) <= -3 ? 1 : flaky.has(t) ? 2 : 3;
  }
  const flags = order.map((t) => ({
    failed: last(t) <= -3,
    new: isNew(t),
    flaky: flaky.has(t),
    slow: slowdown(t) !== null,
  }));
  const haystack = order.map((t) => `${testName(t)} ${testSuite(t)} ${where(t)}`.toLowerCase());
  function rowOf(position: number): HTMLElement {
    const t = order[position] ?? 0;
    const built = rows.get(t);
    if (built) return built;
    const v = last(t);
    const f = flags[position];
    const tags = el('span', 'tags', [
      f?.new ? el('span', 'badge v-fail', ['new']) : null,
      f?.flaky ? el('span', 'badge v-flaky', ['flaky']) : null,
      f?.slow ? el('span', 'badge v-slow', ['slower']) : null,
    ]);
    const tr = el(
      'tr',
      null,
      [
        el('td', null, [el('span', `badge v-${v >= 0 ? 'pass' : v <= -3 ? 'fail' : 'none'}`, [status(v)])]),
        el('td', null, [testButton(t), testSuite(t) ? el('div', 'muted small', [testSuite(t)]) : null, tags]),
        el('td', 'muted small', [where(t)]),
        el('td', 'num', [dur(v) >= 0 ? ms(dur(v)) : '']),
        el('td', 'num muted', [(data.baselineMs[t] ?? -1) >= 0 ? ms(data.baselineMs[t] ?? 0) : '']),
      ],
      { 'data-test-row': String(t) },
    );
    rows.set(t, tr);
    return tr;
  }
  const active = new Set<string>();
  const search = $('search') as HTMLInputElement;
  const more = $('tests-more') as HTMLButtonElement;
  let limit = PAGE;
  function applyFilters(): void {
    const q = search.value.trim().toLowerCase();
    const matching: number[] = [];
    order.forEach((_, position) => {
      const f = flags[position] as Record<string, boolean>;
      if ([...active].every((name) => f[name]) && (q === '' || (haystack[position] ?? '').includes(q)))
        matching.push(position);
    });
    body.replaceChildren(...matching.slice(0, limit).map(rowOf));
    const shown = Math.min(limit, matching.length);
    $('tests-count').textContent =
      matching.length > shown
        ? `${shown} of ${matching.length} matching (${T} tests)`
        : `${matching.length} of ${T} tests`;
    more.hidden = matching.length <= shown;
  }
  more.addEventListener('click', () => {
    limit += PAGE * 5;
    applyFilters();
  });
  for (const button of Array.from(document.querySelectorAll<HTMLButtonElement>('[data-filter]'))) {
    const name = button.dataset.filter ?? '';
    const count = flags.filter((f) => (f as Record<string, boolean>)[name]).length;
    button.append(el('span', 'count', [` ${count}`]));
    button.addEventListener('click', () => {
      limit = PAGE;
      if (active.has(name)) active.delete(name);
      else active.add(name);
      button.setAttribute('aria-pressed', String(active.has(name)));
      applyFilters();
    });
  }
  search.addEventListener('input', () => {
    limit = PAGE;
    applyFilters();
  });
  applyFilters();

  // One test's history, in a dialog
  const dialog = $('detail') as HTMLDialogElement;
  function brokenBy(t: number): HTMLElement | null {
    for (let i = data.batches.length - 1; i >= 0; i--) {
      const b = data.batches[i];
      if (!b) continue;
      const culprit = b.culprits.find((c) => c.tests.includes(t));
      if (!culprit && !b.newFailures.includes(t)) continue;
      const edits = (culprit?.edits ?? []).map((seq) => b.edits.find((e) => e[0] === seq));
      return el('p', null, [
        el('span', 'label', ['broken by ']),
        el('a', null, [`batch ${b.id}`], { href: `#batch-${b.id}` }),
        ...edits.map((e) =>
          el('code', null, [e ? ` edit #${e[0]} ${str(e[1])}${e[3] >= 0 ? ` — ${str(e[3])}` : ''}` : '']),
        ),
      ]);
    }
    return null;
  }
  function openTest(t: number): void {
    const r = row(t);
    const failure = data.failures.find((f) => f[0] === t);
    const cell = Math.max(4, Math.min(14, Math.floor(600 / Math.max(1, R))));
    const cells = r.map((v, i) =>
      svg('rect', { x: i * cell, y: 0, width: cell - 1, height: 14, class: `cell s-${status(v)}` }, [
        title(`run ${data.runs[i]?.id ?? '?'}: ${status(v)}${dur(v) >= 0 ? `, ${ms(dur(v))}` : ''}`),
      ]),
    );
    const content = el('div', 'detail-body', [
      el('h2', null, [testName(t)]),
      testSuite(t) ? el('p', 'muted', [testSuite(t)]) : null,
      where(t) ? el('p', null, [el('code', null, [where(t, failure?.[3] || undefined)])]) : null,
      el('h3', null, [`status per run (${R})`]),
      svg(
        'svg',
        {
          class: 'cells',
          viewBox: `0 0 ${Math.max(1, R * cell)} 14`,
          width: R * cell,
          height: 14,
          role: 'img',
          'aria-label': 'status per run',
        },
        cells,
      ),
      el('h3', null, ['duration per run']),
      sparkline(t, 600, 60),
      brokenBy(t),
      failure ? el('h3', null, [`last failure (run ${data.runs[failure[1]]?.id ?? '?'})`]) : null,
      failure ? el('pre', 'message', [str(failure[2]) || '(no message)']) : null,
      el('table', 'history', [
        el('thead', null, [
          el('tr', null, [
            el('th', null, ['run']),
            el('th', null, ['batch']),
            el('th', null, ['status']),
            el('th', 'num', ['duration']),
          ]),
        ]),
        el(
          'tbody',
          null,
          r
            .map((v, i) =>
              el('tr', null, [
                el('td', null, [String(data.runs[i]?.id ?? '')]),
                el('td', null, [String((data.runs[i]?.batch ?? -1) >= 0 ? data.runs[i]?.batch : '')]),
                el('td', null, [el('span', `badge s-${status(v)}`, [status(v)])]),
                el('td', 'num', [dur(v) >= 0 ? ms(dur(v)) : '']),
              ]),
            )
            .reverse(),
        ),
      ]),
    ]);
    $('detail-content').replaceChildren(content);
    dialog.setAttribute('data-test', String(t));
    if (!dialog.open) dialog.showModal();
  }
  document.addEventListener('click', (event) => {
    const target = (event.target as Element | null)?.closest('[data-test]');
    if (target instanceof HTMLButtonElement) openTest(Number(target.dataset.test));
  });
  $('detail-close').addEventListener('click', () => dialog.close());
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) dialog.close();
    if ((event.target as Element | null)?.closest('a[href^="#batch-"]')) dialog.close();
  });
  performance.mark('batch-ready');
  document.body.setAttribute('data-ready', 'true');
  // the first frame drawn after the script: from then on the page answers clicks
  requestAnimationFrame(() => setTimeout(() => performance.mark('batch-painted'), 0));
}
