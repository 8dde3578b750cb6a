import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Batch, Edit } from '../model/batchModel.js';
import type { Context } from '../context/context.js';
import type { EditGroup } from './searchCulprits.js';

const FIELD = '\x1f';
const RECORD = '\x1e';

/**
 * The batch's record calls in order, each with its edits and the tree of the snapshot it ended in,
 * read from the snapshot chain between the batch's before and after (each record snapshot names its
 * edits in a `Batch-Edits` trailer). Edits no snapshot names get a tree made from the edits.
 */
export async function recordGroups(ctx: Context, batch: Batch): Promise<EditGroup[]> {
  if (!batch.after) return [];
  // --first-parent: the snapshot chain itself, not the user's commits (second parents).
  const text = await ctx.git.text([
    'log',
    '--first-parent',
    `--format=%T${FIELD}%(trailers:key=Batch-Op,valueonly,separator=)${FIELD}%(trailers:key=Batch-Edits,valueonly,separator=)${RECORD}`,
    batch.after.commit,
    `^${batch.before.commit}`,
  ]);
  const treeOfSeq = new Map<number, string>();
  for (const record of text.split(RECORD).reverse()) {
    const [tree, op, edits] = record.trim().split(FIELD);
    if (!tree || op?.trim() !== 'record') continue;
    for (const seq of (edits ?? '').split(',').filter(Boolean)) treeOfSeq.set(Number(seq), tree);
  }
  const groups: EditGroup[] = [];
  for (const edit of batch.edits) {
    const tree = treeOfSeq.get(edit.seq);
    const last = groups[groups.length - 1];
    if (tree && last?.tree === tree) last.seqs.push(edit.seq);
    else
      groups.push({ seqs: [edit.seq], tree: tree ?? (await treeWithEdits(ctx, batch, upTo(batch, edit))) });
  }
  const last = groups[groups.length - 1];
  if (last) last.tree = batch.after.tree;
  return groups;
}

function upTo(batch: Batch, edit: Edit): number[] {
  return batch.edits.filter((e) => e.seq <= edit.seq).map((e) => e.seq);
}

/**
 * The batch's before-snapshot tree with only the edits `seqs` applied (for a path edited more than
 * once, the latest of them), built in a scratch index under git's own directory.
 */
export async function treeWithEdits(ctx: Context, batch: Batch, seqs: readonly number[]): Promise<string> {
  const chosen = new Set(seqs);
  const latest = new Map<string, Edit>();
  for (const edit of batch.edits) if (chosen.has(edit.seq)) latest.set(edit.path, edit);
  const index = join(ctx.ws.gitDir, 'batch', `culprit-${randomBytes(4).toString('hex')}.index`);
  const env = { GIT_INDEX_FILE: index };
  try {
    await ctx.git.run(['read-tree', batch.before.tree], { env });
    const zero = '0'.repeat(batch.before.tree.length);
    // --index-info: "<mode> <oid>\t<path>"; mode 0 with a zero id removes the path.
    const lines = [...latest.values()].map((e) =>
      e.hash && e.mode ? `${e.mode} ${e.hash}\t${e.path}` : `0 ${zero}\t${e.path}`,
    );
    if (lines.length > 0)
      await ctx.git.run(['update-index', '-z', '--index-info'], { env, input: `${lines.join('\0')}\0` });
    return await ctx.git.text(['write-tree'], { env });
  } finally {
    rmSync(index, { force: true });
  }
}
