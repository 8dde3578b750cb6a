import { describe, expect, it } from 'vitest';
import { searchCulprits, type Verdict } from '../../src/core/bisect/searchCulprits.js';

/**
 * The search over a made-up batch of k record calls (one edit each): a tree is the set of edits in
 * it, and a test fails on a tree when `breaks` says so. Counts the probe runs the search makes.
 */
function world(k: number, breaks: (edits: ReadonlySet<number>) => boolean, beforeBroken = false) {
  const seqs = Array.from({ length: k }, (_, i) => i + 1);
  const tree = (edits: number[]) => `tree:${[...edits].sort((a, b) => a - b).join(',')}`;
  const parse = (t: string) => new Set(t.slice(5).split(',').filter(Boolean).map(Number));
  const runs: string[] = [];
  const input = {
    beforeTree: tree([]),
    groups: seqs.map((s) => ({ seqs: [s], tree: tree(seqs.slice(0, s)) })),
    tests: ['t'],
    probe: (at: string, tests: string[]) => {
      runs.push(at);
      const edits = parse(at);
      const fails = breaks(edits) || (beforeBroken && edits.size === 0);
      return Promise.resolve(new Map<string, Verdict>(tests.map((t) => [t, fails ? 'fail' : 'pass'])));
    },
    treeWith: (edits: number[]) => Promise.resolve(tree(edits)),
    flaky: new Set<string>(),
  };
  return { input, runs };
}

describe('the culprit search', () => {
  it('finds a single breaking edit among k in at most ceil(log2 k) + 2 runs, the before-snapshot first', async () => {
    for (let k = 1; k <= 17; k++) {
      for (let culprit = 1; culprit <= k; culprit++) {
        const { input, runs } = world(k, (edits) => edits.has(culprit));
        const found = await searchCulprits(input);
        expect(found.culprits, `k=${k} culprit=${culprit}`).toEqual([{ seqs: [culprit], tests: ['t'] }]);
        expect(runs[0]).toBe('tree:');
        expect(runs.length, `k=${k} culprit=${culprit}`).toBeLessThanOrEqual(Math.ceil(Math.log2(k)) + 2);
        expect(new Set(runs).size).toBe(runs.length);
      }
    }
  });

  it('leaves out a test that already fails on the before-snapshot, even when an edit fixed it for a while', async () => {
    // Broken before the batch; edit 1 fixes it, edit 3 breaks it again.
    const { input, runs } = world(5, (edits) => edits.has(3) && edits.has(1), true);
    const found = await searchCulprits(input);
    expect(found).toEqual({ culprits: [], notReproducible: ['t'], unresolved: [] });
    expect(runs).toEqual(['tree:']);
  });

  it('reports two edits that break a test only together as the pair', async () => {
    const { input } = world(6, (edits) => edits.has(2) && edits.has(5));
    expect((await searchCulprits(input)).culprits).toEqual([{ seqs: [2, 5], tests: ['t'] }]);
  });

  it('leaves out a test that fails on no probed tree (the batch’s run failed it once)', async () => {
    const { input } = world(4, () => false);
    expect(await searchCulprits(input)).toEqual({ culprits: [], notReproducible: ['t'], unresolved: [] });
  });
});
