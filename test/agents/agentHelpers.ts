import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { BATCH_BIN, type TempRepo } from '../support/repo.js';
import { pollUntil } from '../support/watchProcess.js';

const FIXTURES = new URL('./fixtures/', import.meta.url);

/** A captured Claude Code PostToolUse payload, pointed at this repository. */
export function fixturePayload(repo: TempRepo, name: string): string {
  return readFileSync(new URL(`${name}.json`, FIXTURES), 'utf8').replaceAll('__CWD__', repo.dir);
}

/** The commands `batch agent install claude` wrote, read back from the settings file. */
export function installedCommands(file: string): string[] {
  const settings = JSON.parse(readFileSync(file, 'utf8')) as {
    hooks: { PostToolUse: { matcher: string; hooks: { command: string }[] }[] };
  };
  return settings.hooks.PostToolUse.flatMap((group) => group.hooks.map((h) => h.command));
}

/** Runs a hook command the way Claude Code does: `sh -c`, the payload on stdin, in the project. */
export function runHookCommand(
  repo: TempRepo,
  command: string,
  payload: string,
  env: Record<string, string> = {},
) {
  const result = spawnSync('/bin/sh', ['-c', command], {
    cwd: repo.dir,
    env: { ...repo.env, CLAUDE_PROJECT_DIR: repo.dir, ...env },
    input: payload,
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function agentDir(repo: TempRepo): string {
  return join(repo.dir, '.git', 'batch', 'agents');
}

function alive(file: string): boolean {
  if (!existsSync(file)) return false;
  const pid = Number(readFileSync(file, 'utf8').trim());
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Payloads the hook queued that the worker has not recorded yet. */
export function queued(repo: TempRepo): number {
  const dir = join(agentDir(repo), 'queue');
  return existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.json')).length : 0;
}

/** Waits until the queue is empty (the recording worker took every payload). */
export async function waitForQueue(repo: TempRepo): Promise<void> {
  await pollUntil(() => (queued(repo) === 0 ? true : undefined), 'the agent queue to drain', 60_000, 20);
}

/** Waits until both agent workers have stopped (with `queue`, also until every payload is recorded). */
export async function waitForAgentWorkers(repo: TempRepo, queue = true): Promise<void> {
  await pollUntil(
    () =>
      (!queue || queued(repo) === 0) &&
      !alive(join(agentDir(repo), 'record-worker.pid')) &&
      !alive(join(agentDir(repo), 'test-worker.pid'))
        ? true
        : undefined,
    'the agent workers to stop',
    120_000,
    50,
  );
}

/** A small node:test project: src/calc.js and a test of it. */
export function writeCalcProject(repo: TempRepo): void {
  repo.write('package.json', '{"type":"module"}\n');
  repo.write('src/calc.js', 'export const add = (a, b) => a + b;\n');
  repo.write(
    'test/calc.test.js',
    "import test from 'node:test';\nimport assert from 'node:assert';\nimport { add } from '../src/calc.js';\n" +
      "test('adds', () => {\n  assert.strictEqual(add(2, 3), 5);\n});\n",
  );
  repo.git('add', '-A');
  repo.git('commit', '-q', '-m', 'calc');
}

/** A Claude Code PostToolUse payload for one tool call. */
export function claudePayload(
  repo: TempRepo,
  tool: string,
  toolUseId: string,
  input: Record<string, unknown>,
): string {
  return JSON.stringify({
    session_id: 'session-long-1',
    transcript_path: join(repo.home, 'transcript.jsonl'),
    cwd: repo.dir,
    permission_mode: 'acceptEdits',
    hook_event_name: 'PostToolUse',
    tool_name: tool,
    tool_input: input,
    tool_response: { success: true },
    tool_use_id: toolUseId,
  });
}

/** What the Claude Code hook (or `--agent codex`) answers when a batch broke tests. */
export interface ClaudeAnswer {
  decision: string;
  reason: string;
  hookSpecificOutput: { hookEventName: string; additionalContext: string };
}

/** The SDK's own MCP client, connected over stdio to `batch mcp` serving this repository. */
export async function connectMcp(repo: TempRepo, name = 'batch-test'): Promise<Client> {
  const client = new Client({ name, version: '1.0.0' });
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [BATCH_BIN, 'mcp', '--cwd', repo.dir],
      env: repo.env as Record<string, string>,
      cwd: repo.dir,
      stderr: 'pipe',
    }),
  );
  return client;
}
