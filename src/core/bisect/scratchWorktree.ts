import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readlinkSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { glob } from 'tinyglobby';
import { Git } from '../../adapters/git.js';
import type { Context } from '../context/context.js';
import { BatchError } from '../context/errors.js';

/** Folders a test run needs that git does not track: linked in when present and ignored. */
const DEPENDENCY_FOLDERS = ['node_modules', '.venv', 'venv', 'vendor'];

/** The scratch worktree a culprit search checks snapshots out in. */
export interface Scratch {
  dir: string;
  git: Git;
  /** Worktree-relative paths linked to the user's copies (kept out of `git clean`). */
  links: string[];
  /** A symbolic link to `dir` outside git's directory, for runners that skip every `.git/` path. */
  alias: string;
  /** `culprit.setup` to run once the first tree is checked out (the worktree was just made). */
  setup: { command: string; env: NodeJS.ProcessEnv } | null;
}

/** batch's transient folder under git's own directory, per worktree (never in the working tree). */
export function transientDir(ctx: Context): string {
  const dir = join(ctx.ws.gitDir, 'batch');
  mkdirSync(dir, { recursive: true });
  return dir;
}

async function isIgnored(ctx: Context, path: string): Promise<boolean> {
  // check-ignore refuses literal pathspecs; the names asked about here are plain folder names.
  const result = await ctx.git.run(['check-ignore', '-q', '--', path], {
    okExitCodes: [1],
    env: { GIT_LITERAL_PATHSPECS: '0' },
  });
  return result.exitCode === 0;
}

/** The paths to link: the dependency folders present and ignored, plus `culprit.link` globs. */
async function linkedPaths(ctx: Context): Promise<string[]> {
  const found: string[] = [];
  for (const name of DEPENDENCY_FOLDERS) {
    if (existsSync(join(ctx.ws.root, name)) && (await isIgnored(ctx, name))) found.push(name);
  }
  const globs = ctx.config.culprit.link;
  if (globs.length > 0) {
    const matched = await glob(globs, {
      cwd: ctx.ws.root,
      onlyFiles: false,
      dot: true,
      ignore: ['.git/**', '.batch/**', '**/node_modules/**'],
    });
    for (const path of matched) found.push(path.replace(/\/$/, ''));
  }
  return [...new Set(found)].sort();
}

function linkInto(ctx: Context, dir: string, paths: readonly string[]): void {
  for (const path of paths) {
    const at = join(dir, path);
    if (existsSync(at) || isLink(at)) continue;
    mkdirSync(dirname(at), { recursive: true });
    symlinkSync(join(ctx.ws.root, path), at);
  }
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Whether `dir` is a working linked worktree of this repository (a kill may have left half of one). */
async function usable(ctx: Context, git: Git, dir: string): Promise<boolean> {
  if (!existsSync(join(dir, '.git'))) return false;
  const common = await git.text(['rev-parse', '--path-format=absolute', '--git-common-dir'], {
    okExitCodes: [128],
  });
  return common === ctx.ws.commonDir;
}

/**
 * The scratch linked worktree under `<git dir>/batch/node_modules/culprit`, made once and reused; one a kill left
 * broken is removed and made again. It is detached, with no checkout of its own until a probe reads a
 * tree into it, and `culprit.setup` runs in it once, after the first tree is read in. The user's tree, index and refs
 * are not touched (git keeps the worktree's HEAD and index under `worktrees/`).
 */
export async function openScratch(ctx: Context): Promise<Scratch> {
  // Under a folder named node_modules: the one folder every runner's own test discovery skips
  // (node 20's `node --test` walks into .git/ otherwise and would run the scratch copy's tests too).
  const dir = join(transientDir(ctx), 'node_modules', 'culprit');
  const git = new Git(dir, ctx.env);
  let made = false;
  if (!(await usable(ctx, git, dir))) {
    rmSync(dir, { recursive: true, force: true });
    // prune: forget a worktree whose folder is gone (killed before or after `worktree add`).
    await ctx.git.run(['worktree', 'prune']);
    // --detach: no branch of the user's is made or moved; --no-checkout: files come with each probe.
    await ctx.git.run(['worktree', 'add', '--detach', '--no-checkout', '--force', dir, 'HEAD'], {
      okExitCodes: [128],
    });
    if (!(await usable(ctx, git, dir))) {
      // An unborn HEAD has no commit to attach to: any snapshot commit does.
      await ctx.git.run(['worktree', 'add', '--detach', '--no-checkout', '--force', dir, ctx.ws.snapshotRef]);
    }
    made = true;
  }
  const links = await linkedPaths(ctx);
  linkInto(ctx, dir, links);
  const setup = made && ctx.config.culprit.setup ? { command: ctx.config.culprit.setup, env: ctx.env } : null;
  return { dir, git, links, alias: aliasOf(dir), setup };
}

/**
 * A symbolic link to the scratch worktree in the temp folder, one per scratch path (made again when
 * missing or pointing elsewhere). jest drops every file whose path has a `.git/` in it, so its probes
 * find their test files through this path (`--roots`); the worktree itself stays under git's directory.
 */
function aliasOf(dir: string): string {
  const alias = join(
    realpathSync(tmpdir()),
    `batch-culprit-${createHash('sha1').update(dir).digest('hex').slice(0, 12)}`,
  );
  let target: string | null = null;
  try {
    target = readlinkSync(alias);
  } catch {
    target = null;
  }
  if (target !== dir) {
    rmSync(alias, { force: true });
    symlinkSync(dir, alias, 'dir');
  }
  return alias;
}

/** Runs `culprit.setup` in the scratch worktree, which holds a checked-out tree by then. */
async function runSetup(scratch: Scratch): Promise<void> {
  const setup = scratch.setup;
  if (!setup) return;
  scratch.setup = null;
  const { execa } = await import('execa');
  const result = await execa(setup.command, {
    shell: true,
    cwd: scratch.dir,
    env: setup.env,
    reject: false,
    all: true,
  });
  if (result.exitCode !== 0) {
    rmSync(join(scratch.dir, '.git'), { force: true }); // made again, setup included, by the next search
    throw new BatchError(`culprit.setup failed in the scratch worktree (exit ${result.exitCode})`, {
      details: String(result.all ?? '')
        .split('\n')
        .slice(-10),
      hint: `check culprit.setup in .batchrc (now \`${setup.command}\`); it runs in ${scratch.dir}`,
    });
  }
}

/**
 * Makes the scratch worktree hold exactly `tree` (tracked files; untracked ones a probe left are
 * cleaned, the links and ignored files stay).
 */
export async function checkOutTree(scratch: Scratch, tree: string): Promise<void> {
  // --reset -u: the scratch index and files become `tree`, whatever was there (it is batch's own).
  await scratch.git.run(['read-tree', '--reset', '-u', tree]);
  // -f -d: remove files and folders a test run created; ignored ones (build caches) and links stay.
  await scratch.git.run(['clean', '-f', '-d', '-q', ...scratch.links.flatMap((l) => ['-e', `/${l}`])]);
  // After the first checkout: a setup works on the project's files (`npm ci` reads package.json).
  // What it makes stays for later probes only where git ignores it (`git clean` above).
  await runSetup(scratch);
}
