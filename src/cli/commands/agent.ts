import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  AGENT_SCOPES,
  AGENTS,
  claudeHookStatus,
  claudeSettingsFile,
  installClaudeHooks,
  uninstallClaudeHooks,
} from '../../core/agents/agentInstall.js';
import { BatchError } from '../../core/context/errors.js';
import { packageRoot } from '../../adapters/packageFiles.js';
import { messages } from '../../output/messages.js';
import { cliContext } from '../cliContext.js';
import { defineCommand } from '../commandModule.js';
import { shimPathsOfThisCli } from '../shimPaths.js';

const ACTIONS = ['install', 'uninstall', 'status'];

export const agentCommand = defineCommand({
  command: 'agent <action> <agent>',
  describe:
    "Record a coding agent's edits as it makes them and feed the verdict back (install, uninstall, status)",
  builder: (y) =>
    y
      .positional('action', { type: 'string', describe: 'install | uninstall | status', demandOption: true })
      .positional('agent', { type: 'string', describe: 'claude', demandOption: true })
      .option('scope', {
        choices: AGENT_SCOPES,
        default: 'local' as const,
        describe:
          'settings file: project (.claude/settings.json), local (.claude/settings.local.json), user (~/.claude)',
      })
      .option('json', { type: 'boolean', default: false, describe: 'Print one JSON document (status)' })
      .example(
        'batch agent install claude',
        "Claude Code's edits recorded, verdicts fed back (this machine only)",
      )
      .example('batch agent uninstall claude', 'the settings file exactly as it was before'),
  run: async (args, printer) => {
    if (!ACTIONS.includes(args.action)) {
      throw new BatchError(messages.agentBadAction(args.action), { hint: messages.agentUsage });
    }
    if (!(AGENTS as readonly string[]).includes(args.agent)) {
      throw new BatchError(messages.agentUnknown(args.agent), { hint: messages.agentUnknownHint });
    }
    const ctx = await cliContext(args, printer);
    const file = claudeSettingsFile(args.scope, ctx.ws.root, ctx.env.HOME);
    if (args.action === 'install') {
      const change = installClaudeHooks(file, {
        ...shimPathsOfThisCli(),
        script: join(packageRoot, 'hooks', 'agent-hook'),
      });
      printer.result(
        messages.agentInstalled(change.file, change.outcome === 'updated' ? 'updated' : 'installed'),
      );
      printer.info(messages.agentInstalledNext);
      if (!existsSync(ctx.ws.batchDir)) printer.info(messages.agentNotSetUp);
      return 0;
    }
    if (args.action === 'uninstall') {
      const change = uninstallClaudeHooks(file);
      printer.result(
        change.outcome === 'absent'
          ? messages.agentAbsent(file)
          : messages.agentRemoved(file, !existsSync(file)),
      );
      return 0;
    }
    const status = claudeHookStatus(file);
    if (args.json) printer.json({ agent: args.agent, scope: args.scope, ...status });
    else printer.result(messages.agentStatus(status.file, status.installed));
    return 0;
  },
});
