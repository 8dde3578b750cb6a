/** What `batch bisect` finds, as `bisect --json` prints it and `.batch/culprits/<batch>.json` keeps it. */
import * as z from './schema.js';

const culpritEdit = z.object({
  seq: z.number(),
  path: z.string(),
  kind: z.string(),
  description: z.string().nullable(),
  source: z.string(),
  commit: z.string().nullable(),
  /** Lines added and removed by the edit (null for a binary file). */
  added: z.number().nullable(),
  removed: z.number().nullable(),
});

const culpritTest = z.object({
  id: z.string(),
  name: z.string(),
  file: z.string().nullable(),
  line: z.number().nullable(),
  message: z.string().nullable(),
});

const probeRecord = z.object({
  tree: z.string(),
  /** How many tests were asked about and how many the runner ran. */
  asked: z.number(),
  ran: z.number(),
  narrowing: z.enum(['name', 'file', 'none']),
});

export const bisectResultSchema = z.object({
  batch: z.number(),
  at: z.string(),
  culprits: z.array(
    z.object({
      edits: z.array(culpritEdit),
      tests: z.array(culpritTest),
      /** The probe runs made to settle these tests (the whole search's, shared). */
      runs: z.number(),
    }),
  ),
  notReproducible: z.array(culpritTest),
  /** Tests the search could not finish within `--max-runs`. */
  unresolved: z.array(culpritTest),
  runs: z.number(),
  cached: z.number(),
  probes: z.array(probeRecord),
  notes: z.array(z.string()),
});

export type BisectResult = z.infer<typeof bisectResultSchema>;
export type CulpritEdit = z.infer<typeof culpritEdit>;
export type CulpritTest = z.infer<typeof culpritTest>;
export type ProbeRecord = z.infer<typeof probeRecord>;

/** Where a batch's culprits are stored, under `.batch/`. */
export function culpritsDocument(batchId: number): string {
  return `culprits/${batchId}.json`;
}

/** The stored culprit search of a batch, or null when there is none (or the file does not pass the schema). */
export function parseBisectResult(raw: unknown): BisectResult | null {
  const parsed = bisectResultSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}
