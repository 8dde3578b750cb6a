import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Context } from '../context/context.js';
import { peekState } from '../state/session.js';
import { isAncestor, resolveCommit } from './commitRange.js';
import { findLefthookConfig, locateHooks, type HookLocation } from './hookLocation.js';
import { readManifest } from './hookManifest.js';
import { workerPid } from './hookMarkers.js';
import { chooseMechanism, fileOwner, huskyVersion, type HookMechanism, type HookOwner } from './hookOwner.js';
import { queueDirs, queueHasWork } from './hookQueue.js';
import { hasBatchLines } from './managerConfig.js';
import {
  HOOK_EVENTS,
  isBatchShim,
  renderShim,
  shimPaths,
  type HookEvent,
  type ShimPaths,
} from './shimTemplate.js';

export interface HookEventStatus {
  event: HookEvent;
  /** The file git runs for this event. */
  hookFile: string;
  /** Who wrote it (null: there is none, so git runs nothing). */
  owner: HookOwner | null;
  /** batch's shim for this event (in the hooks folder, or in batch-hooks/ for a manager to call). */
  shim: string | null;
  /** The shim runs when git fires the event: it is the hook, or the manager's config calls it. */
  installed: boolean;
  /** The shim is what this version of batch writes (otherwise `batch hook install` updates it). */
  current: boolean;
  /** The hook batch moved aside and runs first. */
  displaced: string | null;
  /** Hooks other managers moved aside (lefthook `.old`, pre-commit `.legacy`); `batch`: it is batch's shim. */
  movedAside: Array<{ file: string; batch: boolean }>;
}

export interface HookStatus {
  location: HookLocation;
  /** How `batch hook install` would install now. */
  mechanism: HookMechanism;
  /** How it was installed (from the manifest), or null. */
  installedMechanism: HookMechanism | null;
  /** Other hook managers this repository uses. */
  managers: string[];
  events: HookEventStatus[];
  /** node and CLI baked into the shims, and whether they still exist. */
  paths: (ShimPaths & { nodeExists: boolean; cliExists: boolean }) | null;
  head: string | null;
  lastRecordedCommit: string | null;
  /** Commits made since the last recorded one (null: history was rewritten, or nothing recorded yet). */
  behind: number | null;
  /** The shims queued commits no worker has taken yet. */
  queued: boolean;
  workerPid: number | null;
}

function read(path: string): string {
  try {
    return statSync(path).isFile() ? readFileSync(path, 'utf8') : '';
  } catch {
    return '';
  }
}

/** The file whose content decides whether the shim gets called for this mechanism. */
function callerFile(
  ctx: Context,
  location: HookLocation,
  mechanism: HookMechanism,
  event: HookEvent,
): string {
  if (mechanism === 'husky') return join(ctx.ws.root, '.husky', event);
  if (mechanism === 'lefthook') return findLefthookConfig(ctx.ws.root) ?? join(ctx.ws.root, 'lefthook.yml');
  return join(location.hooksDir, event);
}

function eventStatus(
  ctx: Context,
  location: HookLocation,
  mechanism: HookMechanism,
  event: HookEvent,
): HookEventStatus {
  const hookFile = join(location.hooksDir, event);
  const ownText = read(hookFile);
  const shimFile = isBatchShim(ownText) ? hookFile : join(location.shimDir, event);
  const shimText = read(shimFile);
  const shim = isBatchShim(shimText) ? shimFile : null;
  let installed = shim === hookFile;
  if (shim && !installed) {
    const caller = read(callerFile(ctx, location, mechanism, event));
    installed =
      mechanism === 'lefthook'
        ? hasBatchLines(caller) && fileOwner(hookFile) === 'lefthook'
        : caller.includes(`batch-hooks/${event}`);
  }
  const paths = shimPaths(shimText);
  const displaced = `${hookFile}.batch-displaced`;
  return {
    event,
    hookFile,
    owner: fileOwner(hookFile),
    shim,
    installed,
    current: paths !== null && renderShim(event, paths) === shimText,
    displaced: existsSync(displaced) ? displaced : null,
    movedAside: ['.old', '.legacy']
      .map((suffix) => `${hookFile}${suffix}`)
      .filter((file) => existsSync(file))
      .map((file) => ({ file, batch: isBatchShim(read(file)) })),
  };
}

/** Other hook managers in use here, from their config files and `core.hooksPath`. */
function detectManagers(ctx: Context, location: HookLocation): string[] {
  const found: string[] = [];
  if (huskyVersion(ctx.ws, location) || existsSync(join(ctx.ws.root, '.husky'))) found.push('husky');
  if (findLefthookConfig(ctx.ws.root)) found.push('lefthook');
  if (existsSync(join(ctx.ws.root, '.pre-commit-config.yaml'))) found.push('pre-commit');
  if (location.hooksPath && !found.includes('husky'))
    found.push(`core.hooksPath (${location.hooksPath.scope})`);
  return found;
}

/** Who owns the hooks, whether batch's run, and how far recording lags behind HEAD. */
export async function readHookStatus(ctx: Context): Promise<HookStatus> {
  const location = await locateHooks(ctx.git, ctx.ws);
  const manifest = readManifest(location.manifestPath);
  const mechanism = manifest?.mechanism ?? chooseMechanism(ctx.ws, location, false);
  const events = HOOK_EVENTS.map((event) => eventStatus(ctx, location, mechanism, event));
  const baked = events.map((e) => (e.shim ? shimPaths(read(e.shim)) : null)).find((p) => p !== null) ?? null;
  const state = await peekState(ctx);
  const head = await resolveCommit(ctx.git, 'HEAD');
  const last = state?.lastRecordedCommit ?? null;
  let behind: number | null = null;
  if (head && last && (await resolveCommit(ctx.git, last)) && (await isAncestor(ctx.git, last, head))) {
    behind = Number(await ctx.git.text(['rev-list', '--count', `${last}..${head}`]));
  }
  return {
    location,
    mechanism: chooseMechanism(ctx.ws, location, false),
    installedMechanism: manifest?.mechanism ?? null,
    managers: detectManagers(ctx, location),
    events,
    paths: baked ? { ...baked, nodeExists: existsSync(baked.node), cliExists: existsSync(baked.cli) } : null,
    head,
    lastRecordedCommit: last,
    behind,
    queued: queueHasWork(queueDirs(ctx.ws)),
    workerPid: workerPid(ctx),
  };
}
