import { isAbsolute, relative, resolve } from 'node:path';
import type { Context } from '../context/context.js';
import { recordEdits, type RecordResult } from '../record/recordEdits.js';
import type { AgentRecordRequest } from './agentPayload.js';

/** True when git ignores the path (build output, caches): an agent writing there made no edit batch keeps. */
async function ignoredByGit(ctx: Context, path: string): Promise<boolean> {
  // check-ignore exits 0 when the path is ignored, 1 when it is not; it takes no pathspec magic, so
  // the adapter's literal-pathspec setting is turned off for it (a path here is a plain path anyway)
  const result = await ctx.git.run(['check-ignore', '-q', '--no-index', '--', path], {
    okExitCodes: [1],
    env: { GIT_LITERAL_PATHSPECS: '0' },
  });
  return result.exitCode === 0;
}

/**
 * Records what one agent tool call changed, through `recordEdits`, with the session and tool-use ids
 * as each edit's origin. A file tool's path outside the worktree or ignored by git is no edit of the
 * project (null, nothing recorded), so an agent writing /tmp/notes.md never hears an error.
 */
export async function recordAgentEdit(
  ctx: Context,
  request: AgentRecordRequest,
): Promise<RecordResult | null> {
  const base = request.cwd ?? ctx.cwd;
  const paths: string[] = [];
  for (const path of request.paths) {
    const absolute = resolve(base, path);
    const rel = relative(ctx.ws.root, absolute);
    if (rel.startsWith('..') || isAbsolute(rel)) continue;
    if (request.source === 'agent' && rel !== '' && (await ignoredByGit(ctx, rel))) continue;
    paths.push(absolute);
  }
  if (paths.length === 0) return null;
  return recordEdits(ctx, {
    paths,
    description: request.description,
    source: request.source,
    origin: request.origin,
  });
}
