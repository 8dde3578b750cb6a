/**
 * `batch mcp --print-config`: the snippet each agent reads its MCP servers from, with this machine's
 * node and CLI paths and the worktree to serve. Claude Code: `.mcp.json` (project) or `claude mcp add`;
 * Cursor: `.cursor/mcp.json`, the same `mcpServers` shape; Codex CLI: `~/.codex/config.toml`.
 */
export function mcpClientConfig(node: string, cli: string, root: string): string {
  const args = [cli, 'mcp', '--cwd', root];
  const json = JSON.stringify({ mcpServers: { batch: { command: node, args } } }, null, 2);
  const toml = [
    '[mcp_servers.batch]',
    `command = ${JSON.stringify(node)}`,
    `args = [${args.map((a) => JSON.stringify(a)).join(', ')}]`,
  ].join('\n');
  const quoted = [node, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  return [
    '# Claude Code: .mcp.json at the project root (or run the command below)',
    json,
    '',
    `claude mcp add batch -- ${quoted}`,
    '',
    '# Cursor: .cursor/mcp.json (the same JSON)',
    '',
    '# Codex CLI: ~/.codex/config.toml',
    toml,
  ].join('\n');
}
