import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  isProcessAlive,
  runHookScript,
  whichWithPath,
  type ProbeResult,
} from '../../adapters/hookProcess.js';
import type { Context } from '../context/context.js';
import { huskyVersion } from './hookOwner.js';
import { readHookStatus, type HookStatus } from './hookStatus.js';
import type { HookEvent } from './shimTemplate.js';

/** The PATH a GUI client started from the desktop (not a shell) gives hooks on macOS and Linux. */
export const GUI_PATH = '/usr/bin:/bin:/usr/sbin:/sbin';

/** Oldest git whose sequencer runs post-commit for rebase picks (2.25) and has --path-format (2.31). */
const MIN_GIT = [2, 31];

export interface ShimProbe {
  event: HookEvent;
  shim: string;
  /** The shim run with BATCH_DRY_RUN=1 in this environment. */
  shell: ProbeResult;
  /** The same with a GUI client's environment (HOME and a bare PATH only). */
  gui: ProbeResult;
}

export interface HookDiagnosis {
  gitVersion: string;
  gitTooOld: boolean;
  status: HookStatus;
  /** husky 9 is configured but this worktree lacks `.husky/_` (gitignored: a new worktree has none). */
  huskyStubsMissing: boolean;
  probes: ShimProbe[];
  /** node as a GUI client's PATH finds it, or null. */
  guiNode: string | null;
  workerRunning: boolean;
}

/** `batch doctor`'s hook checks: ownership, a dry run of each shim (also with a GUI's PATH), lag. */
export async function diagnoseHooks(ctx: Context): Promise<HookDiagnosis> {
  const versionText = await ctx.git.text(['--version']);
  const [major = 0, minor = 0] = (/(\d+)\.(\d+)/.exec(versionText) ?? []).slice(1).map(Number);
  const status = await readHookStatus(ctx);
  const guiEnv: NodeJS.ProcessEnv = { PATH: GUI_PATH, BATCH_DRY_RUN: '1' };
  if (ctx.env.HOME) guiEnv.HOME = ctx.env.HOME;
  const probes: ShimProbe[] = [];
  for (const event of status.events) {
    if (!event.shim) continue;
    const options = { cwd: ctx.ws.root };
    probes.push({
      event: event.event,
      shim: event.shim,
      shell: runHookScript(event.shim, [], { ...options, env: { ...ctx.env, BATCH_DRY_RUN: '1' } }),
      gui: runHookScript(event.shim, [], { ...options, env: guiEnv }),
    });
  }
  const husky = huskyVersion(ctx.ws, status.location);
  return {
    gitVersion: versionText.replace(/^git version /, ''),
    gitTooOld: major < (MIN_GIT[0] ?? 0) || (major === MIN_GIT[0] && minor < (MIN_GIT[1] ?? 0)),
    status,
    huskyStubsMissing: husky === 'v9' && !existsSync(join(ctx.ws.root, '.husky', '_', 'h')),
    probes,
    guiNode: whichWithPath('node', GUI_PATH),
    workerRunning: status.workerPid !== null && isProcessAlive(status.workerPid),
  };
}
