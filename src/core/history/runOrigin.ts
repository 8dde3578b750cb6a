import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import type { SqliteHistoryStore } from '../../adapters/history/sqliteHistoryStore.js';
import type { Context } from '../context/context.js';
import type { RunOrigin } from './historyRecord.js';

/** A remote URL without the user and token some put in it (`https://token@host/repo`). */
function withoutCredentials(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]+@/i, '$1');
}

async function gitLine(ctx: Context, args: string[]): Promise<string | null> {
  try {
    return (await ctx.git.text(args)).split('\n').filter(Boolean).sort()[0] ?? null;
  } catch {
    return null;
  }
}

/** This clone's id: the host and a hash of the worktree's path (what `--local` narrows to). */
export function cloneId(ctx: Context): string {
  const path = createHash('sha1').update(ctx.ws.root).digest('hex').slice(0, 10);
  return `${hostname()}:${path}`;
}

/**
 * Who and where for every run of this clone. Two clones are one project when their root commit is
 * the same, or `history.project` names it; both are kept in the store's meta, not in state.json.
 */
export async function runOrigin(ctx: Context, local: SqliteHistoryStore): Promise<RunOrigin> {
  const clone = cloneId(ctx);
  let project = ctx.config.history.project ?? local.meta('project');
  if (project === null) {
    const root = await gitLine(ctx, ['rev-list', '--max-parents=0', 'HEAD']);
    if (root !== null) local.setMeta('project', root);
    project = root ?? `clone:${clone}`;
  }
  let repository = local.meta('repository');
  if (repository === null) {
    const remote = await gitLine(ctx, ['config', '--get', 'remote.origin.url']);
    repository = remote ? withoutCredentials(remote) : '';
    local.setMeta('repository', repository);
  }
  return {
    project,
    clone,
    repository: repository || null,
    host: hostname(),
    user: ctx.env.USER ?? ctx.env.USERNAME ?? null,
  };
}

/** The trees of snapshot commits, in order; null for one git cannot read (or when none is given). */
export async function snapshotTrees(ctx: Context, commits: (string | null)[]): Promise<(string | null)[]> {
  const known = commits.filter((c): c is string => c !== null);
  if (known.length === 0) return commits.map(() => null);
  let trees: string[];
  try {
    trees = (await ctx.git.text(['rev-parse', ...known.map((c) => `${c}^{tree}`)])).split('\n');
  } catch {
    return commits.map(() => null); // a snapshot pruned by gc: its tree is unknown
  }
  let i = 0;
  return commits.map((c) => (c === null ? null : (trees[i++] ?? null)));
}

/** The branch checked out, or null when HEAD is detached (CI then names it). */
export async function currentBranch(ctx: Context): Promise<string | null> {
  try {
    return (await ctx.git.text(['symbolic-ref', '--short', '-q', 'HEAD'])) || null;
  } catch {
    return null;
  }
}
