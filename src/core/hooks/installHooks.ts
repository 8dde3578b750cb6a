import { existsSync, lstatSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../adapters/atomicWrite.js';
import type { Context } from '../context/context.js';
import { BatchError } from '../context/errors.js';
import { withState } from '../state/session.js';
import { locateHooks, type HookLocation } from './hookLocation.js';
import { readManifest, writeManifest, type HookIntegration } from './hookManifest.js';
import { writeHookModeCache } from './hookMarkers.js';
import { chooseMechanism, type HookMechanism } from './hookOwner.js';
import {
  integrateHusky,
  integrateLefthook,
  manualInstructions,
  type Instruction,
} from './integrateManager.js';
import { HOOK_EVENTS, isBatchShim, renderShim, type HookEvent, type ShimPaths } from './shimTemplate.js';
import type { InstallStep } from './installStep.js';

export interface InstallOptions {
  /** node and the CLI entry to bake into the shims (the CLI passes its own). */
  paths: ShimPaths;
  /** Install into a `core.hooksPath` folder batch does not manage, instead of printing the line to add. */
  force?: boolean;
}

export interface InstallReport {
  mechanism: HookMechanism;
  location: HookLocation;
  steps: InstallStep[];
  /** Lines the user adds themselves: a hooks folder batch does not manage, or a config it cannot edit safely. */
  instructions: Instruction[];
  /** False when everything was already in place (installing twice changes nothing). */
  changed: boolean;
}

/** Writes a shim unless the same bytes are there; returns what it did. */
function writeShim(file: string, content: string): 'installed' | 'updated' | 'unchanged' {
  const existed = existsSync(file);
  if (existed && readFileSync(file, 'utf8') === content && (lstatSync(file).mode & 0o111) !== 0) {
    return 'unchanged';
  }
  writeFileAtomic(file, content, 0o755);
  return existed ? 'updated' : 'installed';
}

/** Puts batch's shim in git's hooks folder; a hook already there is moved aside (never overwritten) and chained. */
function installHookFile(
  dir: string,
  event: HookEvent,
  content: string,
): { step: InstallStep; integration: HookIntegration } {
  const file = join(dir, event);
  const displaced = `${file}.batch-displaced`;
  const integration: HookIntegration = {
    events: [event],
    mechanism: 'hooks-dir',
    file,
    original: null,
    originalMode: null,
    added: null,
    displaced: existsSync(displaced) ? displaced : null,
  };
  mkdirSync(dir, { recursive: true });
  const present = existsSync(file) || isDanglingLink(file);
  if (!present || isBatchShim(readFileSync(file, 'utf8'))) {
    return { step: { event, file, action: writeShim(file, content) }, integration };
  }
  if (existsSync(displaced) || isDanglingLink(displaced)) {
    throw new BatchError(`${file} is not batch's hook, and ${displaced} already exists`, {
      hint: `batch never overwrites a hook: something replaced batch's ${event} hook after it displaced yours. Keep the one you want at ${file}, remove or rename the other, then run \`batch hook install\` again`,
    });
  }
  // rename keeps the hook's bytes, mode and inode: uninstall renames it back.
  renameSync(file, displaced);
  writeFileAtomic(file, content, 0o755);
  integration.displaced = displaced;
  return { step: { event, file, action: 'displaced', displaced }, integration };
}

function isDanglingLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink() && !existsSync(path);
  } catch {
    return false;
  }
}

/**
 * `batch hook install`: post-commit and post-rewrite shims in the folder git runs hooks from, or a line
 * in husky's or lefthook's config calling them. Idempotent; the manifest keeps what uninstall restores.
 */
export async function installHooks(ctx: Context, options: InstallOptions): Promise<InstallReport> {
  const location = await locateHooks(ctx.git, ctx.ws);
  const mechanism = chooseMechanism(ctx.ws, location, options.force === true);
  const previous = readManifest(location.manifestPath);
  const integrations: HookIntegration[] = [...(previous?.integrations ?? [])];
  const remember = (integration: HookIntegration) => {
    const known = integrations.find((i) => i.file === integration.file);
    if (!known) integrations.push(integration);
    else if (!known.displaced && integration.displaced) known.displaced = integration.displaced;
  };
  const steps: InstallStep[] = [];
  let instructions: Instruction[] = [];

  if (mechanism === 'hooks-dir') {
    for (const event of HOOK_EVENTS) {
      const { step, integration } = installHookFile(
        location.hooksDir,
        event,
        renderShim(event, options.paths),
      );
      steps.push(step);
      remember(integration);
    }
  } else {
    mkdirSync(location.shimDir, { recursive: true });
    for (const event of HOOK_EVENTS) {
      const file = join(location.shimDir, event);
      steps.push({ event, file, action: writeShim(file, renderShim(event, options.paths)) });
    }
    const result =
      mechanism === 'husky'
        ? integrateHusky(ctx.ws, location)
        : mechanism === 'lefthook'
          ? integrateLefthook(ctx.ws)
          : { steps: [], integrations: [], instructions: manualInstructions(location) };
    steps.push(...result.steps);
    result.integrations.forEach(remember);
    instructions = result.instructions;
  }
  const manifestChanged = writeManifest(location.manifestPath, {
    version: 1,
    mechanism,
    hooksDir: location.hooksDir,
    paths: options.paths,
    integrations,
  });
  // State exists from now on, so the first commit is recorded against the tree as it is now.
  await withState(ctx, 'hook install', () => Promise.resolve());
  writeHookModeCache(ctx);
  return {
    mechanism,
    location,
    steps,
    instructions,
    changed: manifestChanged || steps.some((s) => s.action !== 'unchanged' && s.action !== 'printed'),
  };
}
