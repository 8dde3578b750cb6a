import picomatch from 'picomatch';
import type { Config } from '../model/config.js';

/** Decides from `include`/`exclude` in `.batchrc` whether a worktree path counts as an edit. */
export function makePathFilter(config: Pick<Config, 'include' | 'exclude'>): (path: string) => boolean {
  const options = { dot: true };
  const include = config.include.length ? picomatch(config.include, options) : null;
  const exclude = config.exclude.length ? picomatch(config.exclude, options) : null;
  return (path) => (include === null || include(path)) && (exclude === null || !exclude(path));
}
