import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import type { Context } from '../context/context.js';
import type { PathChange } from './treeEntries.js';

/**
 * Names of files that usually hold secrets (research/rollback.md §5.4): a snapshot of an untracked
 * `.env` copies it into `.git/objects`, where it stays as long as the snapshot ref keeps it.
 */
const SECRET_NAME =
  /^(?:\.env(?:\.(?!example$|sample$|template$|dist$|defaults$)[^/]+)?|.+\.(?:pem|key|p12|pfx|jks|keystore)|id_(?:rsa|dsa|ecdsa|ed25519)|\.netrc|\.pypirc)$/i;

/** New files above this size are worth a word: each version snapshotted stays in .git (research §5.2). */
export const LARGE_FILE_BYTES = 5 * 1024 * 1024;

export interface SnapshotNotice {
  path: string;
  kind: 'secret' | 'large';
  /** Bytes, for a large file. */
  size?: number;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * Files a snapshot just took in for the first time that the person may not want copied into git's
 * object store: names that usually hold secrets, and files over LARGE_FILE_BYTES. A snapshot holds
 * every file git does not ignore (DESIGN.md), so these are said, not left out.
 */
export function snapshotNotices(root: string, changes: Map<string, PathChange>): SnapshotNotice[] {
  const notices: SnapshotNotice[] = [];
  for (const [path, change] of changes) {
    if (change.before !== null || change.after === null) continue;
    if (SECRET_NAME.test(baseName(path))) {
      notices.push({ path, kind: 'secret' });
      continue;
    }
    let size: number;
    try {
      size = lstatSync(join(root, path)).size;
    } catch {
      continue;
    }
    if (size > LARGE_FILE_BYTES) notices.push({ path, kind: 'large', size });
  }
  return notices;
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / 1024 / 102.4) / 10} MB`;
}

/** Warns about what snapshotNotices found, one line a file, with what to do about it. */
export function warnAboutSnapshot(ctx: Context, changes: Map<string, PathChange>): void {
  for (const notice of snapshotNotices(ctx.ws.root, changes)) {
    ctx.logger.warn(
      notice.kind === 'secret'
        ? `snapshot took in ${notice.path}, which git does not ignore and may hold secrets: it is now in .git's object store. Add it to .gitignore or .git/info/exclude to keep it out of batch's snapshots`
        : `snapshot took in ${notice.path} (${megabytes(notice.size ?? 0)}), which git does not ignore: each version batch snapshots stays in .git. Add it to .gitignore if it is a build output or data`,
    );
  }
}
