import type { Batch, Edit } from '../model/batchModel.js';
import type { Context } from '../context/context.js';
import type { TestRef } from '../model/comparisonModel.js';
import type { BisectResult, CulpritEdit, CulpritTest, ProbeRecord } from '../model/culpritModel.js';
import type { SearchResult } from './searchCulprits.js';

interface Found {
  batch: Batch;
  failures: TestRef[];
}

/** Lines added and removed between two blobs (null, null for a binary file). */
async function lineCounts(
  ctx: Context,
  edit: Edit,
): Promise<{ added: number | null; removed: number | null }> {
  const empty = await ctx.git.text(['hash-object', '-t', 'blob', '-w', '--stdin'], { input: '' });
  const from = edit.previousMode === '160000' ? empty : (edit.previousHash ?? empty);
  const to = edit.mode === '160000' ? empty : (edit.hash ?? empty);
  if (from === to) return { added: 0, removed: 0 };
  // --numstat on two blobs: "added<TAB>removed<TAB>…", `-` for each on a binary file.
  const line = await ctx.git.text(['diff', '--numstat', from, to]);
  const [added, removed] = line.split('\t');
  const count = (n: string | undefined) => (n === undefined || n === '-' ? null : Number(n));
  return { added: count(added), removed: count(removed) };
}

async function describeEdit(ctx: Context, edit: Edit): Promise<CulpritEdit> {
  return {
    seq: edit.seq,
    path: edit.path,
    kind: edit.kind,
    description: edit.description,
    source: edit.source,
    commit: edit.commit,
    ...(await lineCounts(ctx, edit)),
  };
}

function describeTest(test: TestRef): CulpritTest {
  return { id: test.id, name: test.name, file: test.file, line: test.line, message: test.message };
}

/** The search's answer in DESIGN.md's bisect shape: each culprit's edits (with line counts) and tests. */
export async function describeCulprits(
  ctx: Context,
  found: Found,
  result: SearchResult,
  totals: { runs: number; cached: number; probes: ProbeRecord[]; notes: string[] },
): Promise<BisectResult> {
  const tests = new Map(found.failures.map((t) => [t.id, t]));
  const edits = new Map(found.batch.edits.map((e) => [e.seq, e]));
  const refs = (ids: string[]) =>
    ids.flatMap((id) => (tests.has(id) ? [describeTest(tests.get(id) as TestRef)] : []));
  const culprits = [];
  for (const culprit of result.culprits) {
    const described = [];
    for (const seq of culprit.seqs) {
      const edit = edits.get(seq);
      if (edit) described.push(await describeEdit(ctx, edit));
    }
    culprits.push({ edits: described, tests: refs(culprit.tests), runs: totals.runs });
  }
  return {
    batch: found.batch.id,
    at: ctx.clock.now().toISOString(),
    culprits,
    notReproducible: refs(result.notReproducible),
    unresolved: refs(result.unresolved),
    ...totals,
  };
}
