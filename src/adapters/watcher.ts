import type { Stats } from 'node:fs';
import { join, relative, sep } from 'node:path';
import chokidar, { type ChokidarOptions, type FSWatcher } from 'chokidar';

/** Builds the chokidar instance (tests pass a wrapper to inject faults such as ENOSPC). */
export type WatcherFactory = (root: string, options: ChokidarOptions) => FSWatcher;

export interface TreeWatcherOptions {
  root: string;
  /** True for a worktree-relative ('/'-separated) path that must not be watched; stats when chokidar has them. */
  isIgnored: (path: string, stats: Stats | undefined) => boolean;
  /** Poll with stat instead of inotify/FSEvents (after the watch limit was hit, or asked for). */
  polling: boolean;
  /** Polling interval in ms. */
  intervalMs: number;
  /** A path that may have changed (a hint: the content is looked at later). */
  onChange: (path: string, isDir: boolean) => void;
  onError: (error: NodeJS.ErrnoException) => void;
  create?: WatcherFactory;
}

/** A running watch on a worktree: hints only, never content. */
export interface TreeWatcher {
  /** Resolves once the initial scan is done. */
  readonly ready: Promise<void>;
  /** Starts watching a worktree-relative path that was ignored until now (a new folder found not ignored). */
  add(path: string): void;
  /** Stops watching a worktree-relative path (a folder git now ignores). */
  unwatch(path: string): void;
  close(): Promise<void>;
}

/** The worktree-relative, '/'-separated form of an absolute path under root ('' for root itself). */
export function toRelative(root: string, absolute: string): string {
  const rel = relative(root, absolute);
  return sep === '/' ? rel : rel.split(sep).join('/');
}

/**
 * Watches the worktree's directories with chokidar 5. Options follow research/watch.md §4.3: no
 * `awaitWriteFinish` (quiet periods are ours), no following symlinks (a link is recorded as a link),
 * `ignoreInitial` (start-up differences are found by comparing trees, not by events).
 */
export function watchTree(options: TreeWatcherOptions): TreeWatcher {
  const { root } = options;
  const create = options.create ?? ((path, opts) => chokidar.watch(path, opts));
  const watcher = create(root, {
    ignoreInitial: true,
    followSymlinks: false,
    ignorePermissionErrors: true,
    awaitWriteFinish: false,
    // Keeps chokidar's unlink+add → change folding for atomic saves; our quiet period does the rest.
    atomic: !options.polling,
    usePolling: options.polling,
    interval: options.intervalMs,
    binaryInterval: options.intervalMs,
    ignored: (path: string, stats?: Stats) => {
      const rel = toRelative(root, path);
      return rel !== '' && options.isIgnored(rel, stats);
    },
  });
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  watcher.on('all', (event, path) => {
    const rel = toRelative(root, path);
    if (rel !== '') options.onChange(rel, event === 'addDir' || event === 'unlinkDir');
  });
  watcher.on('error', (error) => options.onError(error as NodeJS.ErrnoException));
  return {
    ready,
    add: (path) => void watcher.add(join(root, path)),
    unwatch: (path) => void watcher.unwatch(join(root, path)),
    close: () => watcher.close(),
  };
}
