import { stringify } from 'yaml';
import { HOOK_MARKER, type HookEvent } from './shimTemplate.js';

/**
 * The shell line that runs batch's shim from another manager's hook script. It finds the shim through
 * git, so the line can be committed and shared: where batch is not installed it does nothing.
 */
export function shimCallLine(event: HookEvent, args: string): string {
  return `batch_hook="$(git rev-parse --git-common-dir)/batch-hooks/${event}"; [ ! -x "$batch_hook" ] || "$batch_hook"${args ? ` ${args}` : ''}`;
}

/** The marked line appended to `.husky/<event>` (husky runs it with the hook's arguments and stdin). */
export function huskyLine(event: HookEvent): string {
  return `${shimCallLine(event, '"$@"')} # ${HOOK_MARKER}: \`batch hook uninstall\` removes this line\n`;
}

/** A new `.husky/<event>` file for husky 5 to 8, which git runs directly (husky 9 runs any file). */
export function huskyLegacyHeader(): string {
  return '#!/usr/bin/env sh\n. "$(dirname -- "$0")/_/husky.sh"\n\n';
}

const LEFTHOOK_BEGIN = `# ${HOOK_MARKER}: \`batch hook uninstall\` removes this block`;
const LEFTHOOK_END = `# end ${HOOK_MARKER}`;

/** The lefthook config entries that run batch's shims (post-rewrite needs the hook's stdin). */
export function lefthookEntries(): Record<string, unknown> {
  return {
    'post-commit': { commands: { batch: { run: shimCallLine('post-commit', '') } } },
    'post-rewrite': { commands: { batch: { run: shimCallLine('post-rewrite', '{1}'), use_stdin: true } } },
  };
}

/** The marked YAML block appended to a lefthook config. */
export function lefthookBlock(): string {
  return `${LEFTHOOK_BEGIN}\n${stringify(lefthookEntries(), { lineWidth: 0 })}${LEFTHOOK_END}\n`;
}

/** Text with batch's marked husky lines or lefthook block removed (what uninstall leaves when edited since). */
export function withoutBatchLines(text: string): string {
  const begin = text.indexOf(LEFTHOOK_BEGIN);
  const end = text.indexOf(LEFTHOOK_END);
  let rest = text;
  if (begin >= 0 && end > begin) {
    rest = text.slice(0, begin) + text.slice(end + LEFTHOOK_END.length).replace(/^\n/, '');
  }
  return rest
    .split(/(?<=\n)/)
    .filter((line) => !line.includes(`# ${HOOK_MARKER}`))
    .join('');
}

/** True when the text holds batch's husky line or lefthook block. */
export function hasBatchLines(text: string): boolean {
  return text.includes(`# ${HOOK_MARKER}`);
}

/** What to append to `text` so `added` starts on a line of its own (the separator is part of it). */
export function appendedText(text: string, added: string): string {
  if (text === '' || text.endsWith('\n\n')) return added;
  return text.endsWith('\n') ? `\n${added}` : `\n\n${added}`;
}
