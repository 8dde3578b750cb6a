import { existsSync, mkdirSync, readFileSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../../adapters/atomicWrite.js';
import { BatchError } from '../context/errors.js';
import {
  addAgentHooks,
  installedAgentHooks,
  removeAgentHooks,
  type AgentHookPaths,
} from './claudeSettings.js';

export const AGENT_SCOPES = ['project', 'local', 'user'] as const;
export type AgentScope = (typeof AGENT_SCOPES)[number];
export const AGENTS = ['claude'] as const;

/** Claude Code's settings file for a scope: the project's (shared), the project's local one, the user's. */
export function claudeSettingsFile(scope: AgentScope, root: string, home: string | undefined): string {
  if (scope === 'user') {
    if (!home)
      throw new BatchError('HOME is not set, so the user settings file has no place', {
        hint: 'set HOME, or use --scope project or --scope local',
      });
    return join(home, '.claude', 'settings.json');
  }
  return join(root, '.claude', scope === 'local' ? 'settings.local.json' : 'settings.json');
}

function readText(file: string): string | null {
  return existsSync(file) ? readFileSync(file, 'utf8') : null;
}

export interface AgentHookChange {
  file: string;
  /** What the call did: `installed`, `updated` (entries replaced), `removed`, `absent` (nothing to remove). */
  outcome: 'installed' | 'updated' | 'removed' | 'absent';
}

/** Adds batch's PostToolUse entries to the settings file (created when missing), other hooks untouched. */
export function installClaudeHooks(file: string, paths: AgentHookPaths): AgentHookChange {
  const text = readText(file);
  const before = installedAgentHooks(text, file);
  mkdirSync(dirname(file), { recursive: true });
  writeFileAtomic(file, addAgentHooks(text, file, paths));
  return { file, outcome: before.length ? 'updated' : 'installed' };
}

/** Removes batch's entries; the file is then what it was before install, byte for byte (or gone if install made it). */
export function uninstallClaudeHooks(file: string): AgentHookChange {
  const text = readText(file);
  if (text === null || installedAgentHooks(text, file).length === 0) return { file, outcome: 'absent' };
  const result = removeAgentHooks(text, file);
  if (result === null) unlinkSync(file);
  else writeFileAtomic(file, result);
  return { file, outcome: 'removed' };
}

export interface AgentHookStatus {
  file: string;
  installed: boolean;
  commands: string[];
}

/** Whether batch's entries are in the settings file, and the commands they run. */
export function claudeHookStatus(file: string): AgentHookStatus {
  const commands = installedAgentHooks(readText(file), file);
  return { file, installed: commands.length > 0, commands };
}
