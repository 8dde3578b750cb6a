import {
  appendFileSync,
  closeSync,
  existsSync,
  fstatSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  statSync,
  unlinkSync,
} from 'node:fs';
import { join } from 'node:path';

/**
 * `hook-queue` in the worktree's transient folder (`$(git rev-parse --git-path batch)`): lines the shims append with shell builtins (one `>>` write each, atomic for
 * short lines): `commit`, `skip <sha>`, `rewrite <amend|rebase> <old> <new>`, `rebase-end`.
 * A reader renames the file first, so lines appended meanwhile start a new queue. A shim that opened
 * the file just before the rename writes its line into the renamed one: `finishQueue` hands such late
 * lines back to the live queue instead of deleting them.
 */
export const QUEUE_FILE = 'hook-queue';

/**
 * Where queues are read from: the transient folder first (where the shims write and late lines go
 * back), then `.batch/`, where shims installed by batch 0.1 still write until they are reinstalled.
 */
export type QueueDirs = readonly [string, ...string[]];

/** What the queued lines say, merged. */
export interface QueueEvents {
  /** How many commits the hook saw. */
  commits: number;
  /** Commits made with BATCH=0: never recorded. */
  skipped: Set<string>;
  /** Old commit id → new one, from amends and rebases, in the order they happened. */
  rewrites: Array<[string, string]>;
  /** A rebase ended (post-rewrite rebase ran), even if git has not removed its state folder yet. */
  rebaseEnded: boolean;
}

/** Queue files taken by a reader, to delete once their effect is saved. */
export interface TakenQueue {
  events: QueueEvents;
  files: string[];
  /** How many bytes of each file were read (parallel to `files`). */
  sizes: number[];
}

/** Parses queue lines; unknown lines are ignored (a newer shim may write more). */
export function parseQueue(text: string): QueueEvents {
  const events: QueueEvents = { commits: 0, skipped: new Set(), rewrites: [], rebaseEnded: false };
  for (const line of text.split('\n')) {
    const words = line.trim().split(/\s+/);
    const sha = (word: string | undefined) => (word && /^[0-9a-f]{7,64}$/.test(word) ? word : null);
    if (words[0] === 'commit') events.commits++;
    else if (words[0] === 'rebase-end') events.rebaseEnded = true;
    else if (words[0] === 'skip') {
      const id = sha(words[words.length - 1]);
      if (id) events.skipped.add(id);
    } else if (words[0] === 'rewrite') {
      const [old, next] = [sha(words[2]), sha(words[3])];
      if (old && next) events.rewrites.push([old, next]);
    }
  }
  return events;
}

function takenFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.startsWith(`${QUEUE_FILE}.`) && name.endsWith('.taken'))
    .sort()
    .map((name) => join(dir, name));
}

function readBytes(file: string): Buffer {
  return existsSync(file) ? readFileSync(file) : Buffer.alloc(0);
}

function readAll(files: string[]): string {
  return files.map((file) => readBytes(file).toString('utf8')).join('\n');
}

/** Reads the queue without taking it (to decide whether a sequence is still running). */
export function peekQueue(dirs: QueueDirs): QueueEvents {
  return parseQueue(readAll(dirs.flatMap((dir) => [...takenFiles(dir), join(dir, QUEUE_FILE)])));
}

/** Takes the queue (and any taken by a reader that died); delete the files with `finishQueue` once saved. */
export function takeQueue(dirs: QueueDirs, tag: string): TakenQueue {
  for (const dir of dirs) {
    const queue = join(dir, QUEUE_FILE);
    if (existsSync(queue)) renameSync(queue, join(dir, `${QUEUE_FILE}.${tag}.taken`));
  }
  const files = dirs.flatMap(takenFiles);
  const contents = files.map(readBytes);
  return {
    events: parseQueue(contents.map((c) => c.toString('utf8')).join('\n')),
    files,
    sizes: contents.map((c) => c.length),
  };
}

/** What was appended to a taken file after it was read (a shim's write racing the rename). */
function lateBytes(file: string, readSize: number): Buffer {
  let fd;
  try {
    fd = openSync(file, 'r');
  } catch {
    return Buffer.alloc(0);
  }
  try {
    const size = fstatSync(fd).size;
    if (size <= readSize) return Buffer.alloc(0);
    const late = Buffer.alloc(size - readSize);
    const read = readSync(fd, late, 0, late.length, readSize);
    return late.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/**
 * Deletes the queue files a reader took, after their effect was saved. Lines written into one of them
 * after it was read go back to the live queue, for the next reader.
 */
export function finishQueue(taken: TakenQueue, dirs: QueueDirs): void {
  taken.files.forEach((file, i) => {
    const late = lateBytes(file, taken.sizes[i] ?? 0);
    if (late.length > 0) appendFileSync(join(dirs[0], QUEUE_FILE), late);
    try {
      unlinkSync(file);
    } catch {
      // already gone
    }
  });
}

/** True when the shims queued something no reader has taken yet. */
export function queueHasWork(dirs: QueueDirs): boolean {
  return dirs.some((dir) => {
    try {
      return statSync(join(dir, QUEUE_FILE)).size > 0;
    } catch {
      return false;
    }
  });
}

/** The queue folders of a workspace (see QueueDirs). */
export function queueDirs(ws: { transientDir: string; batchDir: string }): QueueDirs {
  return [ws.transientDir, ws.batchDir];
}
