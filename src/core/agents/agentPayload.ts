import * as z from '../model/schema.js';
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

/**
 * Cline's hook input (docs.cline.bot/features/hooks/hook-reference): base fields `clineVersion`,
 * `hookName`, `timestamp`, `taskId`, `workspaceRoots`, `userId`; `PostToolUse` adds `postToolUse`
 * with `toolName`, `parameters`, `result`, `success` and `executionTimeMs`. Cline's file tools name
 * their file in `parameters.path` (relative to the workspace), `execute_command` its `command`.
 */
const clinePayload = z.looseObject({
  hookName: z.literal('PostToolUse'),
  taskId: z.string().optional(),
  workspaceRoots: z.array(z.string()).optional(),
  postToolUse: z.looseObject({
    toolName: z.string(),
    parameters: z.looseObject({ path: z.string().optional(), command: z.string().optional() }).optional(),
  }),
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

/** Codex CLI's file tool: its `tool_input.command` is the patch, whose headers name the files. */
const PATCH_TOOL = 'apply_patch';

/** Cline's tools that write the file in `parameters.path`, and the one that runs commands. */
const CLINE_FILE_TOOLS = new Set(['write_to_file', 'replace_in_file']);
const CLINE_SHELL_TOOL = 'execute_command';

/**
 * The files a Codex patch touches (`*** Add File: p`, `*** Update File: p`, `*** Delete File: p`,
 * `*** Move to: p`); empty when the text has none, and then the whole worktree is looked at.
 */
export function patchPaths(patch: string): string[] {
  const paths = new Set<string>();
  for (const line of patch.split('\n')) {
    const match = /^\*\*\* (?:Add File|Update File|Delete File|Move to): (.+?)\s*$/.exec(line);
    if (match?.[1]) paths.add(match[1]);
  }
  return [...paths];
}

function firstLine(text: string, max: number): string {
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** A shell command's request: whatever differs in the tree from the last snapshot is its edits. */
function shellRequest(
  cwd: string | null,
  commandText: string | undefined,
  origin: EditOrigin,
  description?: string,
): AgentRecordRequest {
  const command = commandText ? firstLine(commandText, 200) : undefined;
  return {
    cwd,
    // "." is the whole worktree: the paths that differ from the last snapshot are the command's edits
    paths: ['.'],
    description: description ?? (command ? `$ ${command}` : null),
    source: 'shell',
    origin: { ...origin, ...(command !== undefined ? { command } : {}) },
  };
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
  if (payload.tool_name === PATCH_TOOL) {
    const paths = patchPaths(input.command ?? '');
    return { cwd, paths: paths.length ? paths : ['.'], description: null, source: 'agent', origin };
  }
  if (!SHELL_TOOLS.has(payload.tool_name)) return null;
  return shellRequest(cwd, input.command, origin, input.description);
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
  return shellRequest(cwd, payload.command, origin);
}

function fromCline(payload: z.infer<typeof clinePayload>): AgentRecordRequest | null {
  const { toolName, parameters = {} } = payload.postToolUse;
  // Cline gives no id per tool call: the task is the session, the tool call has none
  const origin: EditOrigin = {
    agent: 'cline',
    session: payload.taskId ?? null,
    toolUse: null,
    tool: toolName,
  };
  const cwd = payload.workspaceRoots?.[0] ?? null;
  if (CLINE_FILE_TOOLS.has(toolName) && parameters.path) {
    return { cwd, paths: [parameters.path], description: null, source: 'agent', origin };
  }
  if (toolName !== CLINE_SHELL_TOOL) return null;
  return shellRequest(cwd, parameters.command, origin);
}

/**
 * Reads a hook payload (Claude Code's or Codex CLI's PostToolUse input, Cline's PostToolUse, Cursor's afterFileEdit or
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
  const cline = clinePayload.safeParse(json);
  if (cline.success) return fromCline(cline.data);
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
