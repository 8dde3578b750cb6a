import { readPackageFile } from '../../adapters/packageFiles.js';

/** The git hooks batch installs: post-commit records commits, post-rewrite maps amends and rebases. */
export const HOOK_EVENTS = ['post-commit', 'post-rewrite'] as const;
export type HookEvent = (typeof HOOK_EVENTS)[number];

/** Every file or line batch writes for its hooks carries this marker; nothing without it is ever deleted. */
export const HOOK_MARKER = 'batch-managed-hook';

/** Where node and the batch CLI were when `batch hook install` ran: baked into the shims. */
export interface ShimPaths {
  node: string;
  cli: string;
}

/** Quotes a string for POSIX sh: single quotes, with `'` written as `'\''`. */
export function shQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The shim for `event` from the package's hooks/ folder, with node's and the CLI's absolute paths. */
export function renderShim(event: HookEvent, paths: ShimPaths): string {
  return readPackageFile(`hooks/${event}`)
    .replace('@BATCH_NODE@', () => shQuote(paths.node))
    .replace('@BATCH_CLI@', () => shQuote(paths.cli));
}

/** True when a hook file's text is one of batch's shims. */
export function isBatchShim(text: string): boolean {
  return text.split('\n', 3).some((line) => line.startsWith(`# ${HOOK_MARKER}`));
}

/** The node and CLI paths baked into a shim, or null when it is not one of batch's. */
export function shimPaths(text: string): ShimPaths | null {
  if (!isBatchShim(text)) return null;
  const read = (name: string) => {
    const match = new RegExp(`^${name}=('(?:[^']|'\\\\'')*')$`, 'm').exec(text);
    return match?.[1] ? match[1].slice(1, -1).replace(/'\\''/g, "'") : null;
  };
  const node = read('batch_node');
  const cli = read('batch_cli');
  return node !== null && cli !== null ? { node, cli } : null;
}
