import { readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Comparison } from '../../src/core/model/comparisonModel.js';
import type { Run } from '../../src/core/model/runModel.js';
import { assertBuilt, batch, fixturesDir, hermeticEnv, named, phrasesOf, tempDir } from './cliHarness.js';

const phrases = [
  'subtracts',
  'divides by zero throws',
  'known bug',
  'added test',
  'removed later',
  'slow path',
];

/** Terminal outputs that name only the failing tests (`pytest -q`, jest's default reporter without its tree). */
const failuresOnly = ['pytest-stdout', 'jest-noverbose'];

/**
 * Outputs that print no per-test duration (`pytest -v`/`-rA`/`-q` without `--durations`, cargo, jest
 * without its tree, mocha's TAP).
 */
const withoutDurations = [
  'pytest-stdout',
  'pytest-verbose',
  'pytest-rA',
  'cargo-stdout',
  'jest-noverbose',
  'mocha-tap',
];

/** Every `<name>.baseline.<ext>` fixture with its `<name>.regressed.<ext>` partner. */
const pairs = readdirSync(fixturesDir)
  .filter((f) => f.includes('.baseline.'))
  .map((f) => ({
    name: f.split('.baseline.')[0] ?? f,
    baseline: f,
    regressed: f.replace('.baseline.', '.regressed.'),
  }))
  .filter((p) => readdirSync(fixturesDir).includes(p.regressed));

let dir: string;
let cleanup: () => Promise<void>;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  assertBuilt();
  ({ dir, cleanup } = await tempDir('batch-compare-'));
  env = hermeticEnv(dir);
});
afterAll(async () => cleanup());

function fixture(file: string): string {
  return join(fixturesDir, file);
}

function comparisonOf(stdout: string): Comparison {
  return JSON.parse(stdout) as Comparison;
}

it('finds the fixture pairs', () => {
  expect(pairs.map((p) => p.name)).toEqual(
    expect.arrayContaining(['vitest-junit', 'jest-json', 'pytest-stdout']),
  );
});

describe.each(pairs)('$name: baseline, then compare the regressed run', ({ name, baseline, regressed }) => {
  let baselineFile: string;
  let stored: Run;
  let comparison: Comparison;
  let code: number | null;

  beforeAll(async () => {
    baselineFile = join(dir, `${name}.baseline.json`);
    const made = batch(
      ['baseline', '--results', fixture(baseline), '--baseline-file', baselineFile],
      dir,
      env,
    );
    expect(made.stderr).toContain('the baseline holds 1 failing test');
    expect(made.code).toBe(0);
    stored = JSON.parse(await readFile(baselineFile, 'utf8')) as Run;
    const compared = batch(
      ['compare', '--results', fixture(regressed), '--baseline-file', baselineFile, '--json'],
      dir,
      env,
    );
    code = compared.code;
    comparison = comparisonOf(compared.stdout);
  });

  it('exits 2 with exactly the two new failures, and the known bug as still failing', () => {
    expect(code).toBe(2);
    expect(comparison.exitCode).toBe(2);
    expect(phrasesOf(comparison.newFailures, phrases)).toEqual(['divides by zero throws', 'subtracts']);
    expect(phrasesOf(comparison.stillFailing, phrases)).toEqual(['known bug']);
    expect(comparison.fixed).toEqual([]);
    expect(comparison.totals).toMatchObject({ total: 9, passed: 5, failed: 3, skipped: 1 });
  });

  it('lists the added and the removed test wherever the format names passing tests', () => {
    // pytest -q and jest without its tree print only the failing tests' names: added and removed
    // tests cannot be told there. Every other fixture, terminal output included, lists every test.
    const namesAll = stored.source.granularity !== 'summary';
    expect(namesAll).toBe(!failuresOnly.includes(name));
    expect(phrasesOf(comparison.added, phrases)).toEqual(namesAll ? ['added test'] : []);
    expect(phrasesOf(comparison.removed, phrases)).toEqual(namesAll ? ['removed later'] : []);
  });

  it('finds exactly one slowdown, slow path, where the format has durations, and none from jitter', () => {
    const slowPath = stored.tests.find((t) => named(t, 'slow path'));
    const hasDurations = typeof slowPath?.durationMs === 'number';
    expect(hasDurations).toBe(!withoutDurations.includes(name));
    expect(phrasesOf(comparison.slowdowns, phrases)).toEqual(hasDurations ? ['slow path'] : []);
    for (const slow of comparison.slowdowns) expect(slow.ratio).toBeGreaterThan(3);
  });

  it('compares the baseline report with itself as exit 1 with no regression', () => {
    const self = batch(
      ['compare', '--results', fixture(baseline), '--baseline-file', baselineFile, '--json'],
      dir,
      env,
    );
    expect(self.code).toBe(1);
    const c = comparisonOf(self.stdout);
    expect({ ...c, stillFailing: phrasesOf(c.stillFailing, phrases) }).toMatchObject({
      exitCode: 1,
      newFailures: [],
      stillFailing: ['known bug'],
      fixed: [],
      added: [],
      removed: [],
      slowdowns: [],
    });
  });

  it('stores no absolute path of this machine in the baseline', async () => {
    expect(await readFile(baselineFile, 'utf8')).not.toContain(dir);
    expect(stored).toMatchObject({ schemaVersion: 1, total: 9, passed: 7, failed: 1, skipped: 1 });
  });
});

/** Splits a JUnit file's test cases round-robin into `count` files, each a `<testsuite>` of the same name. */
function splitJunit(xml: string, count: number): string[] {
  const suite = /<testsuite\s[^>]*?name="([^"]*)"/.exec(xml)?.[1] ?? 'shard';
  const cases: string[] = [];
  const open = /<testcase\b[^>]*?(\/?)>/g;
  for (let m = open.exec(xml); m !== null; m = open.exec(xml)) {
    const end =
      m[1] === '/' ? open.lastIndex : xml.indexOf('</testcase>', open.lastIndex) + '</testcase>'.length;
    cases.push(xml.slice(m.index, end));
    open.lastIndex = end;
  }
  return Array.from({ length: count }, (_, shard) => {
    const mine = cases.filter((_, i) => i % count === shard);
    const time = mine.reduce((sum, c) => sum + Number(/time="([^"]*)"/.exec(c)?.[1] ?? 0), 0);
    return [
      '<?xml version="1.0" encoding="UTF-8" ?>',
      `<testsuites name="vitest tests" tests="${mine.length}" time="${time}">`,
      `<testsuite name="${suite}" tests="${mine.length}" time="${time}">`,
      ...mine,
      '</testsuite>',
      '</testsuites>',
    ].join('\n');
  });
}

describe('shards', () => {
  /** What must not depend on how the run was split: everything but the whole run's duration. */
  function verdictOf(c: Comparison) {
    const { durationMs: _durationMs, ...totals } = c.totals;
    return { ...c, runSlowdown: null, totals, referenceTotals: null, reference: null };
  }

  it('compares a suite split into three shard reports exactly as the single report', async () => {
    for (const kind of ['baseline', 'regressed']) {
      const shards = splitJunit(await readFile(fixture(`vitest-junit.${kind}.xml`), 'utf8'), 3);
      expect(shards.every((s) => s.includes('<testcase'))).toBe(true);
      await Promise.all(shards.map((xml, i) => writeFile(join(dir, `${kind}-shard-${i}.xml`), xml)));
    }
    const single = join(dir, 'single.json');
    const sharded = join(dir, 'sharded.json');
    expect(
      batch(
        ['baseline', '--results', fixture('vitest-junit.baseline.xml'), '--baseline-file', single],
        dir,
        env,
      ).code,
    ).toBe(0);
    expect(
      batch(['baseline', '--results', 'baseline-shard-*.xml', '--baseline-file', sharded], dir, env).code,
    ).toBe(0);

    const one = batch(
      ['compare', '--results', fixture('vitest-junit.regressed.xml'), '--baseline-file', single, '--json'],
      dir,
      env,
    );
    const glob = batch(
      ['compare', '--results', 'regressed-shard-*.xml', '--baseline-file', sharded, '--json'],
      dir,
      env,
    );
    const listed = batch(
      [
        'compare',
        '--results',
        'regressed-shard-2.xml',
        'regressed-shard-0.xml',
        'regressed-shard-1.xml',
        '--baseline-file',
        single,
        '--json',
      ],
      dir,
      env,
    );
    expect(one.code).toBe(2);
    expect(comparisonOf(one.stdout).newFailures).toHaveLength(2);
    expect(glob.code).toBe(2);
    expect(listed.code).toBe(2);
    expect(verdictOf(comparisonOf(glob.stdout))).toEqual(verdictOf(comparisonOf(one.stdout)));
    expect(verdictOf(comparisonOf(listed.stdout))).toEqual(verdictOf(comparisonOf(one.stdout)));
  });
});
