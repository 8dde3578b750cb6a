import { join } from 'node:path';
import type { BatchMarker } from '../model/batchModel.js';
import type { Context } from '../context/context.js';
import { BatchError } from '../context/errors.js';
import { recordInState, type RecordResult } from '../record/recordEdits.js';
import { recordedCovers } from '../record/recordedView.js';
import { diffTrees } from '../snapshot/treeEntries.js';
import { withState } from '../state/session.js';
import { snapshotIndexPath, stageSnapshot } from '../snapshot/snapshot.js';
import type { State } from '../model/state.js';
import { describeGitOperation, readStashTop, type GitWindow } from './gitWindow.js';
import { coveredBy, recordablePaths, type IgnoreOracle } from './recordablePaths.js';
import { recordGitOperation } from './recordGitOperation.js';

/** Above this many paths a record call names the whole tree instead (same result, shorter command line). */
const MAX_NAMED_PATHS = 2000;

/** The settled paths of one quiet point. */
export interface Burst {
  /** Worktree-relative files or folders that may have changed. */
  paths: string[];
  /** Those whose first event came while git was operating (compared with what git has). */
  gitPaths: Set<string>;
  window: GitWindow | null;
  /** Snapshot the whole tree (catching changes no event announced), not only the named paths. */
  full: boolean;
}

export interface BurstOutcome {
  marker: BatchMarker | null;
  record: RecordResult | null;
  unreadable: string[];
  /** State had an unfinished operation (a rollback being repaired): nothing was recorded. */
  deferred: boolean;
}

/**
 * One record call for the paths the caller names, retried once without paths git could not stage
 * (the call refuses a whole list when one of its paths is unknown to git, e.g. unreadable or ignored).
 */
export async function recordPaths(
  ctx: Context,
  state: State,
  paths: string[],
  description: string | null,
  full = true,
  gitWritten?: ReadonlySet<string>,
): Promise<RecordResult> {
  const named = paths.length > MAX_NAMED_PATHS ? ['.'] : paths;
  const input = {
    paths: named.map((p) => join(ctx.ws.root, p)),
    description,
    stageNamedOnly: !full,
    ...(gitWritten ? { gitWritten } : {}),
  };
  try {
    return await recordInState(ctx, state, { ...input, source: 'watch' });
  } catch (error) {
    if (!(error instanceof BatchError) || named.length === 1) throw error;
    const [staged, known] = await Promise.all([
      coveredBy(ctx, snapshotIndexPath(ctx.ws), named),
      recordedCovers(ctx, state, named),
    ]);
    const kept = named.filter((path) => staged.has(path) || known.has(path));
    ctx.logger.debug(`record call refused (${error.message}); retrying with ${kept.length} paths`);
    return recordInState(ctx, state, {
      paths: kept.map((p) => join(ctx.ws.root, p)),
      description,
      source: 'watch',
      ...(gitWritten ? { gitWritten } : {}),
    });
  }
}

/** Paths (under `specs`, or all) whose entry differs between two trees. */
async function changedSince(
  ctx: Context,
  from: string,
  to: string,
  specs: readonly string[],
): Promise<string[]> {
  const paths = [...(await diffTrees(ctx.git, from, to)).keys()];
  const under = (spec: string, path: string) => path === spec || path.startsWith(`${spec}/`);
  return specs.length === 0 ? paths : paths.filter((path) => specs.some((spec) => under(spec, path)));
}

/**
 * Records the settled paths of one quiet point under the lock, in one record call (so a burst is never
 * split across batches). When git operated during the burst, the paths it wrote become one marker first.
 */
export async function recordBurst(ctx: Context, burst: Burst, rules: IgnoreOracle): Promise<BurstOutcome> {
  return withState(ctx, 'watch', async (state) => {
    const outcome: BurstOutcome = { marker: null, record: null, unreadable: [], deferred: false };
    if (state.pending) return { ...outcome, deferred: true };
    const usable = await recordablePaths(ctx, state, burst.paths, rules);
    outcome.unreadable = usable.unreadable;
    let userPaths = usable.paths;
    let gitWritten: Set<string> | undefined;
    const gitSpecs = usable.paths.filter((path) => burst.gitPaths.has(path));
    if (burst.window && gitSpecs.length > 0) {
      const tree = await stageSnapshot(ctx.git, ctx.ws, burst.full ? undefined : usable.paths);
      const specs = gitSpecs.length > MAX_NAMED_PATHS ? [] : gitSpecs;
      // What git may have written: changed since the last snapshot (a pop that puts back recorded
      // content is a git operation too, though nothing is unrecorded after it), or not what is
      // recorded (another writer's snapshot may already hold a file the user wrote meanwhile: it is
      // still the user's edit to record, never to be dropped from this burst).
      const snapshotTree = state.lastSnapshot?.tree ?? tree;
      const [sinceSnapshot, sinceRecorded] = await Promise.all([
        changedSince(ctx, snapshotTree, tree, specs),
        // the same diff when nothing is snapshotted beyond what is recorded (the usual case)
        snapshotTree === state.recordedTree ? [] : changedSince(ctx, state.recordedTree, tree, specs),
      ]);
      const candidates = [...new Set([...sinceSnapshot, ...sinceRecorded])];
      const description = describeGitOperation(ctx.ws, burst.window, await readStashTop(ctx.git));
      const git = await recordGitOperation(ctx, state, tree, {
        candidates,
        description,
        stash: burst.window.stashBefore,
      });
      outcome.marker = git.marker;
      gitWritten = new Set(git.gitPaths);
      const fromGit = new Set(gitSpecs);
      userPaths = [...usable.paths.filter((path) => !fromGit.has(path)), ...git.userPaths];
    }
    if (userPaths.length > 0) {
      outcome.record = await recordPaths(ctx, state, userPaths, null, burst.full, gitWritten);
    }
    return outcome;
  });
}
