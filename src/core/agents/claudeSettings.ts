import {
  applyEdits,
  findNodeAtLocation,
  modify,
  parse,
  parseTree,
  type JSONPath,
  type ParseError,
} from 'jsonc-parser';
import { HOOK_MARKER, shQuote, type ShimPaths } from '../hooks/shimTemplate.js';
import { BatchError } from '../context/errors.js';

/**
 * Claude Code's hooks live in its settings files (code.claude.com/docs/en/hooks, "Configuration"):
 * `hooks.PostToolUse` is a list of `{ matcher, hooks: [{ type: "command", command }] }`, the matcher a
 * regular expression on the tool name. batch adds two entries and touches nothing else; each command
 * carries HOOK_MARKER, and names the containers (`hooks`, `PostToolUse`) its install created, so
 * uninstall removes exactly what install added and the file comes back byte for byte.
 */
export const CLAUDE_MATCHERS = ['Edit|Write|MultiEdit|NotebookEdit', 'Bash'] as const;

const AGENT_MARKER = `${HOOK_MARKER} agent`;

/** Where node, the CLI and the hook script are, baked into the command. */
export interface AgentHookPaths extends ShimPaths {
  script: string;
}

/**
 * The command Claude Code runs (with `sh -c`): the hook script when it is still there, else one line
 * and exit 0, so a moved or removed package never fails the agent's tool call. The script finds node
 * on PATH when the installed one is gone, and exits 0 whatever happens.
 */
export function claudeHookCommand(paths: AgentHookPaths, created: string[]): string {
  const script = shQuote(paths.script);
  const run = `exec /bin/sh ${script} claude ${shQuote(paths.node)} ${shQuote(paths.cli)}`;
  const missing = `echo 'batch: its agent hook script is gone; run batch agent install claude again' >&2`;
  const note = created.length ? ` created=${created.join(',')}` : '';
  return `[ -f ${script} ] && ${run}; ${missing}; exit 0 # ${AGENT_MARKER}${note}`;
}

function parseSettings(text: string, file: string): unknown {
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: true });
  if (errors.length > 0 || (value !== undefined && (typeof value !== 'object' || Array.isArray(value)))) {
    throw new BatchError(`${file} is not a JSON object, so batch leaves it alone`, {
      hint: `fix ${file} (Claude Code reads it as JSON), then run the command again`,
    });
  }
  return value ?? {};
}

interface HookGroup {
  hooks?: { command?: unknown }[];
}

function isOurs(group: unknown): boolean {
  const hooks = (group as HookGroup | null)?.hooks;
  return (
    Array.isArray(hooks) &&
    hooks.some((h) => typeof h?.command === 'string' && h.command.includes(AGENT_MARKER))
  );
}

function postToolUse(settings: unknown): unknown[] | null {
  const hooks = (settings as { hooks?: unknown }).hooks;
  const list = (hooks as { PostToolUse?: unknown } | undefined)?.PostToolUse;
  return Array.isArray(list) ? (list as unknown[]) : null;
}

/**
 * No formatting on either side: jsonc-parser then inserts batch's entries as compact JSON right after
 * the last element, and removing them deletes exactly those characters. Formatting would re-indent
 * the neighbouring lines too, and the file would not come back byte for byte.
 */
const EXACT = {};

/**
 * Deletes the member at `path` (an array element or an object property) and the separator before it:
 * exactly the characters jsonc-parser's compact insertion added (its own removal also eats the
 * whitespace before the closing bracket).
 */
function removeMember(text: string, path: JSONPath): string {
  const root = parseTree(text);
  const value = root ? findNodeAtLocation(root, path) : undefined;
  const node = value && typeof path[path.length - 1] === 'string' ? value.parent : value;
  const container = node?.parent;
  if (!node || !container?.children) return text;
  const siblings = container.children;
  const i = siblings.indexOf(node);
  const end = node.offset + node.length;
  const previous = siblings[i - 1];
  const next = siblings[i + 1];
  if (previous) return text.slice(0, previous.offset + previous.length) + text.slice(end);
  if (next) return text.slice(0, node.offset) + text.slice(next.offset);
  return text.slice(0, container.offset + 1) + text.slice(container.offset + container.length - 1);
}

/** The commands of batch's entries in a settings text (empty: not installed). */
export function installedAgentHooks(text: string | null, file: string): string[] {
  if (text === null) return [];
  const list = postToolUse(parseSettings(text, file)) ?? [];
  return list
    .filter(isOurs)
    .flatMap((group) =>
      ((group as HookGroup).hooks ?? [])
        .map((h) => String(h.command))
        .filter((c) => c.includes(AGENT_MARKER)),
    );
}

/** The settings text with batch's entries removed; null when the file held nothing else and batch created it. */
export function removeAgentHooks(text: string, file: string): string | null {
  const settings = parseSettings(text, file);
  const list = postToolUse(settings) ?? [];
  const commands = installedAgentHooks(text, file);
  if (commands.length === 0) return text;
  const created = new Set(/ created=(\S+)/.exec(commands[0] ?? '')?.[1]?.split(',') ?? []);
  let result = text;
  for (let i = list.length - 1; i >= 0; i--) {
    if (isOurs(list[i])) result = removeMember(result, ['hooks', 'PostToolUse', i]);
  }
  const after = parseSettings(result, file);
  if (created.has('PostToolUse') && postToolUse(after)?.length === 0) {
    result = removeMember(result, ['hooks', 'PostToolUse']);
  }
  const hooks = (parseSettings(result, file) as { hooks?: Record<string, unknown> }).hooks;
  if (created.has('hooks') && hooks && Object.keys(hooks).length === 0) {
    result = removeMember(result, ['hooks']);
  }
  if (created.has('file') && Object.keys(parseSettings(result, file) as object).length === 0) return null;
  return result;
}

/** The settings text (null: no file yet) with batch's two PostToolUse entries added, or replaced when present. */
export function addAgentHooks(text: string | null, file: string, paths: AgentHookPaths): string {
  let base = text === null ? null : removeAgentHooks(text, file);
  const created: string[] = [];
  if (base === null) {
    created.push('file');
    base = '{}\n';
  }
  const settings = parseSettings(base, file) as { hooks?: unknown };
  if (settings.hooks === undefined) created.push('hooks');
  const list = postToolUse(settings);
  if (list === null) created.push('PostToolUse');
  const command = claudeHookCommand(paths, created);
  const groups = CLAUDE_MATCHERS.map((matcher) => ({ matcher, hooks: [{ type: 'command', command }] }));
  const options = EXACT;
  if (list === null) return applyEdits(base, modify(base, ['hooks', 'PostToolUse'], groups, options));
  let result = base;
  for (const [i, group] of groups.entries()) {
    result = applyEdits(
      result,
      modify(result, ['hooks', 'PostToolUse', list.length + i], group, {
        ...options,
        isArrayInsertion: true,
      }),
    );
  }
  return result;
}
