import { readFileSync } from 'node:fs';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TempRepo } from '../support/repo.js';
import { connectMcp, writeCalcProject } from './agentHelpers.js';

interface ToolAnswer {
  exitCode: number;
  result?: unknown;
  output?: string[];
  dryRun?: boolean;
  error?: string;
  hint?: string | null;
}

async function call(client: Client, name: string, args: Record<string, unknown> = {}) {
  const response = await client.callTool({ name, arguments: args });
  const content = response.content as { type: string; text: string }[];
  return { isError: response.isError === true, answer: JSON.parse(content[0]?.text ?? '{}') as ToolAnswer };
}

describe('batch mcp, driven by the SDK client over stdio', () => {
  let repo: TempRepo;
  let client: Client;
  beforeEach(async () => {
    repo = TempRepo.create();
    writeCalcProject(repo);
    expect(repo.batch(['init', '--batch-size', '2', '--test-command', 'node --test']).code).toBe(0);
    repo.write('src/calc.js', 'export const add = (a, b) => a - b;\n');
    repo.batch(['record', 'src/calc.js']);
    repo.write('src/notes.md', '# notes\n');
    // completes batch 1 and runs its tests: `adds` fails
    expect(repo.batch(['record', 'src/notes.md']).code).toBe(1);
    client = await connectMcp(repo);
  });
  afterEach(async () => {
    await client.close();
    repo.cleanup();
  });

  it('lists its tools with input schemas; the tree-changing ones default to a dry run', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual([
      'status',
      'log',
      'report',
      'compare',
      'rollback',
      'bisect',
      'revert',
      'undo',
    ]);
    expect(tools.find((t) => t.name === 'revert')?.inputSchema.required).toEqual(['edits']);
    for (const tool of tools) expect(tool.inputSchema.type).toBe('object');
    const rollback = tools.find((t) => t.name === 'rollback');
    expect(rollback?.inputSchema.required).toEqual(['batch']);
    expect(rollback?.inputSchema.properties?.dryRun).toMatchObject({ type: 'boolean', default: true });
  });

  it('status, log and report answer what the CLI prints with --json', async () => {
    const status = await call(client, 'status');
    expect(status.answer.result).toEqual(repo.json(['status']));
    const log = await call(client, 'log', { limit: 1 });
    expect(log.answer.result).toMatchObject({ totalBatches: 2 });
    expect((log.answer.result as { batches: { id: number }[] }).batches.map((b) => b.id)).toEqual([2]);
    const report = await call(client, 'report', { batch: 1 });
    expect(report.answer.result).toEqual(JSON.parse(repo.batch(['report', '1', '--format', 'json']).stdout));
  });

  it("errors carry batch's own message and hint", async () => {
    const missing = await call(client, 'report', { batch: 99 });
    expect(missing.isError).toBe(true);
    expect(missing.answer).toMatchObject({ exitCode: 3, error: 'there is no batch 99' });
    expect(missing.answer.hint).toContain('batch log');
  });

  it('rollback plans first, applies when asked, and undo takes it back', async () => {
    const plan = await call(client, 'rollback', { batch: 1 });
    expect(plan.answer.dryRun).toBe(true);
    expect(plan.answer.output?.join('\n')).toContain('src/calc.js');
    expect(readFileSync(repo.path('src/calc.js'), 'utf8')).toContain('a - b');
    const applied = await call(client, 'rollback', { batch: 1, dryRun: false });
    expect(applied.answer.exitCode).toBe(0);
    expect(readFileSync(repo.path('src/calc.js'), 'utf8')).toContain('a + b');
    const undone = await call(client, 'undo', { dryRun: false });
    expect(undone.answer.exitCode).toBe(0);
    expect(readFileSync(repo.path('src/calc.js'), 'utf8')).toContain('a - b');
  });
});
