/**
 * Schemas of what batch reads back from `.batch/` (state.json, batches/<id>.json): checked at the
 * boundary, so the rest of the code can trust the types in state.ts and batchModel.ts. Objects are
 * loose: fields a newer batch adds are kept, not refused.
 */
import * as z from './schema.js';

const sha = z.string().regex(/^[0-9a-f]{40,64}$/, 'a git object id');
const count = z.number().int().nonnegative();

export const indexEntrySchema = z.looseObject({ mode: z.string(), oid: sha });

export const snapshotInfoSchema = z.looseObject({
  commit: sha,
  tree: sha,
  head: sha.nullable(),
  branch: z.string().nullable(),
  at: z.string(),
});

export const editSchema = z.looseObject({
  seq: count,
  path: z.string().min(1),
  kind: z.enum(['added', 'modified', 'deleted', 'mode', 'typechange']),
  hash: sha.nullable(),
  previousHash: sha.nullable(),
  mode: z.string().nullable(),
  previousMode: z.string().nullable(),
  at: z.string(),
  description: z.string().nullable(),
  source: z.string(),
  commit: z.string().nullable(),
  snapshot: sha.optional(),
});

export const batchMarkerSchema = z.looseObject({
  kind: z.literal('git'),
  at: z.string(),
  description: z.string(),
  files: count,
  paths: z.array(z.string()),
  afterSeq: count.nullable(),
  snapshot: sha,
  head: sha.nullable(),
  branch: z.string().nullable(),
});

export const batchSchema = z.looseObject({
  id: z.number().int().positive(),
  status: z.enum(['open', 'complete']),
  edits: z.array(editSchema),
  unrecorded: z.array(z.string()),
  unrecordedCount: count,
  before: snapshotInfoSchema,
  after: snapshotInfoSchema.nullable(),
  startedAt: z.string(),
  completedAt: z.string().nullable(),
  runId: count.nullable(),
  markers: z.array(batchMarkerSchema).optional(),
  recordedBefore: sha.optional(),
});

export const pendingOperationSchema = z.looseObject({
  kind: z.string(),
  startedAt: z.string(),
  data: z.record(z.string(), z.unknown()),
});

export const stateSchema = z.looseObject({
  schemaVersion: z.literal(3),
  config: z.unknown(),
  snapshotRef: z.string(),
  lastSnapshot: snapshotInfoSchema.nullable(),
  recordedTree: sha,
  nextSeq: count,
  nextRunId: count,
  currentBatch: batchSchema,
  completedBatches: count,
  lastRunId: count.nullable(),
  lastRecordedCommit: sha.nullable(),
  rolledBack: z.array(count),
  pending: pendingOperationSchema.nullable(),
  unwrittenBatch: batchSchema.nullable(),
});

/** An operation record (`operations/<id>.json`): the fields undo reads; the rest is kept as written. */
export const operationSchema = z.looseObject({
  id: count,
  kind: z.enum(['rollback', 'undo', 'revert']),
  startedAt: z.string(),
  batch: count.nullable(),
  undoes: count.nullable(),
  pre: snapshotInfoSchema,
  target: snapshotInfoSchema,
  post: snapshotInfoSchema.nullable(),
  branch: z.looseObject({ ref: z.string(), from: sha, to: sha }).nullable(),
  userIndexTree: sha.nullable(),
  undoneBatches: z.array(count),
  restoredBatches: z.array(count),
  closedBatch: count.nullable(),
  nextBatch: count,
  before: z.looseObject({ recordedTree: sha.optional(), rolledBack: z.array(count) }),
  after: z.looseObject({ recordedTree: sha.optional(), rolledBack: z.array(count) }),
});

/** batch 0.1's state.json (schema 2): the unrecorded paths instead of a recorded tree. */
export const stateV2Schema = stateSchema.omit({ schemaVersion: true, recordedTree: true }).extend({
  schemaVersion: z.literal(2),
  unrecorded: z.array(
    z.looseObject({
      path: z.string(),
      recorded: indexEntrySchema.nullable(),
      current: indexEntrySchema.nullable(),
    }),
  ),
});

/** One line naming where a value fails its schema (the first few problems), for an error message. */
export function describeIssues(error: z.ZodError): string {
  const shown = error.issues.slice(0, 3).map((issue) => {
    const where = issue.path.length > 0 ? issue.path.join('.') : 'the document';
    return `${where}: ${issue.message}`;
  });
  const more = error.issues.length > 3 ? ` (and ${error.issues.length - 3} more)` : '';
  return `${shown.join('; ')}${more}`;
}
