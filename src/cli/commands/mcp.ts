import { readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../adapters/packageFiles.js';
import { mcpClientConfig } from '../../output/mcpConfig.js';
import { cliContext } from '../cliContext.js';
import { defineCommand } from '../commandModule.js';

export const mcpCommand = defineCommand({
  command: 'mcp',
  describe:
    'Model Context Protocol server over stdio: status, log, report, compare, rollback, undo for agents',
  builder: (y) =>
    y
      .option('print-config', {
        type: 'boolean',
        default: false,
        describe: 'Print the snippet that adds this server to Claude Code, Codex and Cursor',
      })
      .example('batch mcp --print-config', 'how to add batch to an agent')
      .example('claude mcp add batch -- batch mcp', "Claude Code's own way to add it"),
  run: async (args, printer) => {
    const cli = realpathSync(join(packageRoot, 'bin', 'batch.js'));
    const ctx = await cliContext(args, printer);
    if (args['print-config']) {
      printer.result(mcpClientConfig(process.execPath, cli, ctx.ws.root));
      return 0;
    }
    const { version } = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as {
      version: string;
    };
    const { serveMcp } = await import('../mcpServer.js');
    await serveMcp(cli, ctx.ws.root, version);
    return 0;
  },
});
