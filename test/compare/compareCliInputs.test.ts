import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Comparison } from '../../src/core/model/comparisonModel.js';
import { assertBuilt, batch, fixturesDir, git, hermeticEnv, tempDir, type CliResult } from './cliHarness.js';

const baselineReport = join(fixturesDir, 'vitest-junit.baseline.xml');
const regressedReport = join(fixturesDir, 'vitest-junit.regressed.xml');

let dir: string;
let cleanup: () => Promise<void>;
let env: NodeJS.ProcessEnv;
let baselineFile: string;
beforeAll(async () => {
  assertBuilt();
  ({ dir, cleanup } = await tempDir('batch-inputs-'));
  env = hermeticEnv(dir);
  baselineFile = join(dir, 'baseline.json');
  expect(
    batch(['baseline', '--results', baselineReport, '--baseline-file', baselineFile], dir, env).code,
  ).toBe(0);
});
afterAll(async () => cleanup());

/** Exit 3, the file named in the error, and no stack trace. */
function expectRefusal(result: CliResult, named: string): void {
  expect(result.code).toBe(3);
  expect(result.stderr).toMatch(/^error: /);
  expect(result.stderr).toContain(named);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stdout).toBe('');
}

describe('bad input exits 3, naming the file, without a stack', () => {
  it('a baseline file that does not exist', () => {
    const result = batch(['compare', '--results', regressedReport, '--baseline-file', 'gone.json'], dir, env);
    expectRefusal(result, 'no baseline file at gone.json');
    expect(result.stderr).toContain('hint: ');
  });

  it('a corrupt or truncated baseline file', async () => {
    const text = await readFile(baselineFile, 'utf8');
    await writeFile(join(dir, 'truncated.json'), text.slice(0, text.length / 2));
    expectRefusal(
      batch(['compare', '--results', regressedReport, '--baseline-file', 'truncated.json'], dir, env),
      'truncated.json',
    );
    await writeFile(join(dir, 'shape.json'), JSON.stringify({ schemaVersion: 1, tests: [{ id: 'x' }] }));
    const shape = batch(['compare', '--results', regressedReport, '--baseline-file', 'shape.json'], dir, env);
    expectRefusal(shape, 'shape.json is not a batch baseline');
    expect(shape.stderr).toContain('tests[0].status');
  });

  it('a baseline written by a newer batch', async () => {
    await writeFile(join(dir, 'future.json'), JSON.stringify({ schemaVersion: 99, tests: [] }));
    expectRefusal(
      batch(['compare', '--results', regressedReport, '--baseline-file', 'future.json'], dir, env),
      'schemaVersion 99',
    );
  });

  it('a report file that does not exist, or a glob that matches nothing', () => {
    expectRefusal(
      batch(['compare', '--results', 'missing.xml', '--baseline-file', baselineFile], dir, env),
      'missing.xml',
    );
    expectRefusal(
      batch(['baseline', '--results', 'reports/*.xml', '--baseline-file', 'b.json'], dir, env),
      'reports/*.xml',
    );
  });

  it('a file that is no test report', async () => {
    await writeFile(join(dir, 'notes.txt'), 'Shopping list\n- milk\n- eggs\n');
    expectRefusal(
      batch(['compare', '--results', 'notes.txt', '--baseline-file', baselineFile], dir, env),
      'notes.txt',
    );
  });

  it('a truncated XML report', async () => {
    const xml = await readFile(regressedReport, 'utf8');
    await writeFile(join(dir, 'cut.xml'), xml.slice(0, Math.floor(xml.length * 0.6)));
    expectRefusal(
      batch(['compare', '--results', 'cut.xml', '--baseline-file', baselineFile], dir, env),
      'cut.xml',
    );
  });

  it('a bad threshold', () => {
    const result = batch(
      ['compare', '--results', regressedReport, '--baseline-file', baselineFile, '--threshold', '-1'],
      dir,
      env,
    );
    expectRefusal(result, '--threshold');
  });

  it('outside a git repository without --baseline-file', () => {
    const result = batch(['baseline', '--results', baselineReport], dir, env);
    expectRefusal(result, '--baseline-file');
  });

  it('no --results outside a git repository (there are no tests batch could run)', () => {
    const result = batch(['compare', '--baseline-file', baselineFile], dir, env);
    expectRefusal(result, 'needs a git repository');
    expect(result.stderr).toContain('--results');
  });
});

describe('outputs', () => {
  it('--threshold and --min-ms change what counts as a slowdown', () => {
    const args = ['compare', '--results', regressedReport, '--baseline-file', baselineFile, '--json'];
    const strict = JSON.parse(batch([...args, '--threshold', '5'], dir, env).stdout) as Comparison;
    expect(strict.slowdowns).toEqual([]);
    const loose = JSON.parse(batch([...args, '--min-ms', '1000'], dir, env).stdout) as Comparison;
    expect(loose.slowdowns).toEqual([]);
  });

  it('--format junit prints the run as JUnit XML and nothing else on stdout', () => {
    const result = batch(
      ['compare', '--results', regressedReport, '--baseline-file', baselineFile, '--format', 'junit'],
      dir,
      env,
    );
    expect(result.code).toBe(2);
    const names: string[] = [];
    const parser = new SaxesParser();
    parser.on('opentag', (tag) => names.push(tag.name));
    parser.write(result.stdout).close();
    expect(names.filter((n) => n === 'testcase')).toHaveLength(9);
    expect(names.filter((n) => n === 'failure')).toHaveLength(3);
    expect(result.stderr).toContain('regressed: 2 new failures and 1 slowdown');
  });

  it('--format markdown prints the report for a PR comment', () => {
    const result = batch(
      ['compare', '--results', regressedReport, '--baseline-file', baselineFile, '--format', 'markdown'],
      dir,
      env,
    );
    expect(result.stdout).toMatch(/^### ❌ batch: regressed/);
    expect(result.stdout).toContain('#### New failures (2)');
  });

  it('the text report ends with the counts line and the verdict', () => {
    const result = batch(
      ['compare', '--results', regressedReport, '--baseline-file', baselineFile],
      dir,
      env,
    );
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('new failures (2)');
    expect(result.stdout.trimEnd().split('\n').slice(-2)).toEqual([
      'batch: 5 passed, 3 failed, 1 skipped',
      'regressed: 2 new failures and 1 slowdown against baseline baseline.json (exit 2)',
    ]);
  });

  it('under GitHub Actions: annotations for each new failure and a job summary', async () => {
    const summary = join(dir, 'step-summary.md');
    await writeFile(summary, '# earlier step\n');
    const gh = hermeticEnv(dir, { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary });
    const text = batch(['compare', '--results', regressedReport, '--baseline-file', baselineFile], dir, gh);
    const annotations = text.stdout.split('\n').filter((l) => l.startsWith('::error '));
    expect(annotations).toHaveLength(3);
    expect(annotations.filter((l) => l.includes('title=new failure%3A'))).toHaveLength(2);
    const written = await readFile(summary, 'utf8');
    expect(written.startsWith('# earlier step\n### ❌ batch: regressed')).toBe(true);

    const json = batch(
      ['compare', '--results', regressedReport, '--baseline-file', baselineFile, '--json'],
      dir,
      gh,
    );
    expect((JSON.parse(json.stdout) as Comparison).exitCode).toBe(2);
    expect(json.stderr.split('\n').filter((l) => l.startsWith('::error '))).toHaveLength(3);
  });

  it('prints no annotation outside GitHub Actions', () => {
    const result = batch(
      ['compare', '--results', regressedReport, '--baseline-file', baselineFile],
      dir,
      env,
    );
    expect(result.stdout + result.stderr).not.toContain('::error');
  });
});

describe('inside a git repository', () => {
  it('uses .batch/baseline.json at the worktree root and writes .batch/regressions.json', async () => {
    const repo = join(dir, 'repo');
    await mkdir(join(repo, 'packages', 'app'), { recursive: true });
    git(['init', '-q', '-b', 'main'], repo, env);
    const sub = join(repo, 'packages', 'app');
    const made = batch(['baseline', '--results', baselineReport], sub, env);
    expect(made.code).toBe(0);
    expect(made.stdout).toContain('baseline written to .batch/baseline.json: 9 tests');
    const stored = JSON.parse(await readFile(join(repo, '.batch', 'baseline.json'), 'utf8')) as {
      schemaVersion: number;
    };
    expect(stored.schemaVersion).toBe(1);

    const compared = batch(['compare', '--results', regressedReport, '--json'], sub, env);
    expect(compared.code).toBe(2);
    const written = await readFile(join(repo, '.batch', 'regressions.json'), 'utf8');
    expect(JSON.parse(written)).toEqual(JSON.parse(compared.stdout));
    expect((JSON.parse(written) as Comparison).reference).toEqual({
      kind: 'baseline',
      runId: null,
      label: '.batch/baseline.json',
    });
  });
});
