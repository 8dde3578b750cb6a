import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../adapters/atomicWrite.js';
import type { Workspace } from '../context/workspace.js';

/**
 * The agent hook's transient files, under git's own folder (`git rev-parse --git-path batch`), never
 * the working tree: `agents/queue/` (payloads the hook queued, one file each, named so they sort in
 * arrival order), `agents/verdict.txt` and `agents/verdict.<agent>.json` (the feedback waiting for
 * the agent's next hook call, the second already in that agent's protocol), and the pid files of the
 * recording worker and the test worker.
 */
export function agentDir(ws: Workspace): string {
  return join(ws.gitDir, 'batch', 'agents');
}

/** The queue folder the installed hook writes payloads into. */
export function queueDir(ws: Workspace): string {
  return join(agentDir(ws), 'queue');
}

/** Queued payloads, oldest first (the hook names them `<nanoseconds>-<pid>.json`). */
export function queuedPayloads(ws: Workspace): string[] {
  try {
    return readdirSync(queueDir(ws))
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => join(queueDir(ws), name));
  } catch {
    return [];
  }
}

/** A queued payload's text, or null when another worker recorded it and removed it already. */
export function readPayload(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** Removes a payload once it is recorded (recording it twice records nothing twice: same content). */
export function dropPayload(file: string): void {
  rmSync(file, { force: true });
}

/** The pid files of the two workers: `record` drains the queue, `test` runs the tests of a batch. */
export function workerPidFile(ws: Workspace, kind: 'record' | 'test'): string {
  return join(agentDir(ws), `${kind}-worker.pid`);
}

/** The feedback lines waiting for the agent, and the same rendered for each agent protocol. */
export function writeAgentVerdict(ws: Workspace, lines: string[], rendered: Record<string, string>): void {
  mkdirSync(agentDir(ws), { recursive: true });
  for (const [agent, text] of Object.entries(rendered)) {
    writeFileAtomic(join(agentDir(ws), `verdict.${agent}.json`), text);
  }
  writeFileAtomic(join(agentDir(ws), 'verdict.txt'), lines.map((line) => `${line}\n`).join(''));
}

/** Feedback as plain lines, and as each agent protocol's rendering of it. */
export interface AgentVerdict {
  lines: string[];
  rendered: Record<string, string>;
}

/** The feedback nobody has seen yet, removed as it is read (each agent protocol's copy too). */
export function takeAgentVerdict(ws: Workspace): AgentVerdict | null {
  const dir = agentDir(ws);
  let text: string;
  try {
    renameSync(join(dir, 'verdict.txt'), join(dir, 'verdict.txt.taken'));
    text = readFileSync(join(dir, 'verdict.txt.taken'), 'utf8');
  } catch {
    return null;
  }
  const rendered: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    const agent = /^verdict\.([^.]+)\.json$/.exec(name)?.[1];
    if (agent) rendered[agent] = readFileSync(join(dir, name), 'utf8');
    if (name.startsWith('verdict.')) rmSync(join(dir, name), { force: true });
  }
  return text.trim() === '' ? null : { lines: text.replace(/\n$/, '').split('\n'), rendered };
}
