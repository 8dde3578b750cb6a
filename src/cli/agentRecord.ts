import { resolve } from 'node:path';
import { claudeHookOutput, clineHookOutput } from '../core/agents/agentFeedback.js';
import { takeAgentVerdict } from '../core/agents/agentFiles.js';
import { parseAgentPayload } from '../core/agents/agentPayload.js';
import { recordAgentEdit } from '../core/agents/recordAgentEdit.js';
import { openContext } from '../core/context/context.js';
import { hookEnvironment } from '../adapters/hookProcess.js';
import { messages } from '../output/messages.js';
import type { Printer } from '../output/printer.js';
import { startTestWorker } from './agentWorker.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Agents whose hooks read Claude Code's output fields (Codex CLI's PostToolUse output schema has them too). */
const CLAUDE_PROTOCOL = new Set(['claude', 'codex']);

/**
 * `batch record --stdin-json [--agent claude|codex|cline]`: records one hook payload now (the installed Claude hook
 * queues instead, to return at once) and answers with the feedback waiting since the last call — in
 * Claude Code's output JSON with --agent claude or codex, Cline's with --agent cline (stdout is then
 * that JSON and nothing else), else as plain lines. A completed batch is tested in
 * the background. Never fails the agent's tool call: whatever goes wrong is one line on stderr, exit 0.
 */
export async function recordFromStdin(
  agent: string | undefined,
  cwd: string | undefined,
  printer: Printer,
): Promise<number> {
  try {
    const text = await readStdin();
    const request = parseAgentPayload(text, agent ?? 'agent');
    const env = hookEnvironment(process.env);
    const ctx = await openContext({
      cwd: resolve(request?.cwd ?? cwd ?? process.cwd()),
      env,
      logger: printer,
    });
    const verdict = takeAgentVerdict(ctx.ws);
    const result = request ? await recordAgentEdit(ctx, request) : null;
    // with an agent's protocol stdout carries its JSON and nothing else
    const claudeLike = CLAUDE_PROTOCOL.has(agent ?? '');
    if (!claudeLike && agent !== 'cline') {
      for (const edit of result?.edits ?? [])
        printer.info(messages.recordedEdit(edit.kind, edit.path, edit.seq));
    }
    if (result?.completed && ctx.config.testCommand && ctx.config.hook.mode !== 'off') {
      startTestWorker(ctx, agent ?? 'agent');
    }
    if (agent === 'cline') process.stdout.write(clineHookOutput(verdict?.lines ?? null));
    else if (verdict && claudeLike)
      process.stdout.write(verdict.rendered.claude ?? claudeHookOutput(verdict.lines));
    else if (verdict) for (const line of verdict.lines) printer.result(line);
  } catch (error) {
    process.stderr.write(`${messages.agentFailed(errorText(error))}\n`);
    // Cline takes a hook's output that is no JSON as "go on"; said explicitly all the same
    if (agent === 'cline') process.stdout.write(clineHookOutput(null));
  }
  return 0;
}
