import {
  existsSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TempRepo } from '../support/repo.js';
import { allEdits, writeConfig } from '../hooks/hookHelpers.js';

/** No stack trace: batch's errors are one `error:` line and a `hint:`. */
function expectCleanRefusal(result: { code: number | null; stderr: string }, message: RegExp): void {
  expect(result.code, result.stderr).toBe(3);
  expect(result.stderr).toMatch(message);
  expect(result.stderr).toMatch(/hint: /);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

function paths(repo: TempRepo): string[] {
  return allEdits(repo).map((edit) => edit.path);
}

describe('integrity findings', () => {
  // the configured, initialised repository is built once; each test starts from its own copy (cp -a)
  let template: TempRepo;
  let repo: TempRepo;
  beforeAll(() => {
    template = TempRepo.create();
    writeConfig(template, { batchSize: 2, testCommand: 'true' });
    template.git('add', '.batchrc');
    template.git('commit', '-q', '-m', 'config');
    expect(template.batch(['init']).code).toBe(0);
  });
  afterAll(() => template.cleanup());
  beforeEach(() => {
    repo = template.copy();
  });
  afterEach(() => repo.cleanup());

  it('a file written before a test run and recorded after it is an edit (one process)', () => {
    repo.write('new.txt', 'x\n');
    expect(repo.batch(['test']).code).toBe(0);
    const result = repo.batch(['record', 'new.txt']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).not.toMatch(/no change/);
    expect(paths(repo)).toEqual(['new.txt']);
  });

  it('unrecorded work survives a rollback and can still be recorded afterwards', () => {
    repo.write('a.txt', 'a\n');
    repo.batch(['record', 'a.txt']);
    repo.write('scratch.txt', 'kept\n');
    expect(repo.batch(['rollback', '1', '--yes', '--no-test']).code).toBe(0);
    // the rollback took back a.txt and scratch.txt (both after batch 1's start); undo brings them back
    expect(repo.batch(['undo', '--yes']).code).toBe(0);
    expect(readFileSync(repo.path('scratch.txt'), 'utf8')).toBe('kept\n');
    const result = repo.batch(['record', 'scratch.txt']);
    expect(result.stdout).not.toMatch(/no change/);
    expect(paths(repo)).toContain('scratch.txt');
  });

  it('1: a rollback during a conflicted merge is refused and the conflict stages stay', () => {
    repo.write('c.txt', 'base\n');
    repo.git('add', 'c.txt');
    repo.git('commit', '-q', '-m', 'base');
    repo.git('checkout', '-q', '-b', 'other');
    repo.write('c.txt', 'other\n');
    repo.git('commit', '-q', '-am', 'other');
    repo.git('checkout', '-q', 'main');
    repo.write('c.txt', 'main\n');
    repo.git('commit', '-q', '-am', 'main');
    repo.write('x.txt', 'x\n');
    repo.batch(['record', 'x.txt']);
    expect(() => repo.git('merge', '-q', 'other')).toThrow();
    expectCleanRefusal(repo.batch(['rollback', '1', '--yes', '--no-test']), /a merge is in progress/);
    expect(repo.git('ls-files', '-u')).not.toBe('');
    expect(existsSync(repo.path('.git/MERGE_HEAD'))).toBe(true);
  });

  it('2: a submodule a rollback cannot move back is said to be not restored', () => {
    const sub = TempRepo.create();
    try {
      const first = sub.git('rev-parse', 'HEAD').trim();
      sub.write('more.txt', 'more\n');
      sub.git('add', 'more.txt');
      sub.git('commit', '-q', '-m', 'more');
      const second = sub.git('rev-parse', 'HEAD').trim();
      repo.git('-c', 'protocol.file.allow=always', 'submodule', '-q', 'add', sub.dir, 'sub');
      repo.git('-C', 'sub', 'checkout', '-q', first);
      repo.git('add', 'sub');
      repo.git('commit', '-q', '-m', 'submodule');
      repo.batch(['record', '.gitmodules', 'sub']);
      repo.git('-C', 'sub', 'checkout', '-q', second);
      expect(repo.batch(['record', 'sub']).stdout).toMatch(/sub/);
      const result = repo.batch(['rollback', '2', '--yes', '--no-test']);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toContain(
        `submodule sub was not restored: it is still at ${second.slice(0, 10)}`,
      );
      expect(result.stdout).toMatch(/0 files changed/);
      expect(repo.git('-C', 'sub', 'rev-parse', 'HEAD').trim()).toBe(second);
    } finally {
      sub.cleanup();
    }
  });

  it('3: a batch before-snapshot keeps unrecorded work made before its first edit', () => {
    repo.write('a.txt', 'a\n');
    repo.write('b.txt', 'b\n');
    repo.batch(['record', 'a.txt', 'b.txt']); // batch 1 complete
    repo.write('scratch.txt', 'unrecorded\n');
    repo.write('c.txt', 'c\n');
    repo.batch(['record', 'c.txt']); // batch 2's first edit
    expect(repo.batch(['rollback', '2', '--yes', '--no-test']).code).toBe(0);
    expect(existsSync(repo.path('c.txt'))).toBe(false);
    expect(readFileSync(repo.path('scratch.txt'), 'utf8')).toBe('unrecorded\n');
  });

  it('4: a file force-added past .gitignore after the first snapshot is recorded', () => {
    repo.write('.gitignore', '*.log\n');
    repo.git('add', '.gitignore');
    repo.git('commit', '-q', '-m', 'ignore logs');
    repo.batch(['record', '.gitignore']);
    repo.write('keep.log', 'wanted\n');
    repo.git('add', '-f', 'keep.log');
    const result = repo.batch(['record', 'keep.log']);
    expect(result.code, result.stderr).toBe(0);
    expect(paths(repo)).toContain('keep.log');
  });

  it.each(['.GIT', 'GIT~1', '.git.'])('5: an untracked file named %s is left out with a warning', (name) => {
    repo.write(name, 'odd\n');
    repo.write('a.txt', 'a\n');
    const result = repo.batch(['record', 'a.txt']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`${name} is left out of batch's snapshots`);
    expect(result.stderr.split(`${name} is left out`).length).toBe(2);
    expect(paths(repo)).toEqual(['a.txt']);
    expect(repo.batch(['rollback', '1', '--yes', '--no-test']).code).toBe(0);
    expect(existsSync(repo.path(name))).toBe(true);
  });

  it('6: state.json of the wrong shape is rebuilt with a warning; status prints no NaN', () => {
    writeFileSync(repo.path('.batch/state.json'), JSON.stringify({ schemaVersion: 3, currentBatch: 7 }));
    const result = repo.batch(['record', 'README.md']);
    expect(result.stderr).toMatch(/state\.json could not be read \(not a batch state/);
    const status = repo.batch(['status']);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).not.toMatch(/NaN|undefined/);
  });

  it('6: a truncated batch or run file, a baseline of the wrong shape: exit 3 naming the file', () => {
    repo.write('a.txt', 'a\n');
    repo.write('b.txt', 'b\n');
    repo.batch(['record', 'a.txt', 'b.txt']);
    const batchFile = repo.path('.batch/batches/1.json');
    writeFileSync(batchFile, readFileSync(batchFile, 'utf8').slice(0, 40));
    expectCleanRefusal(repo.batch(['log']), /batches\/1\.json is damaged/);
    rmSync(batchFile);
    const runFile = repo.path('.batch/runs/1.json');
    writeFileSync(runFile, '{"id": 1, "tests": "no"}');
    expectCleanRefusal(repo.batch(['status']), /runs\/1\.json is damaged/);
    rmSync(runFile);
    writeFileSync(repo.path('.batch/baseline.json'), JSON.stringify({ passed: 'many' }));
    expectCleanRefusal(repo.batch(['status']), /baseline\.json is damaged/);
  });

  it('7: a damaged private index is rebuilt', () => {
    writeFileSync(repo.transientPath('snapshot.index'), 'not an index at all');
    repo.write('a.txt', 'a\n');
    const result = repo.batch(['record', 'a.txt']);
    expect(result.code, result.stderr).toBe(0);
    expect(paths(repo)).toEqual(['a.txt']);
  });

  it('9: --cwd naming a file or nothing is refused clearly', () => {
    expectCleanRefusal(repo.batch(['status', '--cwd', repo.path('.batchrc')]), /is not a folder/);
    expectCleanRefusal(repo.batch(['status', '--cwd', repo.path('nowhere')]), /does not exist/);
  });

  it('10: an empty path is refused; names that start with dots are inside the worktree', () => {
    repo.write('a.txt', 'a\n');
    expectCleanRefusal(repo.batch(['record', '']), /an empty path was given/);
    expect(paths(repo)).toEqual([]);
    repo.write('..notes', 'n\n');
    repo.write('...d/z', 'z\n');
    const result = repo.batch(['record', '..notes', '...d/z']);
    expect(result.code, result.stderr).toBe(0);
    expect(paths(repo).sort()).toEqual(['...d/z', '..notes']);
  });

  it('11: control characters in file names are escaped in human output', () => {
    const name = 'evil\x1b]0;owned\x07.txt';
    repo.write(name, 'e\n');
    const result = repo.batch(['record', name]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).not.toContain('\x1b');
    expect(result.stdout).not.toContain('\x07');
    expect(result.stdout).toContain('evil\\x1b]0;owned\\x07.txt');
  });

  it('12: a test command that deletes .batch/ is said, and status and log agree again', () => {
    writeConfig(repo, { batchSize: 2, testCommand: 'rm -rf .batch' });
    repo.write('a.txt', 'a\n');
    repo.write('b.txt', 'b\n');
    const result = repo.batch(['record', 'a.txt', 'b.txt']);
    expect(result.stderr).toMatch(/the test command deleted .*state\.json/);
    const status = repo.json<{ completedBatches: number }>(['status']);
    expect(status.completedBatches).toBe(1);
    expect(paths(repo).sort()).toEqual(['a.txt', 'b.txt']);
  });
});

describe('8: deeply nested JUnit suites', () => {
  it('40,000 nested suites parse in bounded memory, with a note, the test kept', async () => {
    const { parseJunitXml } = await import('../../src/core/reports/junitXml.js');
    const depth = 40_000;
    const xml = `<testsuites>${'<testsuite name="s">'.repeat(depth)}<testcase name="deep" classname="c"/>${'</testsuite>'.repeat(depth)}</testsuites>`;
    const report = parseJunitXml(xml, { root: '/project' });
    expect(report.tests.map((t) => t.name)).toEqual(['deep']);
    expect(report.notes.join('\n')).toMatch(/suites nested more than 64 deep/);
  });

  describe('a run too large for one string', () => {
    // the repository with big.xml, configured and initialised, is built once; each test gets its own copy
    let template: TempRepo;
    let repo: TempRepo;
    beforeAll(() => {
      template = TempRepo.create();
      const cases = Array.from(
        { length: 10_000 },
        (_, i) => `<testcase name="t${i}" classname="c${i % 50}"/>`,
      );
      template.write(
        'big.xml',
        `<testsuites><testsuite name="all">${cases.join('')}</testsuite></testsuites>\n`,
      );
      writeConfig(template, {
        testCommand: 'cp big.xml junit.xml',
        report: { format: 'junit', path: 'junit.xml' },
      });
      template.write('.gitignore', 'junit.xml\nbig.xml\n');
      template.git('add', '.batchrc', '.gitignore');
      template.git('commit', '-q', '-m', 'config');
      expect(template.batch(['init']).code).toBe(0);
    });
    afterAll(() => template.cleanup());
    beforeEach(() => {
      repo = template.copy();
    });
    afterEach(() => repo.cleanup());

    // The boundary lowered to 100 kB stands for V8's 2^29 characters: the files of 10,000 tests (some
    // MB) are then read back piecewise, as a run of 4,000,000 tests is (checked by hand: see CHANGELOG).
    const small = { BATCH_JSON_STRING_LIMIT: '100000' };

    it('is written test by test and read back piecewise by status, compare and baseline', () => {
      const test = repo.batch(['test'], { env: small });
      expect(test.code, test.stderr).toBe(0);
      const runFile = repo.path(`.batch/runs/${readdirSync(repo.path('.batch/runs'))[0] as string}`);
      expect(statSync(runFile).size).toBeGreaterThan(1_000_000);
      const status = repo.batch(['status'], { env: small });
      expect(status.code, status.stderr).toBe(0);
      expect(status.stdout).toMatch(/10000 passed/);
      expect(repo.batch(['baseline'], { env: small }).code).toBe(0);
      const compare = repo.batch(['compare', '--results', 'big.xml', '--json'], { env: small });
      expect(compare.code, compare.stderr).toBe(0);
      expect(JSON.parse(compare.stdout)).toMatchObject({
        reference: { kind: 'baseline' },
        newFailures: [],
        added: [],
        removed: [],
        referenceTotals: { total: 10_000, passed: 10_000 },
      });
      const json = repo.batch(['test', '--json'], { env: small });
      expect(json.code, json.stderr).toBe(0);
      expect((JSON.parse(json.stdout) as { tests: unknown[] }).tests).toHaveLength(10_000);
    });

    it('a run file larger than batch can read is refused with exit 3, naming it', () => {
      expect(repo.batch(['test']).code).toBe(0);
      const runFile = repo.path(`.batch/runs/${readdirSync(repo.path('.batch/runs'))[0] as string}`);
      truncateSync(runFile, 3_000_000_000); // sparse: no 3 GB written
      expectCleanRefusal(
        repo.batch(['status']),
        /runs\/\d+\.json is 3\.0 GB, larger than the 2\.1 GB batch can read back/,
      );
      rmSync(runFile);
      expect(repo.batch(['status']).code).toBe(0);
    });
  });
});
