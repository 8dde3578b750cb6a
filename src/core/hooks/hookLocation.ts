import { existsSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { Git } from '../../adapters/git.js';
import type { Workspace } from '../context/workspace.js';

/** `core.hooksPath` as git reports it: the value, the config scope and the file that sets it. */
export interface HooksPathSetting {
  value: string;
  scope: string;
  origin: string;
}

/** Where git runs this repository's hooks from, and where batch keeps its own hook files. */
export interface HookLocation {
  /** The folder git runs hooks from (`--git-path hooks`: the common dir, or `core.hooksPath`). */
  hooksDir: string;
  /** `<common git dir>/hooks`, git's default. */
  defaultDir: string;
  hooksPath: HooksPathSetting | null;
  /** `<common git dir>/batch-hooks`: the shims another hook manager's config calls, and the manifest. */
  shimDir: string;
  manifestPath: string;
}

/** Asks git where hooks run (worktrees share the common dir; `core.hooksPath` wins when set). */
export async function locateHooks(git: Git, ws: Workspace): Promise<HookLocation> {
  // --path-format=absolute: a relative core.hooksPath comes back resolved against the worktree root.
  const hooksDir = await git.text(['rev-parse', '--path-format=absolute', '--git-path', 'hooks']);
  // --show-scope/--show-origin: say which config file sets it when batch cannot install there.
  const raw = await git.text(['config', '--show-scope', '--show-origin', '--get', 'core.hooksPath'], {
    okExitCodes: [1],
  });
  const [scope = '', origin = '', ...rest] = raw.split('\t');
  const hooksPath = raw ? { value: rest.join('\t'), scope, origin: origin.replace(/^file:/, '') } : null;
  const shimDir = join(ws.commonDir, 'batch-hooks');
  return {
    hooksDir,
    defaultDir: join(ws.commonDir, 'hooks'),
    hooksPath,
    shimDir,
    manifestPath: join(shimDir, 'install.json'),
  };
}

/** True when `core.hooksPath` points somewhere other than git's default folder. */
export function hasCustomHooksPath(location: HookLocation): boolean {
  return location.hooksPath !== null && resolve(location.hooksDir) !== resolve(location.defaultDir);
}

/** True when `dir` is inside the worktree (a folder the project itself holds, like `.husky/_`). */
export function isInsideWorktree(ws: Workspace, dir: string): boolean {
  const rel = relative(ws.root, dir);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** lefthook's config files, in its own search order. */
const LEFTHOOK_FILES = [
  'lefthook.yml',
  '.lefthook.yml',
  'lefthook.yaml',
  '.lefthook.yaml',
  '.config/lefthook.yml',
  '.config/lefthook.yaml',
  'lefthook.json',
  '.lefthook.json',
  'lefthook.jsonc',
  'lefthook.toml',
  '.lefthook.toml',
];

/** The worktree's lefthook config file, or null. */
export function findLefthookConfig(root: string): string | null {
  for (const name of LEFTHOOK_FILES) if (existsSync(join(root, name))) return join(root, name);
  return null;
}
