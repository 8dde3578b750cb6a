import * as z from '../model/schema.js';

/**
 * The tools `batch mcp` offers an agent. Each one is a batch command line: the server runs the CLI
 * itself, so a tool behaves exactly as the command does (same checks, same locks, same `error:` and
 * `hint:` text), and its answer is that command's JSON, made compact. Tools that change the tree
 * (rollback, revert, undo) plan first: `dryRun` defaults to true
 * and they apply only when called again with `dryRun: false`.
 */
export interface McpToolSpec {
  name: string;
  description: string;
  input: z.ZodRawShape;
  /** The batch arguments for this call (the server adds --cwd). */
  argv: (input: Record<string, unknown>) => string[];
  /** The command prints one JSON document on stdout. */
  json: boolean;
  changesTree: boolean;
}

const batchId = z.number().int().positive();
const dryRun = z
  .boolean()
  .default(true)
  .describe('true (default): only the plan, nothing written; false: apply it (undoable with the undo tool)');

function flag(on: unknown, name: string): string[] {
  return on === true ? [name] : [];
}

/** The tools `batch mcp` lists. */
export const MCP_TOOLS: McpToolSpec[] = [
  {
    name: 'status',
    description:
      'The open batch (edits so far of batchSize), completed batches, the last run and the baseline.',
    input: {},
    argv: () => ['status', '--json'],
    json: true,
    changesTree: false,
  },
  {
    name: 'log',
    description:
      'Batches and their edits (seq, path, kind, source and origin: agent session and tool use, shell, watch, commit), newest last.',
    input: { limit: z.number().int().positive().default(5).describe('how many of the newest batches') },
    argv: () => ['log', '--json'],
    json: true,
    changesTree: false,
  },
  {
    name: 'report',
    description:
      "A batch's run: every test with status, file and line, failure messages, and the comparison with the previous batch and the baseline.",
    input: { batch: batchId.optional().describe('batch id; default: the last batch that has a run') },
    argv: (input) => [
      'report',
      ...(typeof input.batch === 'number' ? [String(input.batch)] : []),
      '--format',
      'json',
    ],
    json: true,
    changesTree: false,
  },
  {
    name: 'compare',
    description:
      'Runs the tests now and compares them with the baseline: newFailures, stillFailing, fixed, slowdowns (exitCode 2 = regressions).',
    input: {},
    argv: () => ['compare', '--json'],
    json: true,
    changesTree: false,
  },
  {
    name: 'rollback',
    description:
      'Brings the tree back to before batch N (later batches go with it), then runs the tests. Plan first: dryRun defaults to true.',
    input: {
      batch: batchId,
      dryRun,
      filesOnly: z.boolean().default(false).describe('keep HEAD; restored files show as uncommitted changes'),
      test: z.boolean().default(true).describe('run the tests after the rollback'),
    },
    argv: (input) => [
      'rollback',
      String(Number(input.batch)),
      ...(input.dryRun === false ? ['--yes'] : ['--dry-run']),
      ...flag(input.filesOnly, '--files-only'),
      ...(input.test === false ? ['--no-test'] : []),
    ],
    json: false,
    changesTree: true,
  },
  {
    name: 'bisect',
    description:
      'Finds the edit (or smallest set of edits) of a batch that broke each new failure, on its record snapshots in a scratch worktree (the tree is not touched): culprits[] with edits and tests, notReproducible[], runs.',
    input: {
      batch: batchId.optional().describe('default: the last batch with new failures'),
      maxRuns: z.number().int().positive().optional().describe('the most probe runs to make'),
    },
    argv: (input) => [
      'bisect',
      ...(input.batch === undefined ? [] : [String(Number(input.batch))]),
      '--json',
      ...(input.maxRuns === undefined ? [] : ['--max-runs', String(Number(input.maxRuns))]),
    ],
    json: true,
    changesTree: false,
  },
  {
    name: 'revert',
    description:
      'Takes back just these edits (numbers as in the log), keeping every other edit and unrecorded work, by a three-way merge; refused on conflict with nothing written; then runs the tests. Plan first: dryRun defaults to true.',
    input: {
      edits: z.array(z.number().int().positive()).min(1),
      dryRun,
      test: z.boolean().default(true).describe('run the tests after the revert'),
    },
    argv: (input) => [
      'revert',
      ...(Array.isArray(input.edits) ? input.edits.map((e) => String(Number(e))) : []),
      ...(input.dryRun === false ? ['--yes'] : ['--dry-run']),
      ...(input.test === false ? ['--no-test'] : []),
    ],
    json: false,
    changesTree: true,
  },
  {
    name: 'undo',
    description:
      'Undoes the last rollback (or revert, or undo): files and branch as they were. Plan first: dryRun defaults to true.',
    input: { dryRun },
    argv: (input) => ['undo', ...(input.dryRun === false ? ['--yes'] : ['--dry-run'])],
    json: false,
    changesTree: true,
  },
];
