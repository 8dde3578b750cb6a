import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TempRepo } from '../support/repo.js';

describe('config and init', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = TempRepo.create();
  });
  afterEach(() => repo.cleanup());

  it('reports every problem at once, naming file and key, with exit 3', () => {
    repo.write(
      '.batchrc',
      JSON.stringify({ batchSize: 0, testTimeout: 'soon', hook: { mode: 'sometimes' }, colour: true }),
    );
    const result = repo.batch(['status']);
    expect(result.code).toBe(3);
    for (const key of ['batchSize', 'testTimeout', 'hook.mode', 'colour'])
      expect(result.stderr).toContain(`.batchrc: ${key}:`);
    expect(result.stderr).toContain('hint:');
  });

  it('reads YAML in .batchrc, .batchrc.yaml and package.json#batch', () => {
    repo.write('.batchrc', 'batchSize: 3\ntestCommand: echo yaml\n');
    expect(repo.json<{ batchSize: number; testCommand: string }>(['status'])).toMatchObject({
      batchSize: 3,
      testCommand: 'echo yaml',
    });
    repo.git('rm', '-q', '--cached', '--ignore-unmatch', '.batchrc');
    writeFileSync(repo.path('.batchrc'), '');
    repo.write('.batchrc', '');
    // an empty .batchrc means defaults
    expect(repo.json<{ batchSize: number }>(['status']).batchSize).toBe(5);
    repo.write('.batchrc', '{ not json: [');
    const broken = repo.batch(['status']);
    expect(broken.code).toBe(3);
    expect(broken.stderr).toContain('.batchrc');
    // meant as JSON: JSON's own complaint, with the line and column; YAML flow style still reads
    repo.write('.batchrc', '{\n  "batchSize": 3,\n  "testCommand": "x"\n  "hook": {}\n}\n');
    const comma = repo.batch(['status']);
    expect(comma.code).toBe(3);
    expect(comma.stderr).toMatch(
      /error: cannot read .*\.batchrc: invalid JSON at line 4, column 3: Expected ',' or '}' after property value/,
    );
    repo.write('.batchrc', '{ batchSize: 3, testCommand: echo flow }\n');
    expect(repo.json<{ batchSize: number }>(['status']).batchSize).toBe(3);
  });

  it('reads package.json#batch when there is no .batchrc', () => {
    repo.write('package.json', JSON.stringify({ name: 'x', batch: { batchSize: 4 } }));
    expect(repo.json<{ batchSize: number }>(['status']).batchSize).toBe(4);
  });

  it('init proposes the test command from package.json, writes .batchrc, and is idempotent', () => {
    repo.write('package.json', JSON.stringify({ name: 'x', scripts: { test: 'node --test' } }));
    const first = repo.batch(['init']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('from package.json');
    expect(first.stdout).toMatch(
      /^created \.batchrc \(commit it, so that CI and the team read the same settings\)$/m,
    );
    const written = readFileSync(repo.path('.batchrc'), 'utf8');
    expect(JSON.parse(written)).toEqual({ batchSize: 5, testCommand: 'npm test' });
    const second = repo.batch(['init']);
    expect(second.code).toBe(0);
    expect(readFileSync(repo.path('.batchrc'), 'utf8')).toBe(written);
    repo.batch(['init', '--batch-size', '3']);
    expect(JSON.parse(readFileSync(repo.path('.batchrc'), 'utf8'))).toEqual({
      batchSize: 3,
      testCommand: 'npm test',
    });
  });

  it('rejects a bad --batch-size as a usage error', () => {
    const result = repo.batch(['init', '--batch-size', '0']);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('--batch-size');
  });

  it('rebuilds an unreadable state.json by itself, keeping the old file', () => {
    repo.write('a.txt', '1');
    repo.batch(['record', 'a.txt']);
    writeFileSync(repo.path('.batch/state.json'), '{"half');
    const result = repo.batch(['status', '--json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('could not be read');
    expect(JSON.parse(result.stdout)).toMatchObject({ currentBatch: { id: 1 } });
    expect(repo.git('status', '--porcelain')).toContain('a.txt');
  });
});

describe('usage errors', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = TempRepo.create();
  });
  afterEach(() => repo.cleanup());

  it('exit 3 with an error and a hint, and the command does not run', () => {
    const cases: [string[], RegExp][] = [
      [['init', '--batch-size', '0'], /--batch-size must be a whole number/],
      [['rollback'], /Not enough non-option arguments/],
      [['rollback', 'abc'], /whole number/],
      [['status', '--bogus'], /Unknown argument: bogus/],
      [['statsu'], /unknown command: statsu/],
    ];
    for (const [args, error] of cases) {
      const result = repo.batch(args);
      expect(result.code, args.join(' ')).toBe(3);
      expect(result.stderr).toMatch(error);
      expect(result.stderr).toMatch(/^hint: /m);
      expect(result.stderr).not.toMatch(/^\s+at /m);
    }
    // the refused init wrote nothing
    expect(() => readFileSync(repo.path('.batchrc'))).toThrow();
    expect(repo.batch(['statsu']).stderr).toContain('did you mean `batch status`');
  });

  it('--version and -V print the package version, alone or with other words', () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    for (const args of [['--version'], ['-V'], ['--version', '--quiet']]) {
      const result = repo.batch(args);
      expect(result.code, args.join(' ')).toBe(0);
      expect(result.stdout).toBe(`${version}\n`);
      expect(result.stderr).toBe('');
    }
  });
});
