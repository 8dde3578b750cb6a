import { join } from 'node:path';
import type { Context } from '../context/context.js';
import { probeRun, type ProbeTest } from '../runs/probeRun.js';
import { testFilesFor } from '../runs/testFiles.js';
import { detectRunner } from '../runs/runnerDetect.js';
import { transientDir } from './scratchWorktree.js';

export interface ProbeCurrentRequest {
  /** Test ids as runs store them: `file::suite > name`, or `suite > name` without a file. */
  ids: string[];
  pattern?: string;
}

export interface ProbeCurrentOutcome {
  verdict: 'pass' | 'fail' | 'unknown';
  count: number;
  failed: number;
  why: string;
}

/** A test id split back into its file, suite and name (the parts the runner selects by). */
export function testFromId(id: string): ProbeTest {
  const at = id.indexOf('::');
  const file = at >= 0 ? id.slice(0, at) : null;
  const path = (at >= 0 ? id.slice(at + 2) : id).split(' > ');
  const name = path.pop() ?? id;
  return { id, name, suite: path.join(' > '), file };
}

/**
 * `batch probe`: runs the named tests (or the `-p` files, or everything) on the tree as it is, narrowed
 * like a culprit probe, and says pass, fail, or unknown (no results, or a named test did not run).
 * Stores no run and takes no snapshot, so `git bisect run` can call it on every commit.
 */
export async function probeCurrentTree(
  ctx: Context,
  request: ProbeCurrentRequest,
): Promise<ProbeCurrentOutcome> {
  const tests = request.ids.map(testFromId);
  const runner = detectRunner(ctx.config.testCommand ?? '', ctx.ws.root).runner;
  const files = request.pattern ? await testFilesFor(request.pattern, ctx.ws.root, runner) : [];
  const outcome = await probeRun(ctx, {
    root: ctx.ws.root,
    tests,
    files,
    workDir: join(transientDir(ctx), 'probes'),
  });
  if (!outcome.reported)
    return { verdict: 'unknown', count: 0, failed: 0, why: 'the run gave no per-test results' };
  if (outcome.interrupted) return { verdict: 'unknown', count: 0, failed: 0, why: 'interrupted' };
  if (tests.length === 0) {
    return outcome.failedTotal > 0
      ? { verdict: 'fail', count: outcome.ran, failed: outcome.failedTotal, why: '' }
      : outcome.ran === 0
        ? { verdict: 'unknown', count: 0, failed: 0, why: 'no test ran' }
        : { verdict: 'pass', count: outcome.ran, failed: 0, why: '' };
  }
  const missing = tests.filter((t) => outcome.found.get(t.id) === undefined);
  if (missing.length > 0) {
    return {
      verdict: 'unknown',
      count: tests.length,
      failed: 0,
      why: `${missing.map((t) => t.id).join(', ')} did not run`,
    };
  }
  const failed = tests.filter((t) => outcome.found.get(t.id) === 'failed').length;
  return { verdict: failed > 0 ? 'fail' : 'pass', count: tests.length, failed, why: '' };
}
