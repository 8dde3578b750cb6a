import { commitPaths } from '../record/commitPaths.js';
import type { Context } from '../context/context.js';
import { diffPaths, firstParentCommits, isAncestor } from './commitRange.js';
import { entriesSince, readHeadReflog, stepsFromReflog } from './headReflog.js';

/** Above this many new commits, one record call takes them all (catching up must stay quick). */
const MAX_SEPARATE_RECORDS = 20;

/** What planning found, filled in as it goes. */
export interface PlanOutcome {
  /** Commits to record. */
  commits: string[];
  /** Commits left out because they were made with BATCH=0. */
  skipped: string[];
  /** An amend or a rebase (or, without a reflog, history that is no longer an ancestor). */
  rewritten: boolean;
}

/** What to record: one entry per record call. */
export interface Planned {
  commit: string;
  /** Paths, or null to ask commitPaths (the commit against its first parent). */
  paths: string[] | null;
  /** How many commits the entry stands for. */
  count: number;
}

/** Notes `commits` in the outcome, as recorded or as skipped (BATCH=0); returns those to record. */
function keep(commits: string[], skipped: Set<string>, result: PlanOutcome): string[] {
  const kept = commits.filter((c) => !skipped.has(c));
  result.commits.push(...kept);
  result.skipped.push(...commits.filter((c) => skipped.has(c)));
  return kept;
}

/** Splits new commits into record calls: one per commit, or one for all of a long range. */
async function plan(
  ctx: Context,
  last: string | null,
  head: string,
  skipped: Set<string>,
  result: PlanOutcome,
): Promise<Planned[]> {
  if (last !== null && !(await isAncestor(ctx.git, last, head))) {
    if (skipped.has(head)) {
      result.skipped = [head];
      return [];
    }
    result.rewritten = true;
    result.commits = [head];
    return [{ commit: head, paths: await diffPaths(ctx.git, last, head), count: 1 }];
  }
  const commits = await firstParentCommits(ctx.git, last, head);
  const kept = keep(commits, skipped, result);
  const newest = kept[kept.length - 1];
  if (!newest) return [];
  if (kept.length <= MAX_SEPARATE_RECORDS) return kept.map((commit) => ({ commit, paths: null, count: 1 }));
  let paths: string[] = [];
  if (kept.length === commits.length) paths = await diffPaths(ctx.git, last, head);
  else for (const commit of kept) paths.push(...(await commitPaths(ctx.git, commit)).paths);
  return [{ commit: newest, paths: [...new Set(paths)], count: kept.length }];
}

/**
 * Plans from HEAD's reflog when it covers the time since the last recorded commit (it tells a commit
 * from a checkout or a fast-forward); otherwise from the commits' ancestry.
 */
export async function planFromHistory(
  ctx: Context,
  last: string | null,
  head: string,
  skipped: Set<string>,
  result: PlanOutcome,
): Promise<Planned[]> {
  const reflog = readHeadReflog(ctx.ws);
  const since = reflog ? entriesSince(reflog, last, head) : null;
  if (!since) return plan(ctx, last, head, skipped, result);
  const planned: Planned[] = [];
  for (const step of await stepsFromReflog(ctx.git, since, head)) {
    const commits = step.kind === 'commit' ? [step.commit] : step.kind === 'amend' ? [step.to] : step.commits;
    const kept = keep(commits, skipped, result);
    const newest = kept[kept.length - 1];
    if (!newest) continue;
    if (step.kind === 'commit') {
      planned.push({ commit: step.commit, paths: null, count: 1 });
      continue;
    }
    result.rewritten = true;
    const paths =
      step.kind === 'amend' ? await diffPaths(ctx.git, step.from, step.to) : await unionPaths(ctx, kept);
    planned.push({ commit: step.kind === 'amend' ? step.to : step.tip, paths, count: kept.length });
  }
  if (planned.length <= MAX_SEPARATE_RECORDS) return planned;
  const all = await Promise.all(
    planned.map(async (p) => p.paths ?? (await commitPaths(ctx.git, p.commit)).paths),
  );
  const newest = planned[planned.length - 1] as Planned;
  return [{ commit: newest.commit, paths: [...new Set(all.flat())], count: result.commits.length }];
}

/** The paths these commits changed, each against its first parent. */
async function unionPaths(ctx: Context, commits: string[]): Promise<string[]> {
  const paths = new Set<string>();
  for (const commit of commits)
    for (const path of (await commitPaths(ctx.git, commit)).paths) paths.add(path);
  return [...paths];
}
