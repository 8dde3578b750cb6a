import * as z from '../model/schema.js';

/**
 * A culprit as DESIGN.md's bisect fields store it with a batch (`culprits[]`): the edit (or smallest
 * set of edits) and the tests it broke. Checked where a batch file is read, so the page can trust it.
 */
export const culpritSchema = z.object({
  edits: z.array(
    z.object({
      seq: z.number().int(),
      path: z.string(),
      kind: z.string(),
      description: z.string().nullable().optional(),
      source: z.string().optional(),
    }),
  ),
  tests: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      file: z.string().nullable().optional(),
      line: z.number().int().nullable().optional(),
      message: z.string().nullable().optional(),
    }),
  ),
});

export type Culprit = z.infer<typeof culpritSchema>;

/** The culprits stored in a batch file, or [] when it has none; a malformed field is left out, not trusted. */
export function readCulprits(batch: unknown): Culprit[] {
  if (typeof batch !== 'object' || batch === null || !('culprits' in batch)) return [];
  const parsed = z.array(culpritSchema).safeParse(batch.culprits);
  return parsed.success ? parsed.data : [];
}
