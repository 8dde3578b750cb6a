import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, binPath, fixturesDir, git, hermeticEnv, tempDir } from './cliHarness.js';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  jobs: Record<string, { steps: Step[] }>;
}

const templates = fileURLToPath(new URL('../../templates/', import.meta.url));

let dir: string;
let cleanup: () => Promise<void>;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  assertBuilt();
  ({ dir, cleanup } = await tempDir('batch-templates-'));
  env = hermeticEnv(dir);
});
afterAll(async () => cleanup());

/** Runs a CI shell line in `cwd` with `npx batch` meaning this checkout's CLI. */
function sh(line: string, cwd: string, extra: Record<string, string> = {}) {
  const script = line.replaceAll('npx batch', `node ${JSON.stringify(binPath)}`);
  return spawnSync('sh', ['-c', script], { cwd, env: hermeticEnv(dir, extra), encoding: 'utf8' });
}

/** A checkout with the shard reports of a run in reports/. */
async function checkout(name: string, kind: 'baseline' | 'regressed'): Promise<string> {
  const repo = join(dir, name);
  await mkdir(join(repo, 'reports'), { recursive: true });
  git(['init', '-q', '-b', 'main'], repo, env);
  await copyFile(join(fixturesDir, `vitest-junit.${kind}.xml`), join(repo, 'reports', 'junit-1.xml'));
  return repo;
}

describe('templates/github-workflow.yml', () => {
  it('stores a baseline on main and compares pull requests with it, as its steps say', async () => {
    const workflow = parse(await readFile(join(templates, 'github-workflow.yml'), 'utf8')) as Workflow;
    const steps = workflow.jobs.compare?.steps ?? [];
    const store = steps.find((s) => s.run?.includes('npx batch baseline'))?.run;
    const compare = steps.find((s) => s.run?.includes('npx batch compare'))?.run;
    expect(compare).toContain("--results 'reports/*.xml'");
    expect(store).toBeDefined();

    const main = await checkout('gh-main', 'baseline');
    expect(sh(store!, main).status).toBe(0);
    const pr = await checkout('gh-pr', 'regressed');
    await mkdir(join(pr, '.batch'));
    await copyFile(join(main, '.batch', 'baseline.json'), join(pr, '.batch', 'baseline.json'));
    const result = sh(compare!, pr, { GITHUB_ACTIONS: 'true' });
    expect(result.status).toBe(2);
    const annotations = result.stdout.split('\n').filter((l) => l.startsWith('::error '));
    expect(annotations.filter((l) => l.includes('title=new failure%3A'))).toHaveLength(2);
    expect(JSON.parse(await readFile(join(pr, '.batch', 'regressions.json'), 'utf8'))).toMatchObject({
      exitCode: 2,
    });
  });

  it('uploads .batch/, which upload-artifact skips as a hidden folder unless told', async () => {
    const workflow = parse(await readFile(join(templates, 'github-workflow.yml'), 'utf8')) as Workflow;
    const upload = workflow.jobs.compare?.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'));
    expect(upload?.with).toMatchObject({ path: '.batch/', 'include-hidden-files': true });
  });
});

describe('templates/github-workflow.yml, the HTML report', () => {
  it('writes the comparison as one page and uploads it', async () => {
    const workflow = parse(await readFile(join(templates, 'github-workflow.yml'), 'utf8')) as Workflow;
    const steps = workflow.jobs.compare?.steps ?? [];
    const page = steps.find((s) => s.run?.includes('--format html'))?.run;
    const store = steps.find((s) => s.run?.includes('npx batch baseline'))?.run;
    expect(page).toContain('--out batch-report.html');
    const main = await checkout('gh-html-main', 'baseline');
    expect(sh(store!, main).status).toBe(0);
    const pr = await checkout('gh-html-pr', 'regressed');
    await mkdir(join(pr, '.batch'));
    await copyFile(join(main, '.batch', 'baseline.json'), join(pr, '.batch', 'baseline.json'));
    expect(sh(page!, pr).status).toBe(2);
    const html = await readFile(join(pr, 'batch-report.html'), 'utf8');
    expect(html).toContain('<script type="application/json" id="batch-data">');
    const uploads = steps.filter((s) => s.uses?.startsWith('actions/upload-artifact'));
    expect(uploads.map((s) => s.with?.path)).toContain('batch-report.html');
  });
});

describe('templates/Jenkinsfile.example', () => {
  it('runs a compare that prints the run as JUnit XML for the junit step', async () => {
    const jenkinsfile = await readFile(join(templates, 'Jenkinsfile.example'), 'utf8');
    const store = /sh "(npx batch baseline [^"]+)"/.exec(jenkinsfile)?.[1];
    const compare = /script: "(npx batch compare [^"]+)"/.exec(jenkinsfile)?.[1];
    expect(compare).toContain('--format junit');
    const main = await checkout('jenkins-main', 'baseline');
    expect(sh(store!, main).status).toBe(0);
    const pr = await checkout('jenkins-pr', 'regressed');
    await copyFile(join(main, 'baseline.json'), join(pr, 'baseline.json'));
    expect(sh(compare!, pr).status).toBe(2);
    const xml = await readFile(join(pr, 'batch-junit.xml'), 'utf8');
    expect(xml).toMatch(/^<\?xml/);
    expect(xml.match(/<failure /g)).toHaveLength(3);
  });
});
