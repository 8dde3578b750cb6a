import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { join } from 'node:path';
import { parse, parseDocument } from 'yaml';
import { writeFileAtomic } from '../../adapters/atomicWrite.js';
import type { Workspace } from '../context/workspace.js';
import { findLefthookConfig, type HookLocation } from './hookLocation.js';
import type { HookIntegration } from './hookManifest.js';
import { huskyVersion } from './hookOwner.js';
import type { InstallStep } from './installStep.js';
import {
  appendedText,
  hasBatchLines,
  huskyLegacyHeader,
  huskyLine,
  lefthookBlock,
  shimCallLine,
} from './managerConfig.js';
import { HOOK_EVENTS } from './shimTemplate.js';

/** Text for the user to add to a file batch does not edit itself. */
export interface Instruction {
  file: string;
  text: string;
  /** Why batch did not add it, and what to run afterwards. */
  note: string;
}

export interface IntegrationResult {
  steps: InstallStep[];
  integrations: HookIntegration[];
  instructions: Instruction[];
}

/** Appends `added` to a manager's file, keeping its bytes and mode so uninstall can put them back. */
function appendTo(file: string, added: string, newMode: number): HookIntegration & { action: 'appended' } {
  const exists = existsSync(file);
  const original = exists ? readFileSync(file) : null;
  const mode = exists ? lstatSync(file).mode & 0o7777 : null;
  const text = original?.toString('utf8') ?? '';
  const extra = exists ? appendedText(text, added) : added;
  writeFileAtomic(
    file,
    Buffer.concat([original ?? Buffer.alloc(0), Buffer.from(extra, 'utf8')]),
    mode ?? newMode,
  );
  return {
    events: [],
    mechanism: 'husky',
    file,
    original: original ? original.toString('base64') : null,
    originalMode: mode,
    added: extra,
    displaced: null,
    action: 'appended',
  };
}

/** husky owns core.hooksPath: a marked line in `.husky/<hook>` (husky's own, committed files) runs batch's shim. */
export function integrateHusky(ws: Workspace, location: HookLocation): IntegrationResult {
  const legacy = huskyVersion(ws, location) === 'legacy';
  const result: IntegrationResult = { steps: [], integrations: [], instructions: [] };
  for (const event of HOOK_EVENTS) {
    const file = join(ws.root, '.husky', event);
    if (existsSync(file) && hasBatchLines(readFileSync(file, 'utf8'))) {
      result.steps.push({ event, file, action: 'unchanged' });
      continue;
    }
    const line = huskyLine(event);
    const added = appendTo(
      file,
      existsSync(file) || !legacy ? line : huskyLegacyHeader() + line,
      legacy ? 0o755 : 0o644,
    );
    const { action, ...integration } = added;
    result.integrations.push({ ...integration, events: [event] });
    result.steps.push({ event, file, action });
  }
  return result;
}

/**
 * lefthook renames any hook it did not write and stops running it, so batch goes through its config:
 * a marked block appended when the file is YAML without post-commit/post-rewrite entries, otherwise
 * the entries to add are printed.
 */
export function integrateLefthook(ws: Workspace): IntegrationResult {
  const file = findLefthookConfig(ws.root) ?? join(ws.root, 'lefthook.yml');
  const result: IntegrationResult = { steps: [], integrations: [], instructions: [] };
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  if (hasBatchLines(text)) {
    result.steps.push({ event: null, file, action: 'unchanged' });
    return result;
  }
  const block = lefthookBlock();
  const after = text + appendedText(text, block);
  if (/\.ya?ml$/.test(file) && safeYamlAppend(text, after)) {
    const { action, ...integration } = appendTo(file, block, 0o644);
    result.integrations.push({ ...integration, mechanism: 'lefthook', events: [...HOOK_EVENTS] });
    result.steps.push({ event: null, file, action });
    result.instructions.push({ file, text: '', note: 'lefthook-install' });
    return result;
  }
  result.steps.push({ event: null, file, action: 'printed' });
  result.instructions.push({ file, text: block, note: 'lefthook-merge' });
  return result;
}

/** True when appending keeps the YAML valid, every existing key as it was, and adds batch's entries. */
function safeYamlAppend(before: string, after: string): boolean {
  try {
    const doc = parseDocument(before);
    if (doc.errors.length > 0) return false;
    const old = (doc.toJS() ?? {}) as Record<string, unknown>;
    if (typeof old !== 'object' || Array.isArray(old)) return false;
    if ('post-commit' in old || 'post-rewrite' in old) return false;
    const next = parse(after) as Record<string, unknown>;
    const { ['post-commit']: commit, ['post-rewrite']: rewrite, ...rest } = next;
    return isDeepStrictEqual(rest, old) && commit !== undefined && rewrite !== undefined;
  } catch {
    return false;
  }
}

/** A `core.hooksPath` batch does not manage: the line to add to each hook there. */
export function manualInstructions(location: HookLocation): Instruction[] {
  return HOOK_EVENTS.map((event) => ({
    file: join(location.hooksDir, event),
    text: `${shimCallLine(event, '"$@"')}\n`,
    note: 'hooks-path',
  }));
}
