/**
 * The schema of a stored run (`runs/<id>.json`), checked when batch reads one back. Fields batch 0.1
 * did not always write get their defaults; fields a newer batch adds are kept.
 */
import * as z from './schema.js';

const count = z.number().int().nonnegative();

export const testResultSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  suite: z.string(),
  file: z.string().nullable(),
  line: z.number().nullable(),
  declaredAt: z.number().optional(),
  status: z.enum(['passed', 'failed', 'skipped']),
  kind: z.string().optional(),
  durationMs: z.number().nullable(),
  message: z.string().nullable(),
  stack: z.string().nullable(),
});

export const resultSourceSchema = z.looseObject({
  format: z.string(),
  files: z.array(z.string()),
  granularity: z.enum(['test', 'summary']).optional(),
});

export const runSchema = z.looseObject({
  id: count,
  batchId: count.nullable(),
  timestamp: z.string(),
  success: z.boolean(),
  total: count,
  passed: count,
  failed: count,
  skipped: count,
  durationMs: z.number().nonnegative(),
  commit: z.string().nullable(),
  snapshot: z.string().nullable(),
  command: z.string().nullable(),
  exitCode: z.number().int().nullable(),
  stale: z.boolean().default(false),
  interrupted: z.boolean().default(false),
  timedOut: z.boolean().default(false),
  source: resultSourceSchema,
  pattern: z.string().optional(),
  notes: z.array(z.string()).default([]),
  tests: z.array(testResultSchema),
});
