import type { ParsedReport } from '../model/runModel.js';
import { parseJestLike } from './jestLikeJson.js';
import type { ParseOptions } from './reportFormat.js';

/** Parses `vitest --reporter=json` output (with `--includeTaskLocation` for lines; else from stacks). */
export function parseVitestJson(text: string, options: ParseOptions): ParsedReport {
  return parseJestLike(text, 'vitest-json', options);
}
