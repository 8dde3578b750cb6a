import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { LoggedBatch } from '../../src/core/record/batchLog.js';
import { TempRepo } from '../support/repo.js';
import {
  claudePayload,
  connectMcp,
  installedCommands,
  runHookCommand,
  waitForAgentWorkers,
  waitForQueue,
  writeCalcProject,
} from './agentHelpers.js';

const EDITS = 300;
const BREAKING = 137;
const BATCH_SIZE = 5;
/** The batch the breaking edit lands in (every call records exactly one edit). */
const BROKEN_BATCH = Math.ceil(BREAKING / BATCH_SIZE);

/**
 * An agent-like script: 300 tool calls through the installed hook, file tools and shell commands, the
 * 137th breaking the one test. Like an agent it waits between tool calls until batch has taken the
 * last one (a model takes seconds to think; this script does not). The background runs test the live
 * tree, so before the breaking edit it lets the previous batch's run end, and once the broken batch
 * is complete it waits for that batch's run, as an agent's next call would come after it.
 */
describe('a long agent session through the Claude Code hook', () => {
  let repo: TempRepo;
  const answers: string[] = [];
  const written = new Map<string, string>();
  const shellCalls = new Set<number>();

  beforeAll(async () => {
    repo = TempRepo.create();
    writeCalcProject(repo);
    expect(
      repo.batch(['init', '--batch-size', String(BATCH_SIZE), '--test-command', 'node --test']).code,
    ).toBe(0);
    expect(repo.batch(['agent', 'install', 'claude']).code).toBe(0);
    repo.write('.git/info/exclude', '.batch/\n.claude/\n');
    const command = installedCommands(repo.path('.claude/settings.local.json'))[0] ?? '';
    for (let i = 1; i <= EDITS; i++) {
      const id = `toolu_long_${String(i).padStart(3, '0')}`;
      // The tests run on the live tree: the run before the breaking edit ends before it is written,
      // and from then on each call waits for the run in progress until the verdict has been heard.
      if (i === BREAKING || (i > BREAKING && !answers.some(Boolean))) await waitForAgentWorkers(repo);
      let payload: string;
      if (i === BREAKING) {
        repo.write('src/calc.js', 'export const add = (a, b) => a - b;\n');
        payload = claudePayload(repo, 'Edit', id, {
          file_path: repo.path('src/calc.js'),
          old_string: 'a + b',
          new_string: 'a - b',
        });
      } else if (i % 10 === 0) {
        // what `echo … > gen/out-N.txt` run through the Bash tool would leave behind
        const path = `gen/out-${i}.txt`;
        repo.write(path, `${i}\n`);
        written.set(path, `${i}\n`);
        shellCalls.add(i);
        payload = claudePayload(repo, 'Bash', id, {
          command: `echo ${i} > ${path}`,
          description: 'write output',
        });
      } else {
        const path = `src/part-${i % 25}.txt`;
        repo.write(path, `edit ${i}\n`);
        written.set(path, `edit ${i}\n`);
        payload = claudePayload(repo, 'Write', id, { file_path: repo.path(path), content: `edit ${i}\n` });
      }
      const result = runHookCommand(repo, command, payload);
      expect(result.code).toBe(0);
      answers[i] = result.stdout;
      await waitForQueue(repo);
    }
    await waitForAgentWorkers(repo);
  }, 900_000);
  afterAll(() => repo.cleanup());

  it('records every tool call exactly once, in order, with its tool-use id', () => {
    const batches = repo.json<{ batches: LoggedBatch[] }>(['log']).batches;
    const edits = batches.flatMap((b) => b.edits);
    expect(edits).toHaveLength(EDITS);
    expect(edits.map((e) => e.seq)).toEqual(Array.from({ length: EDITS }, (_, k) => k + 1));
    expect(edits.map((e) => e.origin?.toolUse)).toEqual(
      Array.from({ length: EDITS }, (_, k) => `toolu_long_${String(k + 1).padStart(3, '0')}`),
    );
    for (const edit of edits) expect(edit.source).toBe(shellCalls.has(edit.seq) ? 'shell' : 'agent');
    expect(edits[BREAKING - 1]).toMatchObject({ path: 'src/calc.js', source: 'agent' });
    expect(batches.filter((b) => b.status === 'complete')).toHaveLength(EDITS / BATCH_SIZE);
  });

  it('tells the agent on its next call which batch broke which test, and how to take it back, once', () => {
    onTestFailed(() => {
      // what the background test worker did, run by run: why it answered when it did
      const log = repo.path('.batch/logs/agent-test.log');
      console.log(existsSync(log) ? readFileSync(log, 'utf8').slice(-20_000) : 'no agent-test.log');
      for (const [i, answer] of answers.entries()) if (answer) console.log(`answer to call ${i}: ${answer}`);
      // every run in one line each: which one disagreed with its neighbours
      const runs = repo.path('.batch/runs');
      for (const name of existsSync(runs)
        ? readdirSync(runs).sort((a, b) => parseInt(a) - parseInt(b))
        : []) {
        const run = JSON.parse(readFileSync(join(runs, name), 'utf8')) as {
          id: number;
          batchId: number | null;
          total: number;
          failed: number;
          exitCode: number | null;
          stale: boolean;
          interrupted?: boolean;
          notes?: string[];
          tests: { id: string; status: string }[];
        };
        const adds = run.tests.find((t) => t.id.includes('adds'))?.status ?? 'absent';
        console.log(
          `run ${run.id} batch ${run.batchId}: ${run.total} tests, ${run.failed} failed, exit ${run.exitCode}, adds ${adds}${run.stale ? ', stale' : ''}${run.interrupted ? ', interrupted' : ''} ${(run.notes ?? []).join(' | ')}`,
        );
      }
    });
    const told = answers.flatMap((answer, i) => (answer ? [i] : []));
    // each answer with its call, so a failure shows what the agent was told and when
    expect(told.map((i) => `${i}: ${answers[i]}`)).toHaveLength(1);
    expect(told[0]).toBeGreaterThan(BREAKING);
    const answer = JSON.parse(answers[told[0] ?? 0] ?? '') as { decision: string; reason: string };
    expect(answer.decision).toBe('block');
    const span = /batch (\d+)(?: and the edits after it)? \(edits (\d+)–(\d+)\) broke 1 test/.exec(
      answer.reason,
    );
    expect(Number(span?.[1])).toBe(BROKEN_BATCH);
    expect(Number(span?.[2])).toBeLessThanOrEqual(BREAKING);
    expect(Number(span?.[3])).toBeGreaterThanOrEqual(BREAKING);
    expect(answer.reason).toMatch(/✗ adds at test\/calc\.test\.js:\d+/);
    expect(answer.reason).toContain(`batch rollback ${BROKEN_BATCH}`);
    // culprit: auto found the edit, and the agent hears how to take back just that one
    expect(answer.reason).toMatch(new RegExp(`culprit of 1 test: edit ${BREAKING} src/calc\\.js`));
    expect(answer.reason).toContain(`batch revert ${BREAKING}`);
  });

  it('loses nothing the script wrote', () => {
    for (const [path, content] of written) expect(readFileSync(repo.path(path), 'utf8')).toBe(content);
    expect(readFileSync(repo.path('src/calc.js'), 'utf8')).toContain('a - b');
  });

  it('takes back the culprit edit through the MCP server: a plan, then applied; green again, nothing else lost', async () => {
    const client = await connectMcp(repo, 'long-session-agent');
    try {
      const revert = async (args: Record<string, unknown>) => {
        const response = await client.callTool({ name: 'revert', arguments: args });
        const content = response.content as { text: string }[];
        const answer = JSON.parse(content[0]?.text ?? '{}') as {
          exitCode: number;
          dryRun?: boolean;
          output?: string[];
        };
        return { isError: response.isError === true, ...answer };
      };
      const plan = await revert({ edits: [BREAKING] });
      expect(plan).toMatchObject({ isError: false, exitCode: 0, dryRun: true });
      expect(plan.output?.join('\n')).toContain('src/calc.js');
      // a plan writes nothing
      expect(readFileSync(repo.path('src/calc.js'), 'utf8')).toContain('a - b');

      const applied = await revert({ edits: [BREAKING], dryRun: false });
      expect(applied).toMatchObject({ isError: false, exitCode: 0 });
    } finally {
      await client.close();
    }
    expect(readFileSync(repo.path('src/calc.js'), 'utf8')).toBe('export const add = (a, b) => a + b;\n');
    const tests = spawnSync(process.execPath, ['--test'], { cwd: repo.dir, env: repo.env, encoding: 'utf8' });
    expect(tests.status, tests.stdout + tests.stderr).toBe(0);
    // every other file the script wrote is as it left it
    for (const [path, content] of written) expect(readFileSync(repo.path(path), 'utf8')).toBe(content);
  }, 180_000);
});
