import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { planRun, type PlanOptions } from '../../src/core/runs/runPlan.js';

const root = mkdtempSync(join(tmpdir(), 'batch-select-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const options: PlanOptions = {
  root,
  reportBase: '/r/probe-1',
  nodeReporter: '/dist/reporters/nodeTestReporter.js',
  files: ['test/a.test.js'],
  nodeOptions: undefined,
  names: [{ name: 'adds (1+1)', suite: 'math', file: 'test/a.test.js' }],
};

describe('narrowing a run by test name, per runner', () => {
  it.each([
    ['vitest run', "-t 'adds \\(1\\+1\\)'"],
    ['jest --ci', "-t 'adds \\(1\\+1\\)'"],
    ['mocha', "--grep 'adds \\(1\\+1\\)'"],
    ['node --test', "'--test-name-pattern=adds \\(1\\+1\\)'"],
  ])('%s gets the names as a literal pattern', (command, expected) => {
    const plan = planRun(command, options);
    expect(plan.command).toContain(expected);
    expect(plan.command).toContain('test/a.test.js');
    expect(plan.namesNarrowed).toBe(true);
  });

  it('puts node --test options before its files', () => {
    const plan = planRun('node --test', options);
    expect(plan.command.indexOf('--test-name-pattern')).toBeLessThan(plan.command.indexOf('test/a.test.js'));
  });

  it('gives pytest node ids in place of the files, classes without the module prefix JUnit adds', () => {
    const plan = planRun('pytest -q', {
      ...options,
      files: ['tests/test_a.py'],
      names: [{ name: 'test_adds', suite: 'tests.test_a.TestA', file: 'tests/test_a.py' }],
    });
    expect(plan.command).toContain('tests/test_a.py::TestA::test_adds');
    expect(plan.command).not.toMatch(/ tests\/test_a\.py( |$)/);
  });

  it('anchors go -run on the top-level test names', () => {
    const plan = planRun('go test ./...', {
      ...options,
      files: ['./pkg'],
      names: [{ name: 'TestAdd/small', suite: '', file: null }],
    });
    expect(plan.command).toContain("-run '^TestAdd$'");
  });

  it("passes cargo's filter after --", () => {
    const plan = planRun('cargo test', {
      ...options,
      files: [],
      names: [{ name: 'adds', suite: '', file: null }],
    });
    expect(plan.command).toMatch(/cargo test .*-- adds$/);
  });

  it('does not narrow by name through NODE_OPTIONS, which refuses --test-name-pattern', () => {
    const project = mkdtempSync(join(root, 'npm-'));
    writeFileSync(join(project, 'package.json'), JSON.stringify({ scripts: { test: 'node --test test/' } }));
    const plan = planRun('npm test', { ...options, root: project });
    expect(plan.runner).toBe('node-test');
    expect(plan.namesNarrowed).toBe(false);
    expect(plan.env.NODE_OPTIONS ?? '').not.toContain('--test-name-pattern');
  });
});
