import { z } from 'zod';
import type { EditOrigin, EditSource } from '../model/batchModel.js';
import { BatchError } from '../context/errors.js';

/**
 * Claude Code's hook input (code.claude.com/docs/en/hooks, "PostToolUse input"): common fields plus
 * the tool's name, input, response and id. Only what batch uses is checked; the rest passes through.
 */
const claudePayload = z.looseObject({
  session_id: z.string(),
  cwd: z.string().optional(),
  hook_event_name: z.string().optional(),
  tool_name: z.string(),
  tool_use_id: z.string().optional(),
  tool_input: z
    .looseObject({
      file_path: z.string().optional(),
      notebook_path: z.string().optional(),
      command: z.string().optional(),
      description: z.string().optional(),
    })
    .optional(),
});

/**
 * Cursor's hook input (cursor.com/docs/agent/hooks): common fields `conversation_id`, `generation_id`,
 * `workspace_roots`, `hook_event_name`; `afterFileEdit` adds `file_path` and `edits`,
 * `afterShellExecution` adds `command`, `cwd` and `output`. Both are fire-and-forget for Cursor.
 */
const cursorPayload = z.looseObject({
  hook_event_name: z.enum(['afterFileEdit', 'afterShellExecution']),
  conversation_id: z.string().optional(),
  generation_id: z.string().optional(),
  workspace_roots: z.array(z.string()).optional(),
  file_path: z.string().optional(),
  command: z.string().optional(),
  cwd: z.string().optional(),
});

/** batch's own payload, for any agent or editor that can run a command with JSON on stdin. */
const plainPayload = z.strictObject({
  paths: z.array(z.string()).min(1),
  description: z.string().nullish(),
  source: z.string().nullish(),
  session: z.string().nullish(),
  toolUse: z.string().nullish(),
  tool: z.string().nullish(),
  cwd: z.string().nullish(),
});

/** What one payload asks batch to record. */
export interface AgentRecordRequest {
  /** Where the agent ran (paths are resolved from it); null: the command's own cwd. */
  cwd: string | null;
  paths: string[];
  description: string | null;
  source: EditSource;
  origin: EditOrigin;
}

/** Tools whose input names the one file they wrote. */
const FILE_TOOLS: Record<string, 'file_path' | 'notebook_path'> = {
  Write: 'file_path',
  Edit: 'file_path',
  MultiEdit: 'file_path',
  NotebookEdit: 'notebook_path',
};

/** The tools that run shell commands: whatever changed in the tree is theirs. */
const SHELL_TOOLS = new Set(['Bash']);

function firstLine(text: string, max: number): string {
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

function fromClaude(payload: z.infer<typeof claudePayload>, agent: string): AgentRecordRequest | null {
  const input = payload.tool_input ?? {};
  const origin: EditOrigin = {
    agent,
    session: payload.session_id,
    toolUse: payload.tool_use_id ?? null,
    tool: payload.tool_name,
  };
  const cwd = payload.cwd ?? null;
  const field = FILE_TOOLS[payload.tool_name];
  const file = field ? input[field] : undefined;
  if (file) return { cwd, paths: [file], description: null, source: 'agent', origin };
  if (!SHELL_TOOLS.has(payload.tool_name)) return null;
  const command = input.command ? firstLine(input.command, 200) : undefined;
  return {
    cwd,
    // "." is the whole worktree: the paths that differ from the last snapshot are the command's edits
    paths: ['.'],
    description: input.description ?? (command ? `$ ${command}` : null),
    source: 'shell',
    origin: { ...origin, ...(command !== undefined ? { command } : {}) },
  };
}

function fromCursor(payload: z.infer<typeof cursorPayload>): AgentRecordRequest | null {
  const origin: EditOrigin = {
    agent: 'cursor',
    session: payload.conversation_id ?? null,
    toolUse: payload.generation_id ?? null,
    tool: payload.hook_event_name,
  };
  const cwd = payload.cwd ?? payload.workspace_roots?.[0] ?? null;
  if (payload.hook_event_name === 'afterFileEdit') {
    return payload.file_path
      ? { cwd, paths: [payload.file_path], description: null, source: 'agent', origin }
      : null;
  }
  const command = payload.command ? firstLine(payload.command, 200) : undefined;
  return {
    cwd,
    paths: ['.'],
    description: command ? `$ ${command}` : null,
    source: 'shell',
    origin: { ...origin, ...(command !== undefined ? { command } : {}) },
  };
}

/**
 * Reads a hook payload (Claude Code's PostToolUse input, Cursor's afterFileEdit or
 * afterShellExecution, or `{"paths": [...]}`) into a record request;
 * null for a tool call that cannot have changed files (Read, Grep…). Anything else is a BatchError.
 */
export function parseAgentPayload(text: string, agent: string): AgentRecordRequest | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BatchError('the JSON on stdin could not be read', {
      hint: 'send one JSON object: {"paths": ["src/app.ts"]} or an agent hook payload',
    });
  }
  const claude = claudePayload.safeParse(json);
  if (claude.success) return fromClaude(claude.data, agent);
  const cursor = cursorPayload.safeParse(json);
  if (cursor.success) return fromCursor(cursor.data);
  const plain = plainPayload.safeParse(json);
  if (!plain.success) {
    throw new BatchError('the JSON on stdin is neither {"paths": [...]} nor an agent hook payload', {
      hint: 'fields: paths (required), description, source, session, toolUse, tool, cwd',
    });
  }
  const { paths, description, source, session, toolUse, tool, cwd } = plain.data;
  return {
    cwd: cwd ?? null,
    paths,
    description: description ?? null,
    source: 'agent',
    origin: {
      agent: source ?? agent,
      session: session ?? null,
      toolUse: toolUse ?? null,
      tool: tool ?? null,
    },
  };
}
