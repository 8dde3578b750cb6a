/** The portable baseline file (`.batch/baseline.json` or `--baseline-file`): a run plus a schemaVersion. */
import { mkdir, readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeJsonAtomic } from '../../adapters/atomicWrite.js';
import { MAX_JSON_FILE_BYTES, parseJsonBytes, sizeText } from '../../adapters/jsonText.js';
import { readRunShape } from './baselineShape.js';
import { compareMessages } from './compareMessages.js';
import { BatchError } from '../context/errors.js';
import { portableRun } from './portablePaths.js';
import type { Run } from '../model/runModel.js';

/** The newest baseline layout this version writes and reads. Version 0 is a bare run, with no field. */
export const baselineSchemaVersion = 1;

export type Baseline = Run & { schemaVersion: typeof baselineSchemaVersion };

const shownProblems = 10;

/** The run as a baseline: tagged with the schema version, paths under `root` made relative to it. */
export function toBaseline(run: Run, root: string | null): Baseline {
  const portable = root === null ? run : portableRun(run, root);
  return { schemaVersion: baselineSchemaVersion, ...portable };
}

function errnoCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/** The file's bytes: it may be too large for one string (a run of millions of tests), not for a buffer. */
async function readBytes(path: string, shownAs: string): Promise<Buffer> {
  try {
    const { size } = await stat(path);
    if (size > MAX_JSON_FILE_BYTES) {
      throw new BatchError(
        compareMessages.baselineUnreadable(
          shownAs,
          `it is ${sizeText(size)}, larger than the ${sizeText(MAX_JSON_FILE_BYTES)} batch can read back`,
        ),
      );
    }
    return await readFile(path);
  } catch (error) {
    if (error instanceof BatchError) throw error;
    if (errnoCode(error) === 'ENOENT') {
      throw new BatchError(compareMessages.noBaselineFile(shownAs), { hint: compareMessages.noBaselineHint });
    }
    const reason = errnoCode(error) === 'EISDIR' ? 'it is a directory' : (error as Error).message;
    throw new BatchError(compareMessages.baselineUnreadable(shownAs, reason));
  }
}

function schemaVersionOf(value: unknown, shownAs: string): number {
  if (typeof value !== 'object' || value === null || !('schemaVersion' in value)) return 0;
  const version = value.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new BatchError(compareMessages.baselineWrongShape(shownAs), {
      details: [`schemaVersion is ${JSON.stringify(version)}, expected a whole number from 1`],
      hint: compareMessages.baselineWrongShapeHint,
    });
  }
  if (version > baselineSchemaVersion) {
    throw new BatchError(compareMessages.baselineTooNew(shownAs, version, baselineSchemaVersion), {
      hint: compareMessages.baselineTooNewHint,
    });
  }
  return version;
}

/**
 * Reads and checks a baseline file. Throws a BatchError (exit 3) naming the file when it is missing,
 * not JSON, not shaped like a baseline, or written by a newer batch; migrates older layouts.
 * `shownAs` is how the path is printed (relative to the cwd, usually).
 */
export async function readBaselineFile(path: string, shownAs: string = path): Promise<Baseline> {
  const bytes = await readBytes(path, shownAs);
  let value: unknown;
  try {
    value = parseJsonBytes(bytes);
  } catch (error) {
    throw new BatchError(compareMessages.baselineNotJson(shownAs, (error as Error).message), {
      hint: compareMessages.baselineNotJsonHint,
    });
  }
  schemaVersionOf(value, shownAs);
  // Version 0 (a bare run, e.g. a copy of runs/<id>.json) reads as version 1 once its defaults are filled.
  const shape = readRunShape(value);
  if ('problems' in shape) {
    const details = shape.problems.slice(0, shownProblems);
    if (shape.problems.length > shownProblems) {
      details.push(compareMessages.baselineTooManyProblems(shape.problems.length - shownProblems));
    }
    throw new BatchError(compareMessages.baselineWrongShape(shownAs), {
      details,
      hint: compareMessages.baselineWrongShapeHint,
    });
  }
  return { schemaVersion: baselineSchemaVersion, ...shape.run };
}

/**
 * Writes the baseline atomically (temp file + rename), creating its folder; test by test, so a run of
 * millions of tests is written although its text would not fit one string.
 */
export async function writeBaselineFile(path: string, baseline: Baseline): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  writeJsonAtomic(path, baseline);
}
