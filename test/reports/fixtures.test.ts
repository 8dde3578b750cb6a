import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { ParsedReport, TestResult } from '../../src/core/model/runModel.js';
import { parseReportFile, parseReportText } from '../../src/core/reports/index.js';
import {
  expectedCounts,
  expectedStatus,
  families,
  fixturePath,
  handwrittenDir,
  keyOf,
  reportsDir,
  root,
  type Family,
  type Variant,
} from './fixtureExpectations.js';

function counts(report: ParsedReport) {
  if (report.counts !== null) return report.counts;
  const n = (s: TestResult['status']) => report.tests.filter((t) => t.status === s).length;
  return { passed: n('passed'), failed: n('failed'), skipped: n('skipped') };
}

function byKey(report: ParsedReport): Map<string, TestResult> {
  const map = new Map<string, TestResult>();
  for (const test of report.tests) {
    const key = keyOf(test.name);
    expect(key, `unexpected test ${test.id}`).not.toBeNull();
    expect(map.has(key as string), `two tests for ${key}`).toBe(false);
    map.set(key as string, test);
  }
  return map;
}

const where = (t: TestResult | undefined) => (t ? `${t.file}:${t.line}` : 'missing');

const titled = families.map(
  (f) => [f.dir === handwrittenDir ? `${f.prefix} (hand-written)` : f.prefix, f] as const,
);

describe.each(titled)('%s', (_title, family: Family) => {
  describe.each(['baseline', 'regressed'] as Variant[])('%s', (variant) => {
    it('reads the counts, names, statuses and format the README states', async () => {
      const report = await parseReportFile(fixturePath(family, variant), { root });
      expect(report.format).toBe(family.format);
      expect(counts(report)).toEqual(expectedCounts[variant]);
      const tests = byKey(report);
      const expected = expectedStatus[variant];
      if (family.allTests) {
        expect([...tests.keys()].sort()).toEqual(Object.keys(expected).sort());
        for (const [key, test] of tests) expect(test.status, key).toBe(expected[key]);
      } else {
        const failing = Object.keys(expected).filter((k) => expected[k] === 'failed');
        expect([...tests.keys()].sort()).toEqual(failing.sort());
        for (const test of report.tests) expect(test.status).toBe('failed');
      }
      if (variant === 'baseline' && family.baselineNames) {
        expect(report.tests.map((t) => (t.suite ? `${t.suite} > ${t.name}` : t.name))).toEqual(
          family.baselineNames,
        );
      }
    });

    it('gives failure messages and file:line locations', async () => {
      const report = await parseReportFile(fixturePath(family, variant), { root });
      const tests = byKey(report);
      const known = tests.get('known');
      expect(known?.message).toMatch(/0\.3/);
      expect(where(known)).toBe(family.knownBugAt);
      if (variant === 'regressed') {
        const subtracts = tests.get('subtracts');
        expect(subtracts?.message).toContain(family.subtractsMessage);
        expect(where(subtracts)).toBe(family.subtractsAt);
      }
      for (const test of report.tests.filter((t) => t.status !== 'failed')) expect(test.stack).toBeNull();
    });

    it(
      family.durations
        ? 'gives durations: slow path ≈150 ms then ≈600 ms, the rest a few ms'
        : 'gives no per-test durations',
      async () => {
        const report = await parseReportFile(fixturePath(family, variant), { root });
        const tests = byKey(report);
        if (!family.durations) {
          for (const test of report.tests) expect(test.durationMs).toBeNull();
          return;
        }
        const slow = tests.get('slow')?.durationMs ?? NaN;
        const [low, high] = variant === 'baseline' ? [140, 260] : [580, 720];
        expect(slow).toBeGreaterThan(low);
        expect(slow).toBeLessThan(high);
        for (const [key, test] of tests) {
          if (key === 'slow' || test.status !== 'passed') continue;
          if (family.durations === 'some' && test.durationMs === null) continue;
          expect(test.durationMs, key).toBeLessThan(50);
        }
      },
    );
  });

  it('gives the same id to the same test in baseline and regressed', async () => {
    const base = await parseReportFile(fixturePath(family, 'baseline'), { root });
    const reg = await parseReportFile(fixturePath(family, 'regressed'), { root });
    const b = byKey(base);
    const r = byKey(reg);
    const shared = [...b.keys()].filter((k) => r.has(k));
    expect(shared).toContain('known');
    for (const key of shared) expect(r.get(key)?.id, key).toBe(b.get(key)?.id);
    if (family.allTests) {
      expect(r.get('subtracts')?.id).toBe(b.get('subtracts')?.id);
      expect(b.has('removed') && !r.has('removed') && r.has('added')).toBe(true);
    }
    for (const test of [...base.tests, ...reg.tests]) {
      expect(test.id).not.toContain(root);
      expect(test.id).not.toMatch(/^\//);
    }
  });

  it('reads the same from text as from the streamed file', async () => {
    const path = fixturePath(family, 'regressed');
    const fromFile = await parseReportFile(path, { root });
    const fromText = parseReportText(await readFile(path, 'utf8'), { root, fileName: path });
    expect(fromText).toEqual(fromFile);
  });
});

it('covers every fixture file in test/fixtures/reports', () => {
  const covered = new Set(families.flatMap((f) => [fixturePath(f, 'baseline'), fixturePath(f, 'regressed')]));
  const files = readdirSync(reportsDir).filter((f) => f !== 'README.md' && !f.startsWith('pytest-corners'));
  for (const file of files) expect(covered.has(`${reportsDir}${file}`), file).toBe(true);
});

describe('pytest-corners', () => {
  it('counts a failure plus teardown error once, a setup error as an error, an xfail as skipped xfail', async () => {
    const report = await parseReportFile(`${reportsDir}pytest-corners.xml`, { root });
    expect(report.tests.map((t) => [t.name, t.status, t.kind ?? null])).toEqual([
      ['test_fails_and_teardown_errors', 'failed', null],
      ['test_setup_error', 'failed', 'error'],
      ['test_expected_failure', 'skipped', 'xfail'],
      ['test_passes', 'passed', null],
    ]);
    const twice = report.tests[0];
    expect(twice?.message).toBe('assert 1 == 2');
    expect(twice?.stack).toContain('teardown exploded');
    expect(twice?.line).toBe(13);
    expect(report.notes.join('\n')).toMatch(
      /test_fails_and_teardown_errors: reported more than once \(failed, failed\)/,
    );
  });

  it('reads the same counts from the terminal output', async () => {
    const report = await parseReportFile(`${reportsDir}pytest-corners.stdout.txt`, { root });
    expect(report.counts).toEqual({ passed: 1, failed: 2, skipped: 1 });
    expect(report.tests.map((t) => t.name)).toEqual(['test_fails_and_teardown_errors', 'test_setup_error']);
    expect(report.tests.map((t) => t.line)).toEqual([13, 10]);
  });
});

describe("vitest's TAP", () => {
  // vitest writes the regressed `divides by zero throws` error's multi-line `actual` unindented
  it('reads the test whose YAML block breaks as failed, with the broken block’s message where it can', async () => {
    const name = (t: TestResult) => keyOf(t.name) === 'divides';
    const flat = await parseReportFile(`${reportsDir}vitest-tap-flat.regressed.tap`, { root });
    const divides = flat.tests.find(name);
    expect([divides?.status, divides?.message]).toEqual([
      'failed',
      'expected error to be instance of RangeError',
    ]);
    expect(where(divides)).toBe('vt/test/sample.test.js:10');
    // nested: the TAP parser hands the broken lines to the top level, so the message is lost
    const nested = await parseReportFile(`${reportsDir}vitest-tap.regressed.tap`, { root });
    expect(nested.tests.find(name)?.status).toBe('failed');
  });
});
