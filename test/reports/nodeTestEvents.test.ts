import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseNodeTestEvents, parseReportText, sniffFormat } from '../../src/core/reports/index.js';

const reporterSource = new URL('../../src/reporters/nodeTestReporter.ts', import.meta.url);

const suiteA = `import { describe, it, test, after } from 'node:test';
import assert from 'node:assert/strict';
describe('math', () => {
  it('adds', () => { assert.equal(1 + 1, 2); });
  it('fails', () => { assert.equal(1 + 1, 3); });
  it.skip('skipped', () => {});
  it.todo('todo failing', () => { throw new Error('not yet'); });
  describe('nested', () => {
    it('deep', () => {});
  });
});
test('top level with cause', () => { throw new Error('outer', { cause: new Error('root cause') }); });
describe('hooked', () => {
  after(() => { throw new Error('after hook broke'); });
  it('fine', () => {});
});
`;
const suiteB = `import { test } from 'node:test';
test('parent', async (t) => {
  await t.test('child', () => {});
});
test('fine', () => {});
`;

describe('the node:test reporter on a real node --test run', () => {
  let dir = '';
  let events = '';
  let spec = '';

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'batch-node-reporter-'));
    mkdirSync(join(dir, 'test'));
    writeFileSync(join(dir, 'test', 'a.test.mjs'), suiteA);
    writeFileSync(join(dir, 'test', 'b.test.mjs'), suiteB);
    // the reporter exactly as in src, compiled the way tsc would (node cannot load .ts on Node 20)
    const js = ts.transpileModule(readFileSync(reporterSource, 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    writeFileSync(join(dir, 'reporter.mjs'), js);
    const result = spawnSync(
      process.execPath,
      [
        '--test',
        `--test-reporter=${join(dir, 'reporter.mjs')}`,
        `--test-reporter-destination=${join(dir, 'events.jsonl')}`,
        '--test-reporter=spec',
        '--test-reporter-destination=stdout',
      ],
      {
        cwd: dir,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', HOME: dir, NO_COLOR: '1', TZ: 'UTC' },
      },
    );
    expect(result.status, result.stderr).toBe(1);
    events = readFileSync(join(dir, 'events.jsonl'), 'utf8');
    spec = result.stdout;
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes one JSON event per line', () => {
    const lines = events.trim().split('\n');
    for (const line of lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
    expect(sniffFormat(events)).toBe('node-test');
  });

  it('gives every test its file, line, suite, status and duration', () => {
    const report = parseNodeTestEvents(events, { root: dir });
    expect(report.tests.map((t) => [t.id, t.status, t.line])).toEqual([
      ['test/a.test.mjs::math > adds', 'passed', 4],
      ['test/a.test.mjs::math > fails', 'failed', 5],
      ['test/a.test.mjs::math > skipped', 'skipped', 6],
      ['test/a.test.mjs::math > todo failing', 'skipped', 7],
      ['test/a.test.mjs::math > nested > deep', 'passed', 9],
      ['test/a.test.mjs::top level with cause', 'failed', 12],
      ['test/a.test.mjs::hooked', 'failed', 13],
      ['test/a.test.mjs::hooked > fine', 'passed', 15],
      ['test/b.test.mjs::parent > child', 'passed', 3],
      ['test/b.test.mjs::fine', 'passed', 5],
    ]);
    for (const test of report.tests) {
      expect(test.file).toMatch(/^test\/[ab]\.test\.mjs$/);
      expect(test.durationMs).toBeGreaterThanOrEqual(0);
    }
    expect(report.durationMs).toBeGreaterThan(0);
  });

  it('carries the failure message, the cause, and the stack', () => {
    const report = parseNodeTestEvents(events, { root: dir });
    const fails = report.tests.find((t) => t.name === 'fails');
    expect(fails?.message).toContain('2 !== 3');
    expect(fails?.stack).toContain('a.test.mjs:5');
    const cause = report.tests.find((t) => t.name === 'top level with cause');
    expect(cause?.message).toBe('outer');
    expect(cause?.stack).toMatch(/Caused by: Error: root cause/);
    const hooked = report.tests.find((t) => t.id === 'test/a.test.mjs::hooked');
    expect(hooked?.message).toContain('after hook broke');
  });

  it('agrees with the spec output written to stdout in the same run', () => {
    const fromSpec = parseReportText(spec, { root: dir });
    expect(fromSpec.format).toBe('stdout:node');
    expect(fromSpec.tests.map((t) => t.name).sort()).toEqual(['fails', 'hooked', 'top level with cause']);
  });
});

describe('parseNodeTestEvents', () => {
  it('skips lines that are not JSON with a note, and reads the flat event form too', () => {
    const text = `garbage\n{"type":"test:pass","name":"flat","nesting":0,"file":"/p/t.mjs","line":2,"details":{"duration_ms":1}}\n{"type":"test:fa`;
    const report = parseNodeTestEvents(text, { root: '/p' });
    expect(report.tests.map((t) => [t.id, t.status, t.durationMs])).toEqual([['t.mjs::flat', 'passed', 1]]);
    expect(report.notes).toEqual(['2 lines of the event file were not JSON and were skipped']);
  });
});
