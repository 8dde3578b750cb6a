import { join } from 'node:path';
import type { Context } from '../context/context.js';
import type { FileChange } from '../record/fileChanges.js';

const GITLINK = '160000';

/** A submodule a rollback could not put back: git writes a gitlink, never the submodule's checkout. */
export interface SubmoduleLeft {
  path: string;
  /** The commit the restored tree names for it (null when the tree has no submodule there). */
  wanted: string | null;
  /** The commit the submodule has checked out (null when it has none). */
  at: string | null;
}

/** The submodules among `files` whose checkout is not what the restored tree `tree` names. */
export async function submodulesLeft(
  ctx: Context,
  files: readonly FileChange[],
  tree: string,
): Promise<SubmoduleLeft[]> {
  const left: SubmoduleLeft[] = [];
  for (const file of files) {
    if (file.fromMode !== GITLINK && file.toMode !== GITLINK) continue;
    const wanted =
      file.toMode === GITLINK
        ? (await ctx.git.text(['rev-parse', '-q', '--verify', `${tree}:${file.path}`], {
            okExitCodes: [1, 128],
          })) || null
        : null;
    const at =
      (await ctx.git.text(['-C', join(ctx.ws.root, file.path), 'rev-parse', '-q', '--verify', 'HEAD'], {
        okExitCodes: [1, 128],
      })) || null;
    if (wanted !== at) left.push({ path: file.path, wanted, at });
  }
  return left;
}
