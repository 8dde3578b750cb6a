import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detectRunner } from '../../src/core/runs/runnerDetect.js';
import { planRun, type PlanOptions } from '../../src/core/runs/runPlan.js';
import { splitShellCommand } from '../../src/core/runs/shellWords.js';

const root = mkdtempSync(join(tmpdir(), 'batch-plan-'));
mkdirSync(join(root, 'tests'));
writeFileSync(
  join(root, 'package.json'),
  JSON.stringify({
    scripts: {
      test: 'tsc -p . && vitest run',
      nested: 'npm run test',
      unit: 'node --test test/',
      viaPnpm: 'pnpm run unit',
      jest: 'cross-env NODE_ENV=test jest --ci',
      notLast: 'vitest run && echo done',
      ored: 'vitest run || true',
      jestFirst: 'jest --ci && npm run nested',
      covered: 'c8 --check-coverage npm run unit',
      pyFirst: 'pytest -q; echo done',
    },
  }),
);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const options: PlanOptions = {
  root,
  reportBase: '/r/run-7',
  nodeReporter: '/dist/reporters/nodeTestReporter.js',
  runnerPreload: '/dist/reporters/runnerPreload.cjs',
  files: [],
  nodeOptions: undefined,
};

describe('detectRunner', () => {
  it.each([
    ['vitest run', 'vitest'],
    ['npx vitest --run', 'vitest'],
    ['CI=1 ./node_modules/.bin/jest --ci', 'jest'],
    ['node --test', 'node-test'],
    ['node --experimental-vm-modules --test test/', 'node-test'],
    ['node test.js --test', null],
    ['mocha "test/**/*.spec.js"', 'mocha'],
    ['python3 -m pytest -q', 'pytest'],
    ['uv run pytest tests', 'pytest'],
    ['go test ./...', 'go'],
    ['cargo test --workspace', 'cargo'],
    ['make check', null],
  ])('%s → %s', (command, runner) => {
    expect(detectRunner(command, root).runner).toBe(runner);
  });

  it('looks through npm, pnpm and yarn scripts to the last command of each', () => {
    expect(detectRunner('npm test', root)).toMatchObject({
      runner: 'vitest',
      appendable: true,
      direct: false,
    });
    expect(detectRunner('npm run nested', root).scripts.map((s) => s.shown)).toEqual([
      'npm run nested',
      'npm run test',
    ]);
    expect(detectRunner('yarn jest', root).runner).toBe('jest');
    expect(detectRunner('pnpm viaPnpm', root).runner).toBe('node-test');
    expect(detectRunner('npm run notLast', root)).toMatchObject({ runner: 'vitest', appendable: false });
    expect(detectRunner('npm run ored', root)).toMatchObject({ runner: 'vitest', appendable: false });
  });
});

describe('planRun', () => {
  it('asks vitest for a JSON report next to its default output, through npm’s `--`', () => {
    const plan = planRun('npm test', options);
    expect(plan.command).toBe(
      'npm test -- --reporter=default --reporter=json --outputFile.json=/r/run-7.json --includeTaskLocation',
    );
    expect(plan.report).toEqual({ format: 'vitest-json', path: '/r/run-7.json' });
    expect(plan.via).toBe('npm test → vitest run (2nd of 2 commands)');
  });

  it('adds one `--` per npm script on the way', () => {
    expect(planRun('npm run nested', options).command).toMatch(/^npm run nested -- -- --reporter=default/);
  });

  it('keeps a reporter the user chose for vitest', () => {
    expect(planRun('vitest run --reporter=verbose', options).command).toBe(
      'vitest run --reporter=verbose --reporter=json --outputFile.json=/r/run-7.json --includeTaskLocation',
    );
  });

  it('puts node’s reporters right after --test, before file arguments, keeping spec on stdout', () => {
    expect(planRun('node --test test/*.test.js', options).command).toBe(
      'node --test --test-reporter=spec --test-reporter-destination=stdout --test-reporter=/dist/reporters/nodeTestReporter.js --test-reporter-destination=/r/run-7.jsonl test/*.test.js',
    );
  });

  it('pairs the user’s own node reporter with stdout', () => {
    const command = planRun('node --test --test-reporter=tap', options).command;
    expect(command).toBe(
      'node --test --test-reporter=/dist/reporters/nodeTestReporter.js --test-reporter-destination=/r/run-7.jsonl --test-reporter-destination=stdout --test-reporter=tap',
    );
  });

  it('passes node’s reporters in NODE_OPTIONS behind a script (options must precede its files)', () => {
    const plan = planRun('npm run unit', { ...options, nodeOptions: '--max-old-space-size=512' });
    expect(plan.command).toBe('npm run unit');
    expect(plan.env.NODE_OPTIONS).toBe(
      '--max-old-space-size=512 --test-reporter=spec --test-reporter-destination=stdout --test-reporter=/dist/reporters/nodeTestReporter.js --test-reporter-destination=/r/run-7.jsonl',
    );
  });

  it('asks jest and mocha through the preload, leaving their command line as written', () => {
    for (const [command, runner] of [
      ['npm run jest', 'jest'],
      ['mocha --reporter spec', 'mocha'],
    ] as const) {
      const plan = planRun(command, { ...options, nodeOptions: '--max-old-space-size=512' });
      expect(plan.command).toBe(command);
      expect(plan.report).toEqual({ format: `${runner}-json`, path: '/r/run-7.json' });
      expect(plan.env.NODE_OPTIONS).toBe(
        '--max-old-space-size=512 --require /dist/reporters/runnerPreload.cjs',
      );
      expect(JSON.parse(plan.env.BATCH_REPORT ?? '')).toEqual({
        runner,
        path: '/r/run-7.json',
        nodeOptions: '--max-old-space-size=512',
      });
    }
  });

  it('finds the runner in any command of a chain and behind wrappers, and says where', () => {
    expect(planRun('npm run jestFirst', options)).toMatchObject({
      runner: 'jest',
      command: 'npm run jestFirst',
      via: 'npm run jestFirst → jest --ci (1st of 2 commands)',
      report: { format: 'jest-json' },
    });
    expect(planRun('c8 -r lcov node --test && tsc', options).command).toBe(
      'c8 -r lcov node --test --test-reporter=spec --test-reporter-destination=stdout --test-reporter=/dist/reporters/nodeTestReporter.js --test-reporter-destination=/r/run-7.jsonl && tsc',
    );
    expect(planRun('c8 -r lcov node --test && tsc', options).via).toBe('node --test (1st of 2 commands)');
    for (const command of [
      'nyc --reporter=text mocha',
      'cross-env NODE_ENV=test jest',
      'dotenv -e .env.test -- jest',
      'env X=1 jest',
      'ts-node node_modules/.bin/mocha',
      'npm run covered',
    ]) {
      expect(planRun(command, options).report, command).not.toBeNull();
    }
    expect(detectRunner('tsx --test test/', root).runner).toBe('node-test');
    expect(planRun('npm run pyFirst', options)).toMatchObject({
      command: 'npm run pyFirst',
      env: { PYTEST_ADDOPTS: '--junitxml=/r/run-7.xml -o junit_family=xunit1' },
    });
  });

  it('asks pytest and go for their reports', () => {
    expect(planRun('python3 -m pytest -q', options).command).toBe(
      'python3 -m pytest -q --junitxml=/r/run-7.xml -o junit_family=xunit1',
    );
    const go = planRun('go test ./...', options);
    expect(go.command).toBe('go test -json ./...');
    expect(go).toMatchObject({ stdoutIsReport: true, report: { format: 'go-json', path: '/r/run-7.jsonl' } });
  });

  it('leaves a command it cannot reach as written, saying why', () => {
    const ored = planRun('npm run ored', options);
    expect(ored).toMatchObject({ command: 'npm run ored', report: null });
    expect(ored.noReportReason).toMatch(/not the last command/);
    expect(planRun('cargo test', options)).toMatchObject({ command: 'cargo test', report: null });
    expect(planRun('make check', options).noReportReason).toBe('the runner was not recognised');
  });

  it('runs the command as written when .batchrc names the report', () => {
    expect(planRun('npm test', { ...options, inject: false })).toMatchObject({
      command: 'npm test',
      report: null,
    });
  });

  it('narrows to -p files, replacing the paths the command named', () => {
    const files = ['test/a b.test.js'];
    expect(planRun('node --test test/', { ...options, files }).command).toMatch(
      /jsonl 'test\/a b\.test\.js'$/,
    );
    expect(planRun('python3 -m pytest -q tests', { ...options, files }).command).toBe(
      "python3 -m pytest -q --junitxml=/r/run-7.xml -o junit_family=xunit1 'test/a b.test.js'",
    );
    expect(planRun('npm test', { ...options, files }).command).toMatch(
      /--includeTaskLocation 'test\/a b\.test\.js'$/,
    );
  });
});

describe('splitShellCommand', () => {
  it('splits on operators outside quotes and marks what it does not model', () => {
    const segments = splitShellCommand(`A=1 vitest run -t 'a && b' && echo "x; y" | tee out > log`);
    expect(segments.map((s) => [s.joinedBy, s.words, s.complex])).toEqual([
      ['', ['A=1', 'vitest', 'run', '-t', 'a && b'], false],
      ['&&', ['echo', 'x; y'], false],
      ['|', ['tee', 'out', '>', 'log'], true],
    ]);
    expect(segments[0]?.raw).toEqual(['A=1', 'vitest', 'run', '-t', "'a && b'"]);
  });
});
