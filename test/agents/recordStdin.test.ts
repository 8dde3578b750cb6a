import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TempRepo } from '../support/repo.js';
import { allEdits } from '../support/watchProcess.js';
import { type ClaudeAnswer, waitForAgentWorkers, writeCalcProject } from './agentHelpers.js';

/**
 * Codex CLI's PostToolUse input, in the fields its published schema requires
 * (openai/codex, codex-rs/hooks/schema/generated/post-tool-use.command.input.schema.json).
 */
function codexPayload(repo: TempRepo, tool: string, command: string, id: string): string {
  return JSON.stringify({
    session_id: '019a0f3c-codex-session',
    turn_id: 'turn-7',
    transcript_path: null,
    cwd: repo.dir,
    hook_event_name: 'PostToolUse',
    model: 'gpt-5-codex',
    permission_mode: 'default',
    tool_name: tool,
    tool_input: { command },
    tool_response: tool === 'Bash' ? { stdout: '', exit_code: 0 } : 'Success. Updated the following files',
    tool_use_id: id,
  });
}

/** Cline's PostToolUse input as its hook reference documents it (docs.cline.bot/features/hooks/hook-reference). */
function clinePayload(repo: TempRepo, toolName: string, parameters: Record<string, string>): string {
  return JSON.stringify({
    clineVersion: '3.36.0',
    hookName: 'PostToolUse',
    timestamp: '1764636000000',
    taskId: 'task-1764635990',
    workspaceRoots: [repo.dir],
    userId: 'user-1',
    postToolUse: { toolName, parameters, result: 'ok', success: true, executionTimeMs: 12 },
  });
}

describe('batch record --stdin-json with Codex CLI and Cline payloads', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = TempRepo.create();
    writeCalcProject(repo);
    expect(repo.batch(['init', '--batch-size', '2', '--test-command', 'node --test']).code).toBe(0);
  });
  afterEach(async () => {
    await waitForAgentWorkers(repo);
    repo.cleanup();
  });

  it("records Codex's apply_patch by the files its patch names, and Bash by what changed", () => {
    repo.write('src/notes.md', '# notes\n');
    repo.write('src/calc.js', 'export const add = (a, b) => b + a;\n');
    const patch =
      '*** Begin Patch\n*** Add File: src/notes.md\n+# notes\n*** Update File: src/calc.js\n@@\n' +
      '-export const add = (a, b) => a + b;\n+export const add = (a, b) => b + a;\n*** End Patch\n';
    const first = repo.batch(['record', '--stdin-json', '--agent', 'codex'], {
      input: codexPayload(repo, 'apply_patch', patch, 'call_patch_1'),
    });
    expect(first).toMatchObject({ code: 0, stdout: '' });
    repo.write('gen/out.txt', 'generated\n');
    expect(
      repo.batch(['record', '--stdin-json', '--agent', 'codex'], {
        input: codexPayload(repo, 'Bash', 'echo generated > gen/out.txt', 'call_shell_2'),
      }).code,
    ).toBe(0);
    expect(
      allEdits(repo).map((e) => [e.path, e.source, e.origin?.agent, e.origin?.tool, e.origin?.toolUse]),
    ).toEqual([
      ['src/calc.js', 'agent', 'codex', 'apply_patch', 'call_patch_1'],
      ['src/notes.md', 'agent', 'codex', 'apply_patch', 'call_patch_1'],
      ['gen/out.txt', 'shell', 'codex', 'Bash', 'call_shell_2'],
    ]);
    expect(allEdits(repo).every((e) => e.origin?.session === '019a0f3c-codex-session')).toBe(true);
  });

  it('answers Codex in the output fields its schema reads once a batch broke a test', async () => {
    repo.write('src/calc.js', 'export const add = (a, b) => a - b;\n');
    const patch = '*** Begin Patch\n*** Update File: src/calc.js\n@@\n-a + b\n+a - b\n*** End Patch\n';
    repo.batch(['record', '--stdin-json', '--agent', 'codex'], {
      input: codexPayload(repo, 'apply_patch', patch, 'call_1'),
    });
    repo.write('src/notes.md', '# notes\n');
    repo.batch(['record', '--stdin-json', '--agent', 'codex'], {
      input: codexPayload(
        repo,
        'apply_patch',
        '*** Begin Patch\n*** Add File: src/notes.md\n*** End Patch\n',
        'call_2',
      ),
    });
    await waitForAgentWorkers(repo);
    repo.write('src/more.md', 'more\n');
    const next = repo.batch(['record', '--stdin-json', '--agent', 'codex'], {
      input: codexPayload(
        repo,
        'apply_patch',
        '*** Begin Patch\n*** Add File: src/more.md\n*** End Patch\n',
        'call_3',
      ),
    });
    expect(next.code).toBe(0);
    const answer = JSON.parse(next.stdout) as ClaudeAnswer;
    expect(answer.decision).toBe('block');
    expect(answer.reason).toContain('batch 1 (edits 1–2) broke 1 test');
    expect(answer.hookSpecificOutput).toEqual({
      hookEventName: 'PostToolUse',
      additionalContext: answer.reason,
    });
  });

  it("records Cline's write_to_file and execute_command, and answers in Cline's output JSON", async () => {
    repo.write('src/calc.js', 'export const add = (a, b) => a - b;\n');
    const written = repo.batch(['record', '--stdin-json', '--agent', 'cline'], {
      input: clinePayload(repo, 'write_to_file', { path: 'src/calc.js', content: '…' }),
    });
    expect(written).toMatchObject({ code: 0, stdout: '{"cancel":false}\n' });
    repo.write('gen/out.txt', 'x\n');
    repo.batch(['record', '--stdin-json', '--agent', 'cline'], {
      input: clinePayload(repo, 'execute_command', {
        command: 'echo x > gen/out.txt',
        requires_approval: 'false',
      }),
    });
    // a tool that writes nothing is no edit
    repo.batch(['record', '--stdin-json', '--agent', 'cline'], {
      input: clinePayload(repo, 'read_file', { path: 'src/calc.js' }),
    });
    expect(
      allEdits(repo).map((e) => [e.path, e.source, e.origin?.agent, e.origin?.tool, e.origin?.session]),
    ).toEqual([
      ['src/calc.js', 'agent', 'cline', 'write_to_file', 'task-1764635990'],
      ['gen/out.txt', 'shell', 'cline', 'execute_command', 'task-1764635990'],
    ]);
    await waitForAgentWorkers(repo);
    repo.write('src/notes.md', '# notes\n');
    const next = repo.batch(['record', '--stdin-json', '--agent', 'cline'], {
      input: clinePayload(repo, 'replace_in_file', { path: 'src/notes.md', diff: '…' }),
    });
    const answer = JSON.parse(next.stdout) as { cancel: boolean; contextModification: string };
    expect(answer.cancel).toBe(false);
    expect(answer.contextModification).toContain('batch 1 (edits 1–2) broke 1 test');
    expect(answer.contextModification).toContain('batch rollback 1');
    expect(allEdits(repo).at(-1)).toMatchObject({
      path: 'src/notes.md',
      origin: { tool: 'replace_in_file' },
    });
  });
});
