import { existsSync, mkdirSync, readFileSync, statSync, truncateSync, unlinkSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { hookEnvironment, isProcessAlive, spawnDetached } from '../adapters/hookProcess.js';
import { writeFileAtomic } from '../adapters/atomicWrite.js';
import { agentFeedback, batchCulprits, claudeHookOutput } from '../core/agents/agentFeedback.js';
import {
  dropPayload,
  queuedPayloads,
  readPayload,
  workerPidFile,
  writeAgentVerdict,
} from '../core/agents/agentFiles.js';
import { parseAgentPayload } from '../core/agents/agentPayload.js';
import { recordAgentEdit } from '../core/agents/recordAgentEdit.js';
import { compareWithReferences } from '../core/compare/runComparisons.js';
import { openContext, type Context } from '../core/context/context.js';
import { BatchError, ExitCode } from '../core/context/errors.js';
import { findWorkspace, type Workspace } from '../core/context/workspace.js';
import type { Batch } from '../core/model/batchModel.js';
import { peekState } from '../core/state/session.js';
import { messages } from '../output/messages.js';
import type { Printer } from '../output/printer.js';
import { executeRunFromCli, printRunVerdict } from './runAndReport.js';
import { storedCulprits } from '../core/record/storedCulprits.js';

export type WorkerKind = 'record' | 'test';

/** How long the recording worker waits for the agent's next payload before it stops. */
const LINGER_MS = 1500;
const POLL_MS = 50;
/** The agent logs are cut back to nothing past this size. */
const MAX_LOG_BYTES = 1_000_000;

function ownsPidFile(file: string, pid: number): boolean {
  try {
    return Number(readFileSync(file, 'utf8').trim()) === pid;
  } catch {
    return false;
  }
}

function release(file: string): void {
  if (ownsPidFile(file, process.pid)) unlinkSync(file);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A failure the agent's person should see, once, on the next hook call: one line, never a block. */
function leaveFailure(ws: Workspace, message: string): void {
  const line = messages.agentRecordFailed(message);
  writeAgentVerdict(ws, [line], { claude: `${JSON.stringify({ systemMessage: line })}\n` });
}

/** Starts the test worker unless one runs (it tests the newest batch that has no run yet before it stops). */
export function startTestWorker(ctx: Context, agent: string): void {
  const file = workerPidFile(ctx.ws, 'test');
  const running = existsSync(file) ? Number(readFileSync(file, 'utf8').trim()) : 0;
  if (running > 0 && isProcessAlive(running)) return;
  const log = ctx.store.path('logs', 'agent-test.log');
  if (existsSync(log) && statSync(log).size > MAX_LOG_BYTES) truncateSync(log);
  // `batch record --stdin-json` gets here without the hook, which otherwise makes the folder
  mkdirSync(dirname(file), { recursive: true });
  const args = ['agent-run', 'test', '--agent', agent, '--cwd', ctx.ws.root];
  const pid = spawnDetached(process.execPath, [process.argv[1] ?? '', ...args], {
    cwd: ctx.ws.root,
    env: ctx.env,
    logFile: log,
  });
  if (pid) writeFileAtomic(file, `${pid}\n`);
}

async function waitForPayload(ws: Workspace): Promise<boolean> {
  for (let waited = 0; waited < LINGER_MS; waited += POLL_MS) {
    if (queuedPayloads(ws).length > 0) return true;
    await sleep(POLL_MS);
  }
  return queuedPayloads(ws).length > 0;
}

/**
 * Records every queued payload in arrival order. A payload batch refuses (a BatchError: a path it never
 * records, a lock it could not get) is dropped with one line for the agent — its changes are still in
 * the tree, and the next record's snapshot keeps them; an unexpected failure keeps the payload queued.
 */
async function drainQueue(ctx: Context, agent: string, printer: Printer): Promise<void> {
  for (const file of queuedPayloads(ctx.ws)) {
    const text = readPayload(file);
    if (text === null) continue;
    let request;
    try {
      request = parseAgentPayload(text, agent);
    } catch (error) {
      printer.info(`dropped ${file}: ${errorText(error)}`);
      dropPayload(file);
      continue;
    }
    let result = null;
    try {
      result = request ? await recordAgentEdit(ctx, request) : null;
    } catch (error) {
      if (!(error instanceof BatchError)) throw error;
      leaveFailure(ctx.ws, error.message);
    }
    dropPayload(file);
    for (const edit of result?.edits ?? [])
      printer.info(messages.recordedEdit(edit.kind, edit.path, edit.seq));
    const testable = ctx.config.testCommand && ctx.config.hook.mode !== 'off';
    if (result?.completed && testable) startTestWorker(ctx, agent);
  }
}

async function recordLoop(ctx: Context, agent: string, printer: Printer): Promise<void> {
  const file = workerPidFile(ctx.ws, 'record');
  for (;;) {
    writeFileAtomic(file, `${process.pid}\n`);
    await drainQueue(ctx, agent, printer);
    if (await waitForPayload(ctx.ws)) continue;
    release(file);
    // The hook queues its payload before it looks for a worker: one queued while this worker was
    // stopping is seen here, or the hook found no worker and started its own.
    if (queuedPayloads(ctx.ws).length === 0) return;
  }
}

/** The newest completed batch whose reserved run has no results yet, or null. */
async function untestedBatch(ctx: Context): Promise<Batch | null> {
  const state = await peekState(ctx);
  if (!state || state.completedBatches < 1) return null;
  const batch = ctx.store.readBatch<Batch>(state.completedBatches);
  return batch && batch.runId !== null && !ctx.store.hasRun(batch.runId) ? batch : null;
}

async function testLoop(ctx: Context, printer: Printer): Promise<void> {
  const file = workerPidFile(ctx.ws, 'test');
  for (;;) {
    writeFileAtomic(file, `${process.pid}\n`);
    const batch = await untestedBatch(ctx);
    if (!batch) {
      release(file);
      if (!(await untestedBatch(ctx))) return;
      continue;
    }
    printer.info(`${ctx.clock.now().toISOString()} agent: testing batch ${batch.id}`);
    // the agent goes on editing while the tests run: the last edit recorded when they start
    const testedUpTo = ((await peekState(ctx))?.nextSeq ?? 1) - 1;
    const run = await executeRunFromCli(ctx, printer, {
      batchId: batch.id,
      ...(batch.runId !== null ? { runId: batch.runId } : {}),
    });
    const comparisons = run.interrupted
      ? { previous: null, baseline: null }
      : await compareWithReferences(ctx, run);
    printRunVerdict(printer, run, comparisons);
    const broke = [comparisons.previous, comparisons.baseline].some((c) => (c?.newFailures.length ?? 0) > 0);
    if (broke && !run.interrupted && ctx.config.culprit.mode === 'auto')
      await searchForAgent(ctx, printer, batch.id);
    const stored = ctx.store.readBatch<Batch>(batch.id) ?? batch;
    const found = batchCulprits(stored);
    const culprits = found.length > 0 ? found : (storedCulprits(ctx.store, batch.id)?.culprits ?? []);
    const lines = agentFeedback(stored, run, comparisons, culprits, testedUpTo);
    if (lines.length > 0) writeAgentVerdict(ctx.ws, lines, { claude: claudeHookOutput(lines) });
  }
}

/**
 * `batch agent-run record|test`, what the agent hook starts in the background. Never fails: what goes
 * wrong is left as one line for the agent's next hook call, and the exit code is 0.
 */
export async function runAgentWorker(
  kind: WorkerKind,
  agent: string,
  cwd: string,
  printer: Printer,
): Promise<number> {
  const env = hookEnvironment(process.env);
  env.BATCH_LOCK_TIMEOUT_MS ??= '120000';
  // Closing the terminal the agent runs in must not stop the recording.
  process.on('SIGHUP', () => undefined);
  let ws: Workspace | null = null;
  try {
    ws = await findWorkspace(cwd, env);
    const ctx = await openContext({ cwd, env, logger: printer });
    if (kind === 'record') await recordLoop(ctx, agent, printer);
    else await testLoop(ctx, printer);
  } catch (error) {
    printer.error(errorText(error), error instanceof BatchError ? error.hint : undefined);
    if (ws) leaveFailure(ws, errorText(error));
  } finally {
    if (ws) release(workerPidFile(ws, kind));
  }
  return 0;
}

/** `culprit: auto` for an agent's batch: the search's culprits go into the verdict the agent hears. */
async function searchForAgent(ctx: Context, printer: Printer, batchId: number): Promise<void> {
  const { culpritSearchFromCli } = await import('./culpritSearch.js');
  try {
    await culpritSearchFromCli(ctx, printer, batchId, { print: true });
  } catch (error) {
    if (!(error instanceof BatchError) || error.exitCode === ExitCode.interrupted) throw error;
    printer.warn(`${error.message}${error.hint ? ` (${error.hint})` : ''}`);
  }
}
