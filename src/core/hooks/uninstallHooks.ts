import { existsSync, lstatSync, readFileSync, readdirSync, renameSync, rmdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../adapters/atomicWrite.js';
import type { Context } from '../context/context.js';
import { locateHooks, type HookLocation } from './hookLocation.js';
import { readManifest, type HookIntegration } from './hookManifest.js';
import { hasBatchLines, withoutBatchLines } from './managerConfig.js';
import { HOOK_EVENTS, isBatchShim } from './shimTemplate.js';

export type UninstallAction = 'removed' | 'restored' | 'lines-removed' | 'left';

export interface UninstallStep {
  file: string;
  action: UninstallAction;
  /** Why a file was left, or where a displaced hook came back from. */
  note?: string;
}

function readText(file: string): string | null {
  try {
    return lstatSync(file).isFile() ? readFileSync(file, 'utf8') : null;
  } catch {
    return null;
  }
}

function present(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

/** Removes batch's shim from a hooks folder and renames the displaced hook back (same bytes, same mode). */
function removeHookFile(integration: HookIntegration): UninstallStep {
  const { file } = integration;
  const displaced = integration.displaced ?? `${file}.batch-displaced`;
  const text = readText(file);
  if (text !== null && !isBatchShim(text)) {
    return { file, action: 'left', note: present(displaced) ? `replaced-kept:${displaced}` : 'replaced' };
  }
  if (text !== null) unlinkSync(file);
  if (present(displaced)) {
    renameSync(displaced, file);
    return { file, action: 'restored', note: displaced };
  }
  return { file, action: text !== null ? 'removed' : 'left', note: text !== null ? undefined : 'missing' };
}

/** Puts a manager's file back as it was before batch appended to it, or removes just batch's lines. */
function restoreManagerFile(integration: HookIntegration): UninstallStep {
  const { file } = integration;
  if (!present(file)) return { file, action: 'left', note: 'missing' };
  const current = readFileSync(file);
  const original =
    integration.original !== null ? Buffer.from(integration.original, 'base64') : Buffer.alloc(0);
  const expected = Buffer.concat([original, Buffer.from(integration.added ?? '', 'utf8')]);
  if (current.equals(expected)) {
    if (integration.original === null) {
      unlinkSync(file);
      return { file, action: 'removed' };
    }
    writeFileAtomic(file, original, integration.originalMode ?? undefined);
    return { file, action: 'restored' };
  }
  const text = current.toString('utf8');
  if (!hasBatchLines(text)) return { file, action: 'left', note: 'no-lines' };
  writeFileAtomic(file, withoutBatchLines(text), lstatSync(file).mode & 0o7777);
  return { file, action: 'lines-removed', note: 'edited' };
}

/** What install did, from the manifest; without one, batch's shims found in the hooks folder. */
function integrations(location: HookLocation): HookIntegration[] {
  const manifest = readManifest(location.manifestPath);
  if (manifest) return manifest.integrations;
  const dirs = [...new Set([location.hooksDir, location.defaultDir])];
  return dirs.flatMap((dir) =>
    HOOK_EVENTS.map((event) => join(dir, event))
      .filter((file) => isBatchShim(readText(file) ?? ''))
      .map((file) => ({
        events: [],
        mechanism: 'hooks-dir' as const,
        file,
        original: null,
        originalMode: null,
        added: null,
        displaced: null,
      })),
  );
}

/**
 * `batch hook uninstall`: removes what install wrote and puts back what was there byte for byte (a
 * displaced hook is renamed back; a manager's file gets its saved bytes and mode). A file changed since
 * install loses only batch's marked lines; a hook that replaced batch's is left alone.
 */
export async function uninstallHooks(ctx: Context): Promise<UninstallStep[]> {
  const location = await locateHooks(ctx.git, ctx.ws);
  const manifest = readManifest(location.manifestPath);
  const steps = integrations(location).map((integration) =>
    integration.mechanism === 'hooks-dir' ? removeHookFile(integration) : restoreManagerFile(integration),
  );
  if (manifest?.mechanism === 'manual') {
    // Lines the user added by hand stay (they do nothing once the shims are gone): say where they are.
    for (const event of HOOK_EVENTS) {
      const file = join(manifest.hooksDir, event);
      if ((readText(file) ?? '').includes(`batch-hooks/${event}`))
        steps.push({ file, action: 'left', note: 'manual-line' });
    }
  }
  if (existsSync(location.shimDir)) {
    for (const name of readdirSync(location.shimDir)) {
      const file = join(location.shimDir, name);
      if (name === 'install.json' || isBatchShim(readText(file) ?? '')) unlinkSync(file);
    }
    if (readdirSync(location.shimDir).length === 0) rmdirSync(location.shimDir);
  }
  return steps;
}
