import type { ParsedReport } from '../model/runModel.js';
import { parseJestLike } from './jestLikeJson.js';
import type { ParseOptions } from './reportFormat.js';

/** Parses `jest --json` output (with `--testLocationInResults` for lines; else lines come from stacks). */
export function parseJestJson(text: string, options: ParseOptions): ParsedReport {
  return parseJestLike(text, 'jest-json', options);
}
