import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readBaselineFile, toBaseline, writeBaselineFile } from '../../src/core/compare/baselineFile.js';
import { BatchError } from '../../src/core/context/errors.js';
import { makeRun, makeTest } from './runBuilder.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'batch-baseline-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function readError(path: string): Promise<BatchError> {
  const error: unknown = await readBaselineFile(path, 'shown/baseline.json').catch((e: unknown) => e);
  expect(error).toBeInstanceOf(BatchError);
  return error as BatchError;
}

describe('toBaseline', () => {
  it('adds the schema version and makes paths under the root relative', () => {
    const run = makeRun(
      [makeTest('a', { id: '/ci/work/app/a.test.ts::a', file: '/ci/work/app/a.test.ts' })],
      {
        source: { format: 'junit', files: ['/ci/work/app/reports/junit.xml'] },
      },
    );
    const baseline = toBaseline(run, '/ci/work/app');
    expect(baseline.schemaVersion).toBe(1);
    expect(baseline.tests[0]).toMatchObject({ id: 'a.test.ts::a', file: 'a.test.ts' });
    expect(baseline.source.files).toEqual(['reports/junit.xml']);
    expect(JSON.stringify(baseline)).not.toContain('/ci/work/app');
  });
});

describe('baseline file', () => {
  it('reads back what it wrote', async () => {
    const path = join(dir, 'nested', 'baseline.json');
    const baseline = toBaseline(
      makeRun([makeTest('a'), makeTest('b', { status: 'failed', kind: 'error' })]),
      null,
    );
    await writeBaselineFile(path, baseline);
    expect(await readBaselineFile(path)).toEqual(baseline);
    expect(await readdir(join(dir, 'nested'))).toEqual(['baseline.json']);
  });

  it('replaces an existing baseline in one step and leaves no temp file when the rename fails', async () => {
    const path = join(dir, 'baseline.json');
    await writeBaselineFile(path, toBaseline(makeRun([makeTest('old')]), null));
    await writeBaselineFile(path, toBaseline(makeRun([makeTest('new')]), null));
    expect((await readBaselineFile(path)).tests.map((t) => t.name)).toEqual(['new']);
    // A directory in the way makes the final rename fail: the error surfaces and no temp file is left.
    const blocked = join(dir, 'blocked.json');
    await mkdir(join(blocked, 'inside'), { recursive: true });
    await expect(writeBaselineFile(blocked, toBaseline(makeRun([]), null))).rejects.toThrow();
    expect((await readdir(dir)).sort()).toEqual(['baseline.json', 'blocked.json']);
  });

  it('says there is no baseline file, naming it, with a hint', async () => {
    const error = await readError(join(dir, 'missing.json'));
    expect(error.message).toBe('no baseline file at shown/baseline.json');
    expect(error.hint).toContain('batch baseline');
    expect(error.exitCode).toBe(3);
  });

  it('names a file that is not JSON (a truncated one, say)', async () => {
    const path = join(dir, 'baseline.json');
    await writeFile(path, '{"schemaVersion": 1, "tests": [');
    const error = await readError(path);
    expect(error.message).toMatch(/^the baseline file shown\/baseline.json is not valid JSON/);
  });

  it('lists what is wrong with a file shaped wrong', async () => {
    const path = join(dir, 'baseline.json');
    await writeFile(
      path,
      JSON.stringify({ schemaVersion: 1, tests: [{ id: 'a', status: 'green' }, 'x'], failed: 'two' }),
    );
    const error = await readError(path);
    expect(error.message).toBe('the baseline file shown/baseline.json is not a batch baseline:');
    expect(error.details).toEqual([
      'tests[0].status is "green", expected passed, failed, skipped',
      'tests[1] is not an object',
      'failed is "two", expected a number',
    ]);
  });

  it('refuses JSON without tests, and a file from a newer batch', async () => {
    const path = join(dir, 'baseline.json');
    await writeFile(path, JSON.stringify({ schemaVersion: 1, passed: 3 }));
    expect((await readError(path)).details).toEqual(['tests[] is missing']);
    await writeFile(path, JSON.stringify({ schemaVersion: 2, tests: [] }));
    const error = await readError(path);
    expect(error.message).toBe(
      'the baseline file shown/baseline.json has schemaVersion 2; this batch reads up to 1',
    );
    expect(error.hint).toContain('upgrade batch');
  });

  it('migrates a bare run without schemaVersion (version 0), filling what it lacks', async () => {
    const path = join(dir, 'run.json');
    await writeFile(
      path,
      JSON.stringify({
        tests: [
          { id: 'x.test.ts::x', status: 'failed' },
          { id: 'y', status: 'passed' },
        ],
      }),
    );
    const baseline = await readBaselineFile(path);
    expect(baseline).toMatchObject({
      schemaVersion: 1,
      total: 2,
      passed: 1,
      failed: 1,
      skipped: 0,
      success: false,
    });
    expect(baseline.tests[0]).toEqual({
      id: 'x.test.ts::x',
      name: 'x.test.ts::x',
      suite: '',
      file: null,
      line: null,
      status: 'failed',
      durationMs: null,
      message: null,
      stack: null,
    });
    expect(baseline.source).toEqual({ format: 'unknown', files: [] });
  });

  it('keeps the file it read unchanged on disk', async () => {
    const path = join(dir, 'baseline.json');
    const text = JSON.stringify({ tests: [{ id: 'a', status: 'passed' }] });
    await writeFile(path, text);
    await readBaselineFile(path);
    expect(await readFile(path, 'utf8')).toBe(text);
  });
});
