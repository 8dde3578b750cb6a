import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Git } from '../../adapters/git.js';
import type { Workspace } from '../context/workspace.js';
import { firstParentCommits, isAncestor } from './commitRange.js';

/** One move of HEAD, as git logged it in the worktree's own reflog. */
export interface ReflogEntry {
  old: string;
  new: string;
  message: string;
}

/** What to record, worked out from the reflog. */
export type HeadStep =
  /** A commit the user made: its first-parent diff. */
  | { kind: 'commit'; commit: string }
  /** An amend: what it changed (HEAD@{1}..HEAD), from the last recorded state of the amended commit. */
  | { kind: 'amend'; from: string; to: string }
  /** A finished rebase: the commits it replayed (onto..tip), once. */
  | { kind: 'rebase'; commits: string[]; tip: string };

/** Reflogs longer than this since the last recorded commit are left to the ancestry fallback. */
const MAX_ENTRIES = 200;
const ZERO = /^0+$/;

/** HEAD's reflog in this worktree (`<git dir>/logs/HEAD`), oldest first; null when there is none. */
export function readHeadReflog(ws: Workspace): ReflogEntry[] | null {
  let text: string;
  try {
    text = readFileSync(join(ws.gitDir, 'logs', 'HEAD'), 'utf8');
  } catch {
    return null;
  }
  const entries: ReflogEntry[] = [];
  for (const line of text.split('\n')) {
    const tab = line.indexOf('\t');
    const [old, next] = line.slice(0, tab < 0 ? line.length : tab).split(' ');
    if (old && next) entries.push({ old, new: next, message: tab < 0 ? '' : line.slice(tab + 1) });
  }
  return entries;
}

/**
 * The entries after the one that left HEAD at `last` (null: since the first entry), ending at `head`;
 * null when the reflog cannot say (expired, disabled, or HEAD moved without an entry).
 */
export function entriesSince(
  entries: ReflogEntry[],
  last: string | null,
  head: string,
): ReflogEntry[] | null {
  if (entries.length === 0 || entries[entries.length - 1]?.new !== head) return null;
  if (last === null) return ZERO.test(entries[0]?.old ?? '') ? entries : null;
  for (let i = entries.length - 1; i >= 0 && entries.length - i <= MAX_ENTRIES; i--) {
    if (entries[i]?.new === last) return entries.slice(i + 1);
    if (i === 0 && entries[0]?.old === last) return entries;
  }
  return null;
}

const COMMIT = /^(commit|commit \(initial\)|commit \(merge\)|cherry-pick|revert|am)(: |$)/;
const AMEND = /^commit \(amend\): /;
const START = /^(.+) \(start\): /;
const END = /^(.+) \((finish|abort)\): /;

/**
 * Reads the reflog entries since the last recorded commit as the user's actions: commits (also those
 * made while the hook did not run), amends and finished rebases are recorded; checkouts, resets,
 * fast-forwards and `git merge`/`git pull` merges only move HEAD and are not edits. A commit that was
 * later amended or rebased away is left to the step that replaced it.
 */
export async function stepsFromReflog(git: Git, entries: ReflogEntry[], head: string): Promise<HeadStep[]> {
  const steps: HeadStep[] = [];
  // Commits no step recorded, by the commit that replaced them → the state to diff an amend from.
  const base = new Map<string, string>();
  const reachable = (commit: string) => isAncestor(git, commit, head);
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (!entry) continue;
    const start = START.exec(entry.message);
    if (start) {
      let end = i + 1;
      while (end < entries.length && !END.test(entries[end]?.message ?? '')) end++;
      const finish = entries[end];
      const tip = finish && /\(finish\)/.test(finish.message) ? finish.new : entries[entries.length - 1]?.new;
      if (finish && /\(abort\)/.test(finish.message)) {
        i = end;
        continue;
      }
      if (tip && (await reachable(tip))) {
        steps.push({ kind: 'rebase', commits: await firstParentCommits(git, entry.new, tip), tip });
      }
      i = end;
      continue;
    }
    if (AMEND.test(entry.message)) {
      const from = base.get(entry.old) ?? entry.old;
      if (await reachable(entry.new)) steps.push({ kind: 'amend', from, to: entry.new });
      else base.set(entry.new, from);
      continue;
    }
    const committed = COMMIT.test(entry.message) && !/: Fast-forward$/.test(entry.message);
    if (
      committed ||
      (!/^(checkout|reset|merge|pull|rebase|branch|clone)\b/.test(entry.message) &&
        (await parentIs(git, entry)))
    ) {
      if (await reachable(entry.new)) steps.push({ kind: 'commit', commit: entry.new });
      else base.set(entry.new, base.get(entry.old) ?? entry.old);
    }
  }
  return steps;
}

/** True when the entry moved HEAD from a commit to a child of it (a commit by some other tool). */
async function parentIs(git: Git, entry: ReflogEntry): Promise<boolean> {
  if (ZERO.test(entry.old) || entry.old === entry.new) return false;
  const parent = await git.text(['rev-parse', '-q', '--verify', `${entry.new}^1`], { okExitCodes: [1, 128] });
  return parent === entry.old;
}
