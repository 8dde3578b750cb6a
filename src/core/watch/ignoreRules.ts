import { GitError, type Git } from '../../adapters/git.js';
import { isTempFileName } from './tempFiles.js';

/** Folders never watched, whatever git says: git's own, batch's own, and installed packages. */
const ALWAYS_IGNORED_SEGMENTS = new Set(['.git', '.batch', 'node_modules']);

/** True for paths no rule can bring back: inside .git/.batch/node_modules, or an editor's temp file. */
export function isAlwaysIgnored(path: string): boolean {
  const parts = path.split('/');
  if (parts.some((part) => ALWAYS_IGNORED_SEGMENTS.has(part))) return true;
  return isTempFileName(parts[parts.length - 1] ?? '');
}

/**
 * What the watcher leaves alone, asked of git rather than re-implemented: the untracked paths git
 * ignores (whole folders as one entry) listed at start and again when an ignore file changes, and
 * `git check-ignore` for paths that appear later. Tracked files are never ignored (git says so too).
 */
export class IgnoreRules {
  private ignored = new Set<string>();
  /** Paths git was asked about since the rules were loaded: true when it ignores them. */
  private verdicts = new Map<string, boolean>();
  private readonly git: Git;

  constructor(git: Git) {
    this.git = git;
  }

  /** Reads git's list of ignored untracked paths; returns the paths whose verdict changed. */
  async load(): Promise<{ added: string[]; removed: string[] }> {
    // --others --ignored --exclude-standard: untracked and ignored by .gitignore, info/exclude and
    // core.excludesFile; --directory: a wholly ignored folder is one `dir/` entry; -z: exact names.
    const entries = await this.git.nulSeparated([
      'ls-files',
      '--others',
      '--ignored',
      '--exclude-standard',
      '--directory',
      '-z',
    ]);
    const next = new Set(entries.map((entry) => entry.replace(/\/$/, '')));
    const added = [...next].filter((path) => !this.ignored.has(path));
    const removed = [...this.ignored].filter((path) => !next.has(path));
    this.ignored = next;
    this.verdicts = new Map();
    return { added, removed };
  }

  /** Whether the watcher should leave this worktree-relative path alone (no git call). */
  isIgnored(path: string): boolean {
    if (isAlwaysIgnored(path)) return true;
    for (let end = path.length; end > 0; end = path.lastIndexOf('/', end - 1)) {
      if (this.ignored.has(path.slice(0, end))) return true;
    }
    return false;
  }

  /** Whether git was asked about this path since the rules were loaded (no git call). */
  isVerified(path: string): boolean {
    return this.verdicts.has(path);
  }

  /** Asks git which of these paths it ignores now, and remembers the answers. */
  async check(paths: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    if (paths.length === 0) return found;
    const verdicts = this.verdicts;
    // --stdin -z: any number of exact names; exit 1 means none is ignored. check-ignore refuses
    // literal pathspecs (the adapter's default), and names read from stdin are not patterns anyway.
    let ignored: string[];
    try {
      ignored = await this.git.nulSeparated(['check-ignore', '--stdin', '-z'], {
        input: `${paths.join('\0')}\0`,
        okExitCodes: [1],
        env: { GIT_LITERAL_PATHSPECS: '0' },
      });
    } catch (error) {
      // A name git refuses (beyond a symlink, say) fails the whole call: then nothing counts as ignored,
      // and the record call leaves out whatever git does not stage.
      if (error instanceof GitError) return found;
      throw error;
    }
    for (const path of ignored) {
      const clean = path.replace(/\/$/, '');
      found.add(clean);
      this.ignored.add(clean);
    }
    // Answers to a question asked before the rules were reloaded are dropped with the old rules.
    if (verdicts === this.verdicts) for (const path of paths) verdicts.set(path, found.has(path));
    return found;
  }
}
