import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TempRepo } from '../support/repo.js';
import { allEdits } from '../support/watchProcess.js';
import {
  fixturePayload,
  installedCommands,
  queued,
  runHookCommand,
  waitForAgentWorkers,
  writeCalcProject,
} from './agentHelpers.js';

const OTHER_HOOKS = `{
    "permissions": { "allow": ["Bash(npm test)"] },
    "hooks": {
        "PreToolUse": [
            { "matcher": "Bash", "hooks": [{ "type": "command", "command": "echo pre" }] }
        ],
        "PostToolUse": [
            { "matcher": "Write", "hooks": [{ "type": "command", "command": "prettier --write" }] }
        ]
    }
}
`;

describe('batch agent install|uninstall|status claude', () => {
  let repo: TempRepo;
  beforeEach(() => (repo = TempRepo.create()));
  afterEach(() => repo.cleanup());

  it('merges into a settings file with other hooks, and uninstall gives the file back byte for byte', () => {
    const file = repo.path('.claude/settings.json');
    repo.write('.claude/settings.json', OTHER_HOOKS);
    expect(repo.batch(['agent', 'install', 'claude', '--scope', 'project']).code).toBe(0);
    const settings = JSON.parse(readFileSync(file, 'utf8')) as {
      hooks: { PreToolUse: unknown[]; PostToolUse: { matcher: string }[] };
      permissions: unknown;
    };
    expect(settings.permissions).toEqual({ allow: ['Bash(npm test)'] });
    expect(settings.hooks.PreToolUse).toHaveLength(1);
    expect(settings.hooks.PostToolUse.map((g) => g.matcher)).toEqual([
      'Write',
      'Edit|Write|MultiEdit|NotebookEdit',
      'Bash',
    ]);
    const status = repo.json<{ installed: boolean }>(['agent', 'status', 'claude', '--scope', 'project']);
    expect(status.installed).toBe(true);
    // installing twice replaces batch's entries instead of adding more
    expect(repo.batch(['agent', 'install', 'claude', '--scope', 'project']).code).toBe(0);
    expect(installedCommands(file)).toHaveLength(3);
    expect(repo.batch(['agent', 'uninstall', 'claude', '--scope', 'project']).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(OTHER_HOOKS);
  });

  it('creates the local settings file when there is none and removes it again', () => {
    const file = repo.path('.claude/settings.local.json');
    expect(repo.batch(['agent', 'install', 'claude']).code).toBe(0);
    expect(installedCommands(file)).toHaveLength(2);
    expect(repo.batch(['agent', 'uninstall', 'claude']).code).toBe(0);
    expect(existsSync(file)).toBe(false);
  });

  it("writes the user's settings under HOME with --scope user", () => {
    repo.write('../home/.claude/settings.json', '{\n  "model": "opus"\n}\n');
    expect(repo.batch(['agent', 'install', 'claude', '--scope', 'user']).code).toBe(0);
    expect(installedCommands(join(repo.home, '.claude/settings.json'))).toHaveLength(2);
    expect(repo.batch(['agent', 'uninstall', 'claude', '--scope', 'user']).code).toBe(0);
    expect(readFileSync(join(repo.home, '.claude/settings.json'), 'utf8')).toBe('{\n  "model": "opus"\n}\n');
  });
});

/** The session of the 2026 captures' shapes (write, edit, bash). */
const SESSION = '3f6b2a9c-71d4-4e0b-9a58-c2e1d7b04f16';

describe('the installed Claude Code hook', () => {
  // the project, init and the installed hook are built once; each test starts from its own copy of that
  // repository (the settings file names node, the CLI and the hook script, not the repository's path)
  let template: TempRepo;
  let repo: TempRepo;
  let command: string;
  beforeAll(async () => {
    template = TempRepo.create();
    writeCalcProject(template);
    expect(template.batch(['init', '--batch-size', '2', '--test-command', 'node --test']).code).toBe(0);
    expect(template.batch(['agent', 'install', 'claude']).code).toBe(0);
    // the local settings file is the person's, not an edit of the project
    writeFileSync(template.path('.git/info/exclude'), '.batch/\n.claude/\n');
    await waitForAgentWorkers(template); // nothing running in the repository that is copied
    for (const file of ['.claude/settings.local.json', '.git/config', '.batch/state.json'])
      expect(readFileSync(template.path(file), 'utf8')).not.toContain(dirname(template.dir));
  });
  afterAll(() => template.cleanup());
  beforeEach(() => {
    repo = template.copy();
    command = installedCommands(repo.path('.claude/settings.local.json'))[0] ?? '';
  });
  afterEach(async () => {
    await waitForAgentWorkers(repo);
    repo.cleanup();
  });

  it("records each captured payload once, with the session and tool-use ids as the edit's origin", async () => {
    repo.write('src/notes.md', '# notes\n');
    expect(runHookCommand(repo, command, fixturePayload(repo, 'write'))).toMatchObject({
      code: 0,
      stdout: '',
    });
    repo.write('src/math.js', 'export const add = (a, b) => a - b;\n');
    expect(runHookCommand(repo, command, fixturePayload(repo, 'edit')).code).toBe(0);
    repo.write('src/util.js', 'export const words = ["uno", "dos"];\n');
    expect(runHookCommand(repo, command, fixturePayload(repo, 'multiedit')).code).toBe(0);
    repo.write('src/generated.js', 'export const name = "new";\n');
    expect(runHookCommand(repo, command, fixturePayload(repo, 'bash')).code).toBe(0);
    await waitForAgentWorkers(repo);
    // the same payload again (a retried hook) records nothing new, with a tool-use id or without
    expect(runHookCommand(repo, command, fixturePayload(repo, 'write')).code).toBe(0);
    expect(runHookCommand(repo, command, fixturePayload(repo, 'multiedit')).code).toBe(0);
    await waitForAgentWorkers(repo);
    const edits = allEdits(repo);
    // the 2025 MultiEdit capture has no tool_use_id: recorded all the same, its tool use null
    expect(
      edits.map((e) => [e.path, e.source, e.origin?.tool, e.origin?.toolUse, e.origin?.session]),
    ).toEqual([
      ['src/notes.md', 'agent', 'Write', 'toolu_01Wr7kQz3NcV8pLm2XsT4yHa', SESSION],
      ['src/math.js', 'agent', 'Edit', 'toolu_01Ed4hRt9WbK2qNx6VmP3sLc', SESSION],
      ['src/util.js', 'agent', 'MultiEdit', null, '9e41c7d2-0b5a-4f3e-8c61-5a7d2e9f1b03'],
      ['src/generated.js', 'shell', 'Bash', 'toolu_01Bs8yLe5TqW3nHc7XkR2vMd', SESSION],
    ]);
    expect(edits[3]?.origin?.command).toBe("sed -i 's/old/new/' src/generated.js && echo done");
    const log = repo.batch(['log']).stdout;
    expect(log).toContain('claude Write · session 3f6b2a9c-71d… · tool use toolu_01Wr7k…');
    expect(log).toContain('[claude MultiEdit · session 9e41c7d2-0b5…]');
    expect(log).toContain("shell (claude): $ sed -i 's/old/new/' src/generated.js && echo done");
  });

  it('answers the call after a batch broke a test with the test, its file:line and the way back', async () => {
    repo.write('src/calc.js', 'export const add = (a, b) => a - b;\n');
    expect(
      runHookCommand(repo, command, fixturePayload(repo, 'edit').replaceAll('math.js', 'calc.js')).code,
    ).toBe(0);
    repo.write('src/notes.md', '# notes\n');
    expect(runHookCommand(repo, command, fixturePayload(repo, 'write')).stdout).toBe('');
    await waitForAgentWorkers(repo);
    repo.write('src/notes.md', '# notes, more\n');
    const next = runHookCommand(repo, command, fixturePayload(repo, 'write'));
    expect(next.code).toBe(0);
    const answer = JSON.parse(next.stdout) as {
      decision: string;
      reason: string;
      hookSpecificOutput: { hookEventName: string; additionalContext: string };
    };
    expect(answer.decision).toBe('block');
    expect(answer.hookSpecificOutput.hookEventName).toBe('PostToolUse');
    expect(answer.reason).toContain('batch 1 (edits 1–2) broke 1 test');
    expect(answer.reason).toMatch(
      /✗ adds at test\/calc\.test\.js:\d+ — Expected values to be strictly equal/,
    );
    expect(answer.reason).toContain('batch rollback 1');
    expect(answer.hookSpecificOutput.additionalContext).toBe(answer.reason);
    // told once: the call after that is silent again
    await waitForAgentWorkers(repo);
    expect(runHookCommand(repo, command, fixturePayload(repo, 'write')).stdout).toBe('');
  });

  it('exits 0 with one line when node is gone from PATH and the installed node path is gone too', () => {
    const moved = command.replace(/'[^']*node'/, "'/nonexistent/bin/node'");
    const result = runHookCommand(repo, moved, fixturePayload(repo, 'write'), {
      PATH: pathWithoutNode(repo),
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('node or the batch CLI was not found');
    // the payload waits in the queue for the next call that finds node
    expect(queued(repo)).toBe(1);
    expect(runHookCommand(repo, command, fixturePayload(repo, 'write')).code).toBe(0);
  });

  it('exits 0 with one line when the hook script is gone (a moved package)', () => {
    const moved = command.replaceAll(/'[^']*agent-hook'/g, "'/nonexistent/agent-hook'");
    const result = runHookCommand(repo, moved, fixturePayload(repo, 'write'));
    expect(result).toMatchObject({ code: 0, stdout: '' });
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it("exits 0 when batch's state is corrupt, and records the next edit (the state is rebuilt)", async () => {
    writeFileSync(repo.path('.batch/state.json'), '{ not json');
    repo.write('src/notes.md', '# notes\n');
    expect(runHookCommand(repo, command, fixturePayload(repo, 'write'))).toMatchObject({
      code: 0,
      stdout: '',
    });
    await waitForAgentWorkers(repo);
    // the rebuilt state takes the tree as it is; what the agent writes next is an edit again
    repo.write('src/notes.md', '# notes, again\n');
    expect(runHookCommand(repo, command, fixturePayload(repo, 'write')).code).toBe(0);
    await waitForAgentWorkers(repo);
    expect(allEdits(repo).map((e) => e.origin?.toolUse)).toContain('toolu_01Wr7kQz3NcV8pLm2XsT4yHa');
  });

  it('exits 0 when batch cannot work (a broken .batchrc), and the next call says so in one line', async () => {
    repo.write('.batchrc', '{ "batchSize": "many" }\n');
    repo.write('src/notes.md', '# notes\n');
    expect(runHookCommand(repo, command, fixturePayload(repo, 'write'))).toMatchObject({
      code: 0,
      stdout: '',
    });
    await waitForAgentWorkers(repo, false);
    const next = runHookCommand(repo, command, fixturePayload(repo, 'write'));
    expect(next.code).toBe(0);
    const answer = JSON.parse(next.stdout) as { systemMessage: string; decision?: string };
    expect(answer.decision).toBeUndefined();
    expect(answer.systemMessage.split('\n')).toHaveLength(1);
    expect(answer.systemMessage).toContain('.batchrc');
    // the payloads stay queued until batch can record them
    repo.write('.batchrc', '{ "batchSize": 2, "testCommand": "node --test" }\n');
    expect(runHookCommand(repo, command, fixturePayload(repo, 'write')).code).toBe(0);
    await waitForAgentWorkers(repo);
    // the rebuilt state takes the tree as it is; what the agent writes next is an edit again
    repo.write('src/notes.md', '# notes, again\n');
    expect(runHookCommand(repo, command, fixturePayload(repo, 'write')).code).toBe(0);
    await waitForAgentWorkers(repo);
    expect(allEdits(repo).map((e) => e.origin?.toolUse)).toContain('toolu_01Wr7kQz3NcV8pLm2XsT4yHa');
  });
});

/** A PATH with git and the few tools the hook script uses, and no node: "node is gone". */
function pathWithoutNode(repo: TempRepo): string {
  const dir = join(repo.home, 'bin-without-node');
  mkdirSync(dir);
  for (const tool of ['git', 'date', 'cat', 'mv', 'mkdir', 'rm']) {
    const found = spawnSync('/bin/sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
    symlinkSync(found, join(dir, tool));
  }
  return dir;
}
