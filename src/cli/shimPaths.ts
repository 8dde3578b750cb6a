import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../adapters/packageFiles.js';
import type { ShimPaths } from '../core/hooks/shimTemplate.js';

/** node and the CLI entry of this very process, as the absolute paths the shims call (never npx). */
export function shimPathsOfThisCli(): ShimPaths {
  return { node: process.execPath, cli: realpathSync(join(packageRoot, 'bin', 'batch.js')) };
}
