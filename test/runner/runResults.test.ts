import { spawnSync } from 'node:child_process';
import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Run } from '../../src/core/model/runModel.js';
import { TempRepo } from '../support/repo.js';
import { readBatchJson, writeNodeTestProject } from './projects.js';

const repos: TempRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.cleanup();
});

function repoWith(config: Record<string, unknown>, write?: (repo: TempRepo) => void): TempRepo {
  const repo = TempRepo.create();
  repos.push(repo);
  write?.(repo);
  repo.write('.batchrc', JSON.stringify({ batchSize: 5, ...config }));
  repo.git('add', '-A');
  repo.git('commit', '-q', '-m', 'project');
  return repo;
}

const lastLine = (text: string) => text.trimEnd().split('\n').pop();

describe('results of a run', () => {
  it('marks a run stale when the tree changed while it ran, not for files the run itself caches', () => {
    const repo = repoWith({
      testCommand: 'mkdir -p __pycache__ && echo x > __pycache__/a.pyc; echo "1 passed, 0 failed"',
    });
    expect(repo.batch(['test']).code).toBe(0);
    expect(readBatchJson<Run>(repo, 'runs/1.json').stale).toBe(false);

    repo.write(
      '.batchrc',
      JSON.stringify({ batchSize: 5, testCommand: 'echo edited >> README.md; echo "1 passed, 0 failed"' }),
    );
    const result = repo.batch(['test']);
    const run = readBatchJson<Run>(repo, 'runs/2.json');
    expect(run.stale).toBe(true);
    expect(run.notes.join('\n')).toMatch(
      /stale: the working tree changed while the tests ran \(README\.md\)/,
    );
    expect(result.stdout).toMatch(/note: stale/);
    expect(repo.batch(['history']).stdout).toMatch(/run 2.*stale/);
  });

  it('never reads a report file older than the run', () => {
    const repo = repoWith(
      { testCommand: 'echo checking', report: { format: 'junit', path: 'out/junit.xml' } },
      (r) => r.write('out/junit.xml', '<testsuite><testcase name="old" classname="x"/></testsuite>\n'),
    );
    const past = new Date('2020-01-01T00:00:00Z');
    utimesSync(repo.path('out/junit.xml'), past, past);
    const result = repo.batch(['test']);
    expect(result.code).toBe(0);
    const run = readBatchJson<Run>(repo, 'runs/1.json');
    expect(run.tests).toEqual([]);
    expect(run.notes.join('\n')).toMatch(/out\/junit\.xml is older than this run, so it was not read/);
    expect(result.stdout).toContain('no per-test results: judged by exit code 0');
  });

  it('reads the report .batchrc names when the command writes it', () => {
    const xml =
      '<testsuite name="s"><testcase name="one" classname="s" time="0.1"/><testcase name="two" classname="s"><failure message="boom">at x (t.js:3:1)</failure></testcase></testsuite>';
    const repo = repoWith({
      testCommand: `printf '%s' '${xml}' > out.xml; exit 1`,
      report: { format: 'junit', path: 'out.xml' },
    });
    const result = repo.batch(['test']);
    expect(result.code).toBe(1);
    expect(lastLine(result.stdout)).toBe('1 passed, 1 failed, 0 skipped');
    expect(readBatchJson<Run>(repo, 'runs/1.json').source.format).toBe('junit');
  });

  it('adds a failure when the report passes but the command failed', () => {
    const repo = repoWith({ testCommand: 'echo "3 passed, 0 failed"; exit 2' });
    const result = repo.batch(['test']);
    expect(result.code).toBe(1);
    const run = readBatchJson<Run>(repo, 'runs/1.json');
    expect(run.tests.map((t) => t.name)).toEqual([expect.stringMatching(/exited with code 2/)]);
    expect(lastLine(result.stdout)).toBe('3 passed, 1 failed, 0 skipped');
  });

  it('runs node --test behind an npm script, narrowed by -p, and prints JSON with --json', () => {
    const repo = repoWith({ testCommand: 'npm run unit' }, (r) => {
      writeNodeTestProject(r);
      r.write('test/other.test.js', "require('node:test')('other', () => {});\n");
      r.write('package.json', JSON.stringify({ scripts: { unit: 'node --test' } }));
    });
    const all = repo.batch(['test']);
    expect(lastLine(all.stdout)).toBe('3 passed, 1 failed, 1 skipped');
    const narrowed = repo.batch(['test', '-p', 'test/other*', '--json']);
    const run = JSON.parse(narrowed.stdout) as Run;
    expect(run).toMatchObject({ passed: 1, failed: 0, skipped: 0, success: true });
    expect(run.source.format).toBe('node-test');
    expect(narrowed.code).toBe(0);
    expect(repo.batch(['test', '-p', 'nothing/*.js']).code).toBe(3);
  });

  it('exits 2 against the baseline and names what the batch broke since the previous batch', () => {
    const repo = repoWith({ testCommand: 'node --test' }, writeNodeTestProject);
    repo.write('src/math.js', 'exports.add = (a, b) => a + b;\nexports.sub = (a, b) => a - b - 1;\n');
    expect(repo.batch(['test']).code).toBe(0);
    const run = JSON.parse(readFileSync(repo.path('.batch/runs/1.json'), 'utf8')) as Run;
    writeFileSync(repo.path('.batch/baseline.json'), JSON.stringify({ schemaVersion: 1, ...run }));
    const recordNotes = (from: number) => {
      let last = repo.batch(['status']);
      for (let i = from; i < from + 4; i++) {
        repo.write(`n${i}.txt`, `${i}\n`);
        last = repo.batch(['record', `n${i}.txt`]);
      }
      return last;
    };
    recordNotes(0);
    repo.write('README.md', 'still passing\n');
    expect(repo.batch(['record', 'README.md']).code).toBe(0); // batch 1 completes: run 2 passes
    recordNotes(10);
    // Batch 2 completes with an edit that breaks `adds` only.
    repo.write(
      'src/math.js',
      'exports.add = (a, b) => (a === 1 ? 0 : a + b);\nexports.sub = (a, b) => a - b - 1;\n',
    );
    const fifth = repo.batch(['record', 'src/math.js']);
    expect(fifth.code).toBe(2);
    expect(fifth.stdout).toContain("✗ 1 failed (1 new since batch 1's run (run 2)), 2 passed, 1 skipped");
    // Each failing test is listed once, not again under each comparison.
    expect(fifth.stdout.match(/✗ math > adds at test\/math\.test\.js:6/g)).toHaveLength(1);
    expect(fifth.stdout).toMatch(/against the baseline: 1 newly failing/);
    const report = repo.batch(['report', '2']).stdout;
    expect(report).toMatch(/against the previous batch:/);
    expect(report).toMatch(/against the baseline:/);
    expect(report).toMatch(/math > adds {2}test\/math\.test\.js:6/);
    expect(repo.json<{ runs: { id: number }[] }>(['history']).runs.map((r) => r.id)).toEqual([3, 2, 1]);
  });
});

describe('go test', () => {
  it('reads `go test -json` from stdout and shows the person the text inside it', () => {
    const events = [
      { Action: 'run', Package: 'ex/calc', Test: 'TestAdd' },
      { Action: 'output', Package: 'ex/calc', Test: 'TestAdd', Output: '=== RUN   TestAdd\n' },
      { Action: 'output', Package: 'ex/calc', Test: 'TestAdd', Output: '--- PASS: TestAdd (0.01s)\n' },
      { Action: 'pass', Package: 'ex/calc', Test: 'TestAdd', Elapsed: 0.01 },
      { Action: 'run', Package: 'ex/calc', Test: 'TestSub' },
      {
        Action: 'output',
        Package: 'ex/calc',
        Test: 'TestSub',
        Output: '    calc_test.go:12: got 3, want 1\n',
      },
      { Action: 'output', Package: 'ex/calc', Test: 'TestSub', Output: '--- FAIL: TestSub (0.00s)\n' },
      { Action: 'fail', Package: 'ex/calc', Test: 'TestSub', Elapsed: 0 },
      { Action: 'fail', Package: 'ex/calc', Elapsed: 0.02 },
    ];
    // A stand-in `go` on PATH: it checks that batch asked for -json, then prints the events.
    const repo = repoWith({ testCommand: 'go test ./...' }, (r) => {
      r.write('events.jsonl', `${events.map((e) => JSON.stringify(e)).join('\n')}\n`);
      r.write(
        'bin/go',
        '#!/bin/sh\n[ "$2" = "-json" ] || { echo "no -json" >&2; exit 9; }\ncat events.jsonl\nexit 1\n',
      );
    });
    spawnSync('chmod', ['+x', repo.path('bin/go')]);
    const result = repo.batch(['test'], { env: { PATH: `${repo.path('bin')}:${process.env.PATH ?? ''}` } });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('    calc_test.go:12: got 3, want 1\n--- FAIL: TestSub (0.00s)\n');
    expect(result.stdout).not.toContain('"Action"');
    const run = readBatchJson<Run>(repo, 'runs/1.json');
    expect(run.source.format).toBe('go-json');
    expect(run).toMatchObject({ passed: 1, failed: 1 });
    expect(readFileSync(repo.path('.batch/logs/run-1.log'), 'utf8')).toContain('--- PASS: TestAdd (0.01s)');
  });
});
