import { dirname } from 'node:path';
import { glob } from 'tinyglobby';
import { BatchError } from '../context/errors.js';
import type { RunnerKind } from './runnerDetect.js';

/**
 * The files `-p GLOB` names, relative to the worktree root, in the form the runner takes them: files
 * for most runners, `./dir` packages for go test. Throws (exit 3) when nothing matches.
 */
export async function testFilesFor(
  pattern: string,
  root: string,
  runner: RunnerKind | null,
): Promise<string[]> {
  const files = await glob(pattern, {
    cwd: root,
    onlyFiles: true,
    expandDirectories: false,
    ignore: ['**/node_modules/**', '.git/**', '.batch/**'],
  });
  if (files.length === 0) {
    throw new BatchError(`no file matches -p ${pattern}`, {
      hint: 'the pattern is a glob relative to the worktree root, e.g. -p "test/math*.test.js"',
    });
  }
  files.sort();
  if (runner === 'go') return [...new Set(files.map((f) => `./${dirname(f)}`))];
  return files;
}
