import * as z from '../model/schema.js';
import { MAX_JSON_FILE_BYTES, sizeText } from '../../adapters/jsonText.js';
import type { StoreChecks } from '../../adapters/store.js';
import { BatchError } from './errors.js';
import { runSchema } from '../model/runSchema.js';
import { batchSchema, describeIssues, operationSchema } from '../model/stateSchema.js';

/** The baseline as `status` reads it: a run's fields; its tests are checked by `compare` (baselineShape). */
const baselineSummarySchema = runSchema.extend({ tests: z.array(z.unknown()) });

function damaged(file: string, reason: string): never {
  throw new BatchError(`${file} is damaged (${reason}); batch cannot rebuild it`, {
    hint: `move it aside (mv ${file} ${file}.damaged) and run the command again: batch goes on without it (its snapshots stay under refs/batch/), or \`batch reset --yes\` to start over`,
  });
}

function checked(schema: z.ZodType, value: unknown, file: string): unknown {
  const result = schema.safeParse(value);
  if (!result.success) damaged(file, `not the shape batch writes: ${describeIssues(result.error)}`);
  return result.data;
}

/** The schema checks of everything the store reads back from `.batch/` (state.json has its own, stateFile.ts). */
export const storeChecks: StoreChecks = {
  batch: (value, file) => checked(batchSchema, value, file),
  run: (value, file) => checked(runSchema, value, file),
  document: (name, value, file) => {
    if (name === 'baseline.json') return checked(baselineSummarySchema, value, file);
    if (/^operations\/\d+\.json$/.test(name)) return checked(operationSchema, value, file);
    return value;
  },
  damaged,
  tooLarge: (error) => {
    throw new BatchError(
      `${error.file} is ${sizeText(error.bytes)}, larger than the ${sizeText(MAX_JSON_FILE_BYTES)} batch can read back`,
      {
        hint: `move it aside (mv ${error.file} ${error.file}.too-large) and run the command again: batch goes on without it`,
      },
    );
  },
};
