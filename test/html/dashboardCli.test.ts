import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Batch } from '../../src/core/model/batchModel.js';
import type { Run } from '../../src/core/model/runModel.js';
import { browserMissing, openInChromium, type OpenedPage } from '../support/browser.js';
import { PROJECT_ROOT, TempRepo } from '../support/repo.js';

const missing = browserMissing();
const artifacts = join(PROJECT_ROOT, 'test-artifacts');
const ODD_NAME = `shows <script>alert("x")</script> & "quotes" — ünïcödé ✓`;

const MATH = 'exports.add = (a, b) => a + b;\nexports.sub = (a, b) => a - b;\n';
const TESTS = `const { test } = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const m = require('../src/math.js');

test('adds', () => assert.equal(m.add(1, 2), 3));
test('subtracts', () => assert.equal(m.sub(3, 1), 2));
test(${JSON.stringify(ODD_NAME)}, () => {});
test('flaky clock', () => {
  // fails on every other run, whatever the tree: a counter outside the repository
  const file = process.env.FLAKY_COUNTER;
  const n = Number(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '0') + 1;
  fs.writeFileSync(file, String(n));
  assert.ok(n % 2 === 1, 'the clock ticked on an even run');
});
`;

/**
 * The issue's check: 12 batches, batch 7 breaks `subtracts` (its culprit stored with it, as the
 * culprit search stores it), batch 12 rolled back, a test that passes and fails on the same tree.
 */
function twelveBatches(repo: TempRepo): void {
  repo.env.FLAKY_COUNTER = join(repo.home, 'flaky-counter');
  repo.write('src/math.js', MATH);
  repo.write('test/math.test.js', TESTS);
  repo.write('.batchrc', JSON.stringify({ batchSize: 1, testCommand: 'node --test test/' }));
  repo.git('add', '-A');
  repo.git('commit', '-q', '-m', 'sample');
  expect(repo.batch(['init']).code).toBe(0);
  for (let i = 1; i <= 12; i++) {
    const path = i === 7 ? 'src/math.js' : `notes/${i}.md`;
    repo.write(path, i === 7 ? MATH.replace('a - b', 'a + b') : `note ${i}\n`);
    const recorded = repo.batch(['record', path, '-d', i === 7 ? 'simplify sub' : `note ${i}`]);
    expect(recorded.code, recorded.stderr).not.toBe(3);
  }
  // two runs on one tree: the flaky test passes on one and fails on the other
  repo.batch(['test']);
  repo.batch(['test']);
  const batch7 = JSON.parse(readFileSync(repo.path('.batch/batches/7.json'), 'utf8')) as Batch;
  const run7 = JSON.parse(readFileSync(repo.path(`.batch/runs/${batch7.runId}.json`), 'utf8')) as Run;
  const subtracts = run7.tests.find((t) => t.name === 'subtracts');
  const edit = batch7.edits[0];
  if (!subtracts || !edit) throw new Error('batch 7 did not break subtracts');
  // the culprit search stores what it found where `batch bisect` keeps it: the page reads it from there
  const bisect = repo.batch(['bisect', '7']);
  expect(bisect.code, bisect.stdout + bisect.stderr).toBe(0);
  const search = JSON.parse(readFileSync(repo.path('.batch/culprits/7.json'), 'utf8')) as {
    culprits: { edits: { seq: number }[]; tests: { id: string }[] }[];
  };
  expect(search.culprits.map((c) => [c.edits.map((x) => x.seq), c.tests.map((t) => t.id)])).toEqual([
    [[edit.seq], [subtracts.id]],
  ]);
  const rollback = repo.batch(['rollback', '12', '--yes']);
  expect(rollback.code, rollback.stdout + rollback.stderr).not.toBe(3);
}

/** The test names whose newest result, over every stored run, is a failure (sorted). */
function lastFailing(repo: TempRepo): string[] {
  const ids = readdirSync(repo.path('.batch/runs'))
    .map((n) => Number.parseInt(n, 10))
    .filter(Number.isInteger)
    .sort((a, b) => a - b);
  const status = new Map<string, string>();
  for (const id of ids) {
    const run = JSON.parse(readFileSync(repo.path(`.batch/runs/${id}.json`), 'utf8')) as Run;
    for (const t of run.tests) status.set(t.name, t.status);
  }
  return [...status]
    .filter(([, s]) => s === 'failed')
    .map(([name]) => name)
    .sort();
}

describe('batch dashboard on a repository with 12 batches', () => {
  let repo: TempRepo;
  let runs: number;
  beforeAll(() => {
    repo = TempRepo.create();
    twelveBatches(repo);
    runs = readdirSync(repo.path('.batch/runs')).length;
  }, 120_000);
  afterAll(() => repo.cleanup());

  it('writes one file, .batch/dashboard.html by default, with every batch and run in its data', () => {
    const result = repo.batch(['dashboard']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('wrote .batch/dashboard.html');
    expect(result.stdout).toContain(`12 batches, ${runs} runs`);
    const html = readFileSync(repo.path('.batch/dashboard.html'), 'utf8');
    // nothing to fetch: the only address in the file is the SVG namespace, which is a name, not a request
    expect(html.replaceAll('http://www.w3.org/2000/svg', '')).not.toMatch(/https?:\/\//);
    expect(html).not.toContain(ODD_NAME);
    expect(html).toContain('Content-Security-Policy');
  });

  it("lists as flaky exactly the tests batch flaky lists, with batch flaky's flip rates", () => {
    expect(repo.batch(['dashboard']).code).toBe(0);
    const data = pageData(readFileSync(repo.path('.batch/dashboard.html'), 'utf8')) as unknown as {
      flaky: { test: number; flipRate: number }[];
      tests: [number][];
      strings: string[];
    };
    const flaky = repo.json<{ flaky: { name: string; flipRate: number }[] }>(['flaky']).flaky;
    expect(flaky.map((f) => f.name)).toContain('flaky clock');
    const shown = data.flaky.map((f) => [data.strings[data.tests[f.test]?.[0] ?? -1], f.flipRate / 1000]);
    expect(shown).toEqual(flaky.map((f) => [f.name, f.flipRate]));
  });

  it('writes where --out says and refuses a --runs that is not a count', () => {
    expect(repo.batch(['dashboard', '--out', 'out/page.html', '--runs', '3']).code).toBe(0);
    expect(statSync(repo.path('out/page.html')).size).toBeGreaterThan(1000);
    const bad = repo.batch(['dashboard', '--runs', '0']);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain('--runs must be a whole number');
  });

  it('--open hands the file to the system opener (xdg-open here) without waiting for it', async () => {
    const bin = join(repo.home, 'bin');
    mkdirSync(bin, { recursive: true });
    const opened = join(repo.home, 'opened.txt');
    writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\necho "$1" > ${JSON.stringify(opened)}\n`, {
      mode: 0o755,
    });
    const result = repo.batch(['dashboard', '--open'], { env: { PATH: `${bin}:${process.env.PATH ?? ''}` } });
    expect(result.code, result.stderr).toBe(0);
    for (let i = 0; i < 50 && !existsSync(opened); i++) await new Promise((r) => setTimeout(r, 100));
    expect(readFileSync(opened, 'utf8').trim()).toBe(repo.path('.batch/dashboard.html'));
  });

  it('report --format html writes one batch; compare --format html writes the comparison', () => {
    const report = repo.batch(['report', '7', '--format', 'html', '--out', 'batch-7.html']);
    expect(report.code, report.stderr).toBe(0);
    const data = pageData(readFileSync(repo.path('batch-7.html'), 'utf8'));
    expect(
      data.batches.map((b: { id: number }) => b.id),
      report.stdout,
    ).toEqual([7]);
    // the runs up to batch 7's newest, none after it
    const batchOfRuns = data.runs.map((r) => r.batch);
    expect(batchOfRuns.at(-1)).toBe(7);
    expect(batchOfRuns.every((b) => b <= 7)).toBe(true);
    expect(repo.batch(['report', '--out', 'x.txt']).code).toBe(3);
    repo.batch(['baseline']);
    const compare = repo.batch(['compare', '--format', 'html', '--out', 'compare.html']);
    expect([0, 1, 2]).toContain(compare.code);
    expect(readFileSync(repo.path('compare.html'), 'utf8')).toContain(
      '<script type="application/json" id="batch-data">',
    );
  });

  describe.skipIf(missing !== null)(
    `opened in headless Chromium${missing ? ` (skipped: ${missing})` : ''}`,
    () => {
      let opened: OpenedPage;
      beforeAll(async () => {
        expect(repo.batch(['dashboard']).code).toBe(0);
        runs = readdirSync(repo.path('.batch/runs')).length;
        opened = await openInChromium(repo.path('.batch/dashboard.html'));
        await opened.page.waitForSelector('body[data-ready="true"]');
      }, 60_000);
      afterAll(async () => {
        await opened?.close();
      });

      it('loads with no console error and no network request, and draws a point per run', async () => {
        mkdirSync(artifacts, { recursive: true });
        await opened.page.screenshot({ path: join(artifacts, 'dashboard-12-batches.png'), fullPage: true });
        expect(opened.errors).toEqual([]);
        expect(opened.requests).toEqual([]);
        expect(await opened.page.locator('#chart-pass circle.pt').count()).toBe(runs);
        expect(await opened.page.locator('#chart-ms circle.pt').count()).toBe(runs);
        expect(await opened.page.locator('#chart-pass path.series').getAttribute('d')).toMatch(
          /^M[\d.]+ [\d.]+(L[\d.]+ [\d.]+)+$/,
        );
      });

      it('shows all 12 batches, batch 7 with its culprit edit and failing test, batch 12 rolled back', async () => {
        const page = opened.page;
        expect(await page.locator('#timeline-list li.batch').count()).toBe(12);
        const seven = page.locator('#batch-7');
        expect(await seven.locator('.culprit').textContent()).toMatch(
          /src\/math\.js — simplify sub.*subtracts/,
        );
        expect(await page.locator('#batch-12 .v-rolled').textContent()).toBe('rolled back');
        expect(await page.locator('#timeline-list li.operation').textContent()).toContain(
          'rollback to before batch 12',
        );
      });

      it('lists the flaky test with its flip rate, and shows odd names as text', async () => {
        const page = opened.page;
        expect(await page.locator('#flaky-list').textContent()).toMatch(/flaky clock\s+flip rate \d+%/);
        expect(await page.locator('#tests-body .test-link').allTextContents()).toContain(ODD_NAME);
        expect(await page.locator('#tests-body script').count()).toBe(0);
      });

      it('filters and search change the rows', async () => {
        const page = opened.page;
        const visible = () => page.locator('#tests-body tr:not([hidden])').count();
        expect(await visible()).toBe(4);
        await page.click('[data-filter="failed"]');
        // failed: the tests whose newest result in the run files is a failure (subtracts, and the flaky
        // clock when its last run fell on an even tick: the culprit search's tries of it count too)
        expect(
          (await page.locator('#tests-body tr:not([hidden]) .test-link').allTextContents()).sort(),
        ).toEqual(lastFailing(repo));
        await page.click('[data-filter="failed"]');
        await page.click('[data-filter="flaky"]');
        expect(await page.locator('#tests-body tr:not([hidden]) .test-link').allTextContents()).toEqual([
          'flaky clock',
        ]);
        await page.click('[data-filter="flaky"]');
        await page.fill('#search', 'subtr');
        expect(await page.locator('#tests-body tr:not([hidden]) .test-link').allTextContents()).toEqual([
          'subtracts',
        ]);
        await page.fill('#search', '');
        expect(await visible()).toBe(4);
      });

      it('opens a test history on click (and from the keyboard), with its message and the batch that broke it', async () => {
        const page = opened.page;
        await page.locator('#tests-body .test-link', { hasText: 'subtracts' }).click();
        const dialog = page.locator('#detail');
        expect(await dialog.isVisible()).toBe(true);
        expect(await dialog.locator('h2').textContent()).toBe('subtracts');
        expect(await dialog.locator('rect.cell').count()).toBe(runs);
        expect(await dialog.textContent()).toContain('broken by batch 7');
        expect(await dialog.locator('pre.message').textContent()).toMatch(/\S/);
        await page.keyboard.press('Escape');
        expect(await dialog.isVisible()).toBe(false);
        await page.locator('#tests-body .test-link', { hasText: 'adds' }).focus();
        await page.keyboard.press('Enter');
        expect(await dialog.locator('h2').textContent()).toBe('adds');
        await page.keyboard.press('Escape');
      });

      it('reads in the dark colour scheme too (screenshot for the README)', async () => {
        await opened.page.evaluate(() => {
          (document.activeElement as HTMLElement | null)?.blur();
          window.scrollTo(0, 0);
        });
        await opened.page.emulateMedia({ colorScheme: 'dark' });
        await opened.page.screenshot({ path: join(artifacts, 'dashboard-dark.png'), fullPage: true });
        const dark = await opened.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        await opened.page.emulateMedia({ colorScheme: 'light' });
        await opened.page.screenshot({ path: join(artifacts, 'dashboard.png'), fullPage: true });
        const light = await opened.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        expect(dark).not.toBe(light);
        await opened.page.emulateMedia({ media: 'print' });
        expect(await opened.page.locator('.controls').isVisible()).toBe(false);
        await opened.page.emulateMedia({ media: 'screen' });
        expect(opened.errors).toEqual([]);
      });
    },
  );
});

/** The data block of a written page. */
function pageData(html: string) {
  const json = /<script type="application\/json" id="batch-data">([^<]*)<\/script>/.exec(html)?.[1] ?? '{}';
  return JSON.parse(json) as { batches: { id: number }[]; runs: { batch: number }[] };
}
