/** `.batch/regressions.json`: the last comparison, for CI steps and tools that read it after batch. */
import { join } from 'node:path';
import { writeFileAtomic } from '../../adapters/atomicFile.js';
import type { Comparison } from '../model/comparisonModel.js';

/** Writes the comparison to `<stateDir>/regressions.json` atomically and returns the path. */
export async function writeRegressionsFile(stateDir: string, comparison: Comparison): Promise<string> {
  const path = join(stateDir, 'regressions.json');
  await writeFileAtomic(path, `${JSON.stringify(comparison, null, 2)}\n`);
  return path;
}
