import { spawn } from 'node:child_process';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import stripAnsi from 'strip-ansi';
import { MCP_TOOLS, type McpToolSpec } from '../core/agents/mcpTools.js';

interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs this very CLI with `args` in `root`, without a terminal (so nothing prompts) and without colour. */
function runCli(cli: string, root: string, args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args, '--cwd', root], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => resolve({ exitCode: 3, stdout: '', stderr: `error: ${error.message}` }));
    child.on('close', (code) => {
      const text = (chunks: Buffer[]) => stripAnsi(Buffer.concat(chunks).toString('utf8'));
      resolve({ exitCode: code ?? 3, stdout: text(out), stderr: text(err) });
    });
  });
}

/** `error: …` and `hint: …` as batch prints them, for an agent to act on. */
function errorOf(stderr: string): { error: string; hint: string | null } {
  const error = /^error: (.*)$/m.exec(stderr)?.[1] ?? (stderr.trim() || 'batch failed');
  return { error, hint: /^hint: (.*)$/m.exec(stderr)?.[1] ?? null };
}

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}

/** The compact answer of one tool call: the command's JSON (or its lines) and its exit code. */
function answer(tool: McpToolSpec, input: Record<string, unknown>, result: CliResult) {
  let body: Record<string, unknown>;
  if (result.exitCode === 3) {
    body = { exitCode: 3, ...errorOf(result.stderr) };
  } else if (tool.json) {
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(result.stdout);
    } catch {
      parsed = { output: lines(result.stdout) };
    }
    if (tool.name === 'log' && parsed && typeof parsed === 'object' && 'batches' in parsed) {
      const batches = (parsed as { batches: unknown[] }).batches;
      parsed = { batches: batches.slice(-Number(input.limit ?? 5)), totalBatches: batches.length };
    }
    body = { exitCode: result.exitCode, result: parsed };
  } else {
    const dryRun = tool.changesTree && input.dryRun !== false;
    body = {
      exitCode: result.exitCode,
      ...(dryRun ? { dryRun: true, apply: `call ${tool.name} again with dryRun: false` } : {}),
      output: lines(`${result.stdout}\n${result.stderr}`),
    };
  }
  return {
    content: [{ type: 'text' as const, text: JSON.stringify(body) }],
    ...(result.exitCode === 3 ? { isError: true } : {}),
  };
}

/** Serves batch's tools over stdio; the process lives as long as the client keeps stdin open. */
export async function serveMcp(
  cli: string,
  root: string,
  version: string,
  tools: McpToolSpec[] = MCP_TOOLS,
): Promise<void> {
  const server = new McpServer({ name: 'batch', version });
  for (const tool of tools) {
    server.registerTool(
      tool.name,
      {
        description: tool.description,
        inputSchema: tool.input,
        annotations: {
          destructiveHint: tool.changesTree,
          readOnlyHint: !tool.changesTree && tool.name !== 'compare',
        },
      },
      async (input: Record<string, unknown>) =>
        answer(tool, input, await runCli(cli, root, tool.argv(input))),
    );
  }
  await server.connect(new StdioServerTransport());
}
