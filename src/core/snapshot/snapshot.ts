import {
  copyFileSync,
  existsSync,
  mkdirSync,
  rmSync,
  readFileSync,
  readdirSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { Git } from '../../adapters/git.js';
import { GitError } from '../../adapters/git.js';
import type { SnapshotInfo } from '../model/batchModel.js';
import type { Workspace } from '../context/workspace.js';

/** Fixed identity for snapshot commits: they are batch's, and must not need the user's git config. */
const SNAPSHOT_IDENTITY = {
  GIT_AUTHOR_NAME: 'batch',
  GIT_AUTHOR_EMAIL: 'batch@localhost',
  GIT_COMMITTER_NAME: 'batch',
  GIT_COMMITTER_EMAIL: 'batch@localhost',
};

export interface SnapshotMeta {
  /** `record`, `init`, `pre-rollback`, `rollback`, `undo`, … */
  op: string;
  batch: number;
  edits?: number[];
  note?: string;
}

/** The private index that caches stat data between snapshots, so each costs git's stat pass only. */
export function snapshotIndexPath(ws: Workspace): string {
  return join(ws.transientDir, 'snapshot.index');
}

/** HEAD's commit (null when unborn) and branch ref (null when detached), read without a shell-out for the branch. */
export async function readHead(
  git: Git,
  ws: Workspace,
): Promise<{ head: string | null; branch: string | null }> {
  const headFile = readFileSync(join(ws.gitDir, 'HEAD'), 'utf8').trim();
  const branch = headFile.startsWith('ref: ') ? headFile.slice(5) : null;
  const head = await git.text(['rev-parse', '-q', '--verify', 'HEAD^{commit}'], { okExitCodes: [1, 128] });
  return { head: /^[0-9a-f]{40,64}$/.test(head) ? head : null, branch };
}

/**
 * Removes index lock files in the transient folder left by a git process killed mid-write. Only
 * called while batch's own lock is held, so no live batch process can own them.
 */
export function clearStaleIndexLocks(ws: Workspace): void {
  if (!existsSync(ws.transientDir)) return;
  for (const name of readdirSync(ws.transientDir)) {
    if (name.endsWith('.index.lock')) unlinkSync(join(ws.transientDir, name));
  }
}

/**
 * Copies an index file keeping its modification time. Git trusts an entry's stat data only when the
 * file was modified before the index was written ("racy git"); a copy with a newer mtime would make a
 * file rewritten in the same second as the original index, with the same size, look unchanged.
 */
function copyIndex(from: string, to: string): void {
  copyFileSync(from, to);
  const { atime, mtime } = statSync(from);
  utimesSync(to, atime, mtime);
}

/** Stages the whole working tree into the private index, skipping nested repositories git cannot add. */
async function stageTree(git: Git, ws: Workspace, index: string): Promise<void> {
  // Magic pathspecs are needed here, so literal pathspecs are switched off for this call only.
  const env = { GIT_INDEX_FILE: index, GIT_LITERAL_PATHSPECS: '0' };
  // .batch/ stays out through info/exclude (naming it here would make git complain that it is ignored).
  const excludes: string[] = [];
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      // -A: additions, modifications and deletions; --ignore-errors: an unreadable file must not stop it.
      await git.run(['add', '-A', '--ignore-errors', '--', ':/', ...excludes], {
        env: { ...env, GIT_ADVICE: '0' },
      });
      return;
    } catch (error) {
      if (!(error instanceof GitError)) throw error;
      // An empty nested repository (no commit checked out) cannot be added as a gitlink: leave it out.
      const nested = /'([^']+)' does not have a commit checked out/.exec(error.stderr);
      // A name git refuses to store (`.GIT`, `GIT~1`, `.git.`: they could stand for .git elsewhere).
      const refused = [...error.stderr.matchAll(/^error: invalid path '(.+)'$/gm)].map((m) => m[1] ?? '');
      if (!nested?.[1] && refused.length === 0) throw error;
      for (const path of nested?.[1] ? [nested[1].replace(/\/$/, '')] : refused) {
        excludes.push(`:(exclude,top,literal)${path}`);
        if (!nested?.[1]) noteLeftOut(path);
      }
    }
  }
}

/** Paths git refused to store, left out of snapshots, not yet told (see takeLeftOut). */
const leftOut = new Set<string>();
const told = new Set<string>();

function noteLeftOut(path: string): void {
  if (!told.has(path)) leftOut.add(path);
}

/** The paths snapshots left out because git refuses their names, each returned once per process. */
export function takeLeftOut(): string[] {
  const paths = [...leftOut];
  for (const path of paths) told.add(path);
  leftOut.clear();
  return paths;
}

function commitMessage(meta: SnapshotMeta, head: { head: string | null; branch: string | null }): string {
  const subject = `batch ${meta.op}: batch ${meta.batch}${meta.edits?.length ? `, edits ${meta.edits.join(',')}` : ''}`;
  const trailers = [
    `Batch-Op: ${meta.op}`,
    `Batch-Number: ${meta.batch}`,
    `Batch-Edits: ${meta.edits?.join(',') ?? ''}`,
    `Batch-Head: ${head.head ?? 'none'}`,
    `Batch-Branch: ${head.branch ?? 'detached'}`,
  ];
  return `${subject}\n\n${meta.note ? `${meta.note}\n\n` : ''}${trailers.join('\n')}\n`;
}

/**
 * Stages only `paths` (files or folders, worktree-relative) into the private index: for the watcher,
 * which knows what changed, so a snapshot costs the changed paths rather than a stat pass over the
 * whole tree. Returns false when git refused a path (the caller then stages the whole tree).
 */
async function stagePaths(git: Git, index: string, paths: readonly string[]): Promise<boolean> {
  try {
    // -A: additions, modifications and deletions of exactly these paths (literal pathspecs).
    await git.run(['add', '-A', '--ignore-errors', '--', ...paths], {
      env: { GIT_INDEX_FILE: index, GIT_ADVICE: '0' },
    });
    return true;
  } catch (error) {
    if (error instanceof GitError) return false;
    throw error;
  }
}

/** git's complaints about an index file it cannot read (a cache: rebuilt rather than fatal). */
const DAMAGED_INDEX =
  /index file (?:corrupt|smaller than expected|open failed)|bad signature|bad index (?:file|version)|unknown index entry format|index uses .* extension, which we do not understand/i;

/**
 * Files the user force-added past .gitignore (`git add -f`) since the private index last looked: git
 * tracks them, so snapshots hold them, but `git add -A` into the private index never adds an ignored
 * file it does not have yet. Looked for only when the user's index changed (one stat otherwise).
 */
async function addForceAdded(git: Git, ws: Workspace, index: string): Promise<void> {
  let stamp: string;
  try {
    const { mtimeMs, size, ino } = statSync(join(ws.gitDir, 'index'));
    stamp = `${mtimeMs}:${size}:${ino}`;
  } catch {
    return; // no index yet: nothing force-added
  }
  const stampFile = join(ws.transientDir, 'user-index.seen');
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return;
  // -c -i --exclude-standard: tracked files that the ignore rules match, i.e. force-added ones.
  const tracked = await git.nulSeparated(['ls-files', '-z', '-c', '-i', '--exclude-standard']);
  if (tracked.length > 0) {
    // -f: add them although ignored; --ignore-errors: one gone meanwhile must not stop the rest.
    await git.run(['add', '-f', '--ignore-errors', '--', ...tracked], {
      env: { GIT_INDEX_FILE: index, GIT_ADVICE: '0' },
      okExitCodes: [1],
    });
  }
  writeFileSync(stampFile, stamp);
}

async function stageInto(git: Git, ws: Workspace, index: string, only?: readonly string[]): Promise<string> {
  if (!existsSync(index)) {
    // Seed from the user's index once: its stat data spares a full re-hash of the tree.
    const userIndex = join(ws.gitDir, 'index');
    if (existsSync(userIndex)) copyIndex(userIndex, index);
  }
  await addForceAdded(git, ws, index);
  const staged = only && existsSync(index) && only.length > 0 && (await stagePaths(git, index, only));
  if (!staged) await stageTree(git, ws, index);
  return git.text(['write-tree'], { env: { GIT_INDEX_FILE: index } });
}

/**
 * Stages the working tree into the private index and returns its tree id (git's stat pass + changed
 * bytes). With `only`, stages just those paths (the rest of the index is the previous snapshot's).
 * The private index is only a cache: one git cannot read is dropped and the whole tree staged afresh.
 */
export async function stageSnapshot(git: Git, ws: Workspace, only?: readonly string[]): Promise<string> {
  const index = snapshotIndexPath(ws);
  mkdirSync(ws.transientDir, { recursive: true });
  try {
    return await stageInto(git, ws, index, only);
  } catch (error) {
    if (!(error instanceof GitError) || !DAMAGED_INDEX.test(error.stderr)) throw error;
    rmSync(index, { force: true });
    // An empty index, not a copy of the user's (it may be the damaged one): every file is hashed once.
    await git.run(['read-tree', '--empty'], { env: { GIT_INDEX_FILE: index } });
    return stageInto(git, ws, index);
  }
}

/**
 * Commits a staged tree as a snapshot chained to the previous one under the worktree's snapshot ref,
 * with its metadata in trailers. Returns the previous snapshot when neither the tree nor HEAD moved.
 * `extra.keep` is a tree to keep alive with it (the recorded tree when it is not the snapshot's own);
 * `extra.head` is HEAD as the caller read it under the same lock, to save reading it again.
 */
export async function commitSnapshot(
  git: Git,
  ws: Workspace,
  previous: SnapshotInfo | null,
  tree: string,
  meta: SnapshotMeta,
  now: Date,
  extra: { keep?: string; head?: { head: string | null; branch: string | null } } = {},
): Promise<SnapshotInfo> {
  const { keep } = extra;
  const head = extra.head ?? (await readHead(git, ws));
  const unmoved = previous?.tree === tree && previous.head === head.head && previous.branch === head.branch;
  if (previous && unmoved && keep === undefined) return previous;
  const tip = await git.text(['rev-parse', '-q', '--verify', `${ws.snapshotRef}^{commit}`], {
    okExitCodes: [1, 128],
  });
  const date = now.toISOString();
  const identity = { ...SNAPSHOT_IDENTITY, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
  const kept =
    keep === undefined
      ? null
      : await git.text(['commit-tree', '--no-gpg-sign', keep, '-m', 'batch recorded tree'], {
          env: identity,
        });
  // First parent: the previous snapshot (the chain); second: HEAD, kept alive and diffable; third:
  // the recorded tree, when it needs keeping.
  const parents = [tip, head.head, kept].filter((p): p is string => !!p && /^[0-9a-f]+$/.test(p));
  const commit = await git.text(
    ['commit-tree', '--no-gpg-sign', tree, ...parents.flatMap((p) => ['-p', p]), '-F', '-'],
    {
      input: commitMessage(meta, head),
      env: identity,
    },
  );
  await moveRef(git, ws.snapshotRef, commit, tip || null, `batch ${meta.op}`);
  return { commit, tree, head: head.head, branch: head.branch, at: date };
}

/** Takes a snapshot of the whole working tree (tracked files and untracked ones git does not ignore). */
export async function takeSnapshot(
  git: Git,
  ws: Workspace,
  previous: SnapshotInfo | null,
  meta: SnapshotMeta,
  now: Date,
): Promise<SnapshotInfo> {
  return commitSnapshot(git, ws, previous, await stageSnapshot(git, ws), meta, now);
}

/**
 * Points a batch ref at a commit, compare-and-swap against the old value, with a reflog entry.
 * The user's hooks are switched off for it: a reference-transaction hook must not see batch's refs.
 */
export async function moveRef(
  git: Git,
  ref: string,
  commit: string,
  expected: string | null,
  reason: string,
): Promise<void> {
  const args = ['-c', 'core.hooksPath=/dev/null', 'update-ref', '--create-reflog', '-m', reason, ref, commit];
  if (expected) args.push(expected);
  await git.run(args);
}
